// An organisation's webhook endpoints (its owners manage them) and their delivery log.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { WebhookReason, webhookErrors } from './webhook.errors';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError, NotFoundError, notFoundAs } from '../core/errors/app-error';
import { OutboxService } from '../core/outbox/outbox.service';
import { ConnectionShape, createdAtKeys, PageArgs, paginate } from '../core/pagination/connection';
import { JobName } from '../core/queue/jobs';
import { Leaver, OffboardingSteps } from '../identity/offboarding';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
} from './dto/webhook.inputs';
import { CreatedWebhookEndpoint } from './dto/webhook.types';
import { seal, webhookSecretKey } from './secret-box';
import { urlProblem } from './url-guard';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { WebhookDeliveryStatus, WebhookEndpointStatus } from './webhook.enums';

/** What the audit trail keeps of an endpoint: never its secret. */
const snapshot = ({ secretSealed: _secret, ...rest }: WebhookEndpoint) => rest;

@Injectable()
export class WebhookService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly offboarding: OffboardingSteps,
  ) {}

  onModuleInit(): void {
    this.offboarding.register(async (tx, leaver) => {
      await this.disableCreatedBy(tx, leaver);
    });
  }

  /**
   * An owner who leaves or is demoted takes the organisation's events with them no longer: the
   * endpoints they created are disabled (audited; a current owner may enable them again) and the
   * remaining owners are told. Runs in the membership change's transaction.
   */
  async disableCreatedBy(tx: RequestContext, leaver: Leaver): Promise<number> {
    const endpoints = await this.db.repo(tx, WebhookEndpoint).find({
      where: {
        organizationId: leaver.organizationId,
        createdById: leaver.personId,
        status: WebhookEndpointStatus.ENABLED,
      },
      lock: { mode: 'pessimistic_write' },
    });
    const reason =
      leaver.cause === 'demoted'
        ? 'its creator is no longer an owner; an owner may enable it again'
        : 'its creator left the organisation; an owner may enable it again';
    for (const endpoint of endpoints) {
      await this.db
        .repo(tx, WebhookEndpoint)
        .update(
          { id: endpoint.id },
          { status: WebhookEndpointStatus.DISABLED, disabledReason: reason },
        );
      await this.audit.record(tx, {
        action: 'webhook-endpoint.disabled',
        subjectType: 'WebhookEndpoint',
        subjectId: endpoint.id,
        organizationId: endpoint.organizationId,
        before: { status: WebhookEndpointStatus.ENABLED },
        after: { status: WebhookEndpointStatus.DISABLED, reason },
      });
      await this.outbox.emit(
        tx,
        JobName.WebhookDisabled,
        { endpointId: endpoint.id, disabledAt: new Date().toISOString(), cause: 'creator-left' },
        { organizationId: endpoint.organizationId },
      );
    }
    return endpoints.length;
  }

  /** The organisation's endpoints, oldest first, a page at a time. */
  list(ctx: RequestContext, page: PageArgs): Promise<ConnectionShape<WebhookEndpoint>> {
    const qb = this.db
      .repo(ctx, WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.organization_id = :orgId', { orgId: ctx.orgId });
    return paginate(qb, page, createdAtKeys('e'), 'ASC');
  }

  async create(
    ctx: RequestContext,
    input: CreateWebhookEndpointInput,
  ): Promise<CreatedWebhookEndpoint> {
    await this.checkUrl(input.url);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const endpoint = await this.db.transaction(ctx, async (tx) => {
      const count = await this.db.repo(tx, WebhookEndpoint).countBy({ organizationId: tx.orgId });
      if (count >= 20) throw webhookErrors.conflict(WebhookReason.TOO_MANY_ENDPOINTS, {});
      const saved = await this.db.repo(tx, WebhookEndpoint).save({
        organizationId: tx.orgId,
        url: input.url,
        description: input.description ?? '',
        eventTypes: input.eventTypes,
        secretSealed: seal(webhookSecretKey(this.config), secret),
        status: WebhookEndpointStatus.ENABLED,
        disabledReason: null,
        consecutiveFailures: 0,
        createdById: tx.userId ?? null,
      });
      await this.audit.record(tx, {
        action: 'webhook-endpoint.created',
        subjectType: 'WebhookEndpoint',
        subjectId: saved.id,
        after: snapshot(saved),
      });
      return saved;
    });
    return { endpoint, secret };
  }

  async update(ctx: RequestContext, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    if (input.url !== undefined) await this.checkUrl(input.url);
    return this.db.transaction(ctx, async (tx) => {
      const before = await this.own(tx, input.endpointId, true);
      const changes: Partial<WebhookEndpoint> = {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.enabled === true
          ? { status: WebhookEndpointStatus.ENABLED, disabledReason: null, consecutiveFailures: 0 }
          : input.enabled === false
            ? { status: WebhookEndpointStatus.DISABLED, disabledReason: 'disabled by hand' }
            : {}),
      };
      await this.db.repo(tx, WebhookEndpoint).update({ id: before.id }, changes);
      const after = await this.db.repo(tx, WebhookEndpoint).findOneByOrFail({ id: before.id });
      await this.audit.record(tx, {
        action: 'webhook-endpoint.updated',
        subjectType: 'WebhookEndpoint',
        subjectId: before.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  async remove(ctx: RequestContext, endpointId: string): Promise<boolean> {
    return this.db.transaction(ctx, async (tx) => {
      const endpoint = await this.own(tx, endpointId, true);
      await this.db.repo(tx, WebhookEndpoint).delete({ id: endpoint.id });
      await this.audit.record(tx, {
        action: 'webhook-endpoint.deleted',
        subjectType: 'WebhookEndpoint',
        subjectId: endpoint.id,
        before: snapshot(endpoint),
      });
      return true;
    });
  }

  async deliveries(
    ctx: RequestContext,
    args: WebhookDeliveriesArgs,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    const { endpointId, ...page } = args;
    await this.own(ctx, endpointId);
    const qb = this.db
      .repo(ctx, WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.endpoint_id = :endpointId', { endpointId });
    return paginate(qb, page, createdAtKeys('d'));
  }

  /** Sends a delivery again (after it failed, or to replay it); the receiver sees the same event id. */
  async redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery> {
    return this.db.transaction(ctx, async (tx) => {
      const delivery = await this.db.repo(tx, WebhookDelivery).findOneBy({ id: deliveryId });
      if (!delivery) throw new NotFoundError('WebhookDelivery', deliveryId);
      const endpoint = await this.own(tx, delivery.endpointId, true).catch(
        notFoundAs('WebhookDelivery', deliveryId),
      );
      if (delivery.status === WebhookDeliveryStatus.PENDING)
        throw webhookErrors.conflict(WebhookReason.DELIVERY_PENDING, { current: delivery.status });
      if (endpoint.status !== WebhookEndpointStatus.ENABLED)
        throw webhookErrors.conflict(WebhookReason.ENDPOINT_DISABLED, {});
      await this.db
        .repo(tx, WebhookDelivery)
        .update({ id: delivery.id }, { status: WebhookDeliveryStatus.PENDING });
      await this.outbox.emit(tx, JobName.DeliverWebhook, { deliveryId: delivery.id });
      await this.audit.record(tx, {
        action: 'webhook-delivery.redelivered',
        subjectType: 'WebhookDelivery',
        subjectId: delivery.id,
        before: { status: delivery.status },
        after: { status: WebhookDeliveryStatus.PENDING },
      });
      return this.db.repo(tx, WebhookDelivery).findOneByOrFail({ id: delivery.id });
    });
  }

  private async own(ctx: RequestContext, id: string, lock = false): Promise<WebhookEndpoint> {
    const qb = this.db
      .repo(ctx, WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.id = :id AND e.organization_id = :org', { id, org: ctx.orgId });
    if (lock) qb.setLock('pessimistic_write');
    const endpoint = await qb.getOne();
    if (!endpoint) throw new NotFoundError('WebhookEndpoint', id);
    return endpoint;
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await urlProblem(url, this.config.get('WEBHOOK_ALLOW_PRIVATE_URLS'));
    if (problem) throw BadUserInputError.forField('url', problem, `URL ungültig: ${problem}`);
  }
}
