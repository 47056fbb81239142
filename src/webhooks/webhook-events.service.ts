// Services publish domain events here, inside their transaction; the worker fans them out to the
// webhook endpoints of the organisations concerned (funder and grantee). The event waits in the
// webhook_event table; the queued job carries its id only.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import type { WriteBatch } from '../core/database/write-batch';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import { WebhookEvent } from './webhook.entity';
import { WebhookEventType } from './webhook.enums';

@Injectable()
export class WebhookEvents {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxService,
  ) {}

  async publish(
    tx: RequestContext,
    type: WebhookEventType,
    organizationIds: string[],
    data: Record<string, unknown>,
  ): Promise<void> {
    const event = this.event(type, organizationIds, data);
    await this.db.repo(tx, WebhookEvent).insert(event);
    await this.outbox.emit(
      tx,
      JobName.WebhookFanout,
      { eventId: event.id },
      { organizationId: null },
    );
  }

  /** The same event added to a batch of writes of the caller's transaction. */
  publishIn(
    batch: WriteBatch,
    tx: RequestContext,
    type: WebhookEventType,
    organizationIds: string[],
    data: Record<string, unknown>,
  ): void {
    const event = this.event(type, organizationIds, data);
    batch.insert(WebhookEvent, [event]);
    this.outbox.emitIn(
      batch,
      tx,
      JobName.WebhookFanout,
      { eventId: event.id },
      { organizationId: null },
    );
  }

  private event(
    type: WebhookEventType,
    organizationIds: string[],
    data: Record<string, unknown>,
  ): WebhookEvent {
    return {
      id: randomUUID(),
      type,
      occurredAt: new Date(),
      organizationIds: [...new Set(organizationIds)],
      data: JSON.parse(
        JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
      ) as object,
    };
  }
}
