// Sends one delivery: signed POST, no redirects, a deadline for the whole attempt. A failed attempt throws, so BullMQ
// retries it with exponential backoff (WEBHOOK_MAX_ATTEMPTS, WEBHOOK_BACKOFF_MS); every attempt is
// logged on the delivery row. Too many failures in a row disable the endpoint and tell its owners.
import { Injectable, Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { AppConfig } from '../core/config/app-config.service';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobInfo, OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { open, webhookSecretKey } from './secret-box';
import { SIGNATURE_HEADER, signPayload } from './signature';
import { postWebhook } from './http-post';
import { urlProblem } from './url-guard';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { WebhookDeliveryStatus, WebhookEndpointStatus } from './webhook.enums';

class DeliveryFailed extends Error {}

@Injectable()
export class DeliverWebhookJob {
  private readonly logger = new Logger(DeliverWebhookJob.name);
  private readonly ctx = RequestContext.system('webhook delivery');

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  @OnJob(JobName.DeliverWebhook)
  async run(
    payload: JobPayloads[JobName.DeliverWebhook],
    info?: JobInfo,
  ): Promise<{ status: WebhookDeliveryStatus }> {
    const deliveries = this.db.repo(this.ctx, WebhookDelivery);
    const delivery = await deliveries.findOneBy({ id: payload.deliveryId });
    if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING)
      return { status: delivery?.status ?? WebhookDeliveryStatus.CANCELLED };
    const endpoint = await this.db
      .repo(this.ctx, WebhookEndpoint)
      .findOneBy({ id: delivery.endpointId });
    if (!endpoint || endpoint.status !== WebhookEndpointStatus.ENABLED) {
      await deliveries.update(
        { id: delivery.id, status: WebhookDeliveryStatus.PENDING },
        { status: WebhookDeliveryStatus.CANCELLED, lastError: 'endpoint disabled' },
      );
      return { status: WebhookDeliveryStatus.CANCELLED };
    }

    const started = Date.now();
    let code: number | null = null;
    let error: string | null = null;
    const problem = await urlProblem(endpoint.url, this.config.get('WEBHOOK_ALLOW_PRIVATE_URLS'));
    if (problem) error = `URL ${problem}`;
    else {
      try {
        const secret = open(webhookSecretKey(this.config), endpoint.secretSealed);
        const res = await postWebhook(
          endpoint.url,
          {
            'content-type': 'application/json',
            'user-agent': 'Meilenstein-Webhooks/1',
            [SIGNATURE_HEADER]: signPayload(secret, delivery.body, Math.floor(Date.now() / 1000)),
            'Meilenstein-Event-Id': delivery.eventId,
            'Meilenstein-Event-Type': delivery.eventType,
          },
          delivery.body,
          {
            timeoutMs: this.config.get('WEBHOOK_TIMEOUT_SECONDS') * 1000,
            allowPrivate: this.config.get('WEBHOOK_ALLOW_PRIVATE_URLS'),
          },
        );
        code = res.status;
        if (code < 200 || code >= 300) error = `answered ${code}`;
      } catch (e) {
        error =
          (e as Error).name === 'TimeoutError'
            ? `timed out: ${(e as Error).message} (the limit covers the whole attempt)`
            : (e as Error).message;
      }
    }
    const attempt = {
      attempts: () => 'attempts + 1',
      lastStatusCode: code,
      lastError: error?.slice(0, 500) ?? null,
      lastDurationMs: Date.now() - started,
      lastAttemptAt: new Date(),
    };
    if (!error) {
      await this.finish(delivery, endpoint, {
        ...attempt,
        status: WebhookDeliveryStatus.SUCCEEDED,
        deliveredAt: new Date(),
      });
      await this.db
        .repo(this.ctx, WebhookEndpoint)
        .update({ id: endpoint.id }, { consecutiveFailures: 0 });
      return { status: WebhookDeliveryStatus.SUCCEEDED };
    }

    const disabled = await this.countFailure(endpoint);
    const max = this.config.get('WEBHOOK_MAX_ATTEMPTS');
    // A delivery sent again by the sweeper keeps counting its attempts on the row.
    const last = (info?.attempt ?? 1) >= max || delivery.attempts + 1 >= max;
    const status = disabled || last ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;
    if (status === WebhookDeliveryStatus.FAILED)
      await this.finish(delivery, endpoint, { ...attempt, status });
    else await deliveries.update({ id: delivery.id }, { ...attempt, status });
    if (status === WebhookDeliveryStatus.FAILED) {
      this.logger.warn(`webhook delivery ${delivery.id} gave up: ${error}`);
      return { status };
    }
    throw new DeliveryFailed(`webhook delivery ${delivery.id}: ${error}`);
  }

  /** A delivery's final state, with its audit event in the same transaction. */
  private async finish(
    delivery: WebhookDelivery,
    endpoint: WebhookEndpoint,
    changes: Parameters<Repository<WebhookDelivery>['update']>[1],
  ): Promise<void> {
    await this.db.transaction(this.ctx, async (tx) => {
      await this.db.repo(tx, WebhookDelivery).update({ id: delivery.id }, changes);
      const after = await this.db.repo(tx, WebhookDelivery).findOneByOrFail({ id: delivery.id });
      await this.audit.record(tx, {
        action: `webhook-delivery.${after.status.toLowerCase()}`,
        subjectType: 'WebhookDelivery',
        subjectId: delivery.id,
        organizationId: endpoint.organizationId,
        before: { status: delivery.status, attempts: delivery.attempts },
        after: {
          status: after.status,
          attempts: after.attempts,
          lastStatusCode: after.lastStatusCode,
          lastError: after.lastError,
        },
      });
    });
  }

  /** Counts a failed attempt; disables the endpoint at the threshold. Answers whether it did. */
  private async countFailure(endpoint: WebhookEndpoint): Promise<boolean> {
    return this.db.transaction(this.ctx, async (tx) => {
      const [[row]] = await this.db.manager(tx).query<[{ failures: number }[], number]>(
        `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1
          WHERE id = $1 RETURNING consecutive_failures AS failures`,
        [endpoint.id],
      );
      if (!row || row.failures < this.config.get('WEBHOOK_DISABLE_AFTER_FAILURES')) return false;
      const reason = `${row.failures} failed attempts in a row`;
      const [changed] = await this.db.manager(tx).query<[unknown[], number]>(
        `UPDATE webhook_endpoint SET status = $2, disabled_reason = $3, updated_at = now()
          WHERE id = $1 AND status = $4 RETURNING id`,
        [endpoint.id, WebhookEndpointStatus.DISABLED, reason, WebhookEndpointStatus.ENABLED],
      );
      if (!changed.length) return true;
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
        { endpointId: endpoint.id, disabledAt: new Date().toISOString() },
        { organizationId: endpoint.organizationId },
      );
      return true;
    });
  }
}
