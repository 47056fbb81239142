// Services publish domain events here, inside their transaction; the worker fans them out to the
// webhook endpoints of the organisations concerned (funder and grantee). The event waits in the
// webhook_event table; the queued job carries its id only.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
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
    const eventId = randomUUID();
    await this.db.repo(tx, WebhookEvent).insert({
      id: eventId,
      type,
      occurredAt: new Date(),
      organizationIds: [...new Set(organizationIds)],
      data: JSON.parse(
        JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
      ) as object,
    });
    await this.outbox.emit(tx, JobName.WebhookFanout, { eventId }, { organizationId: null });
  }
}
