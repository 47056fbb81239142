// Services publish domain events here, inside their transaction; the worker fans them out to the
// webhook endpoints of the organisations concerned (funder and grantee).
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '../core/context/request-context';
import type { WriteBatch } from '../core/database/write-batch';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import { WebhookEventType } from './webhook.enums';

@Injectable()
export class WebhookEvents {
  constructor(private readonly outbox: OutboxService) {}

  async publish(
    tx: RequestContext,
    type: WebhookEventType,
    organizationIds: string[],
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.outbox.emit(tx, JobName.WebhookFanout, this.event(type, organizationIds, data), {
      organizationId: null,
    });
  }

  /** The same event added to a batch of writes of the caller's transaction. */
  publishIn(
    batch: WriteBatch,
    tx: RequestContext,
    type: WebhookEventType,
    organizationIds: string[],
    data: Record<string, unknown>,
  ): void {
    this.outbox.emitIn(batch, tx, JobName.WebhookFanout, this.event(type, organizationIds, data), {
      organizationId: null,
    });
  }

  private event(type: WebhookEventType, organizationIds: string[], data: Record<string, unknown>) {
    return {
      eventId: randomUUID(),
      type,
      occurredAt: new Date().toISOString(),
      organizationIds: [...new Set(organizationIds)],
      data: JSON.parse(
        JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
      ) as Record<string, unknown>,
    };
  }
}
