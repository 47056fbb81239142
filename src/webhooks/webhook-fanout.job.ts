// Fans an event out to the subscribed, enabled endpoints of the organisations concerned: one
// delivery row per endpoint and event (unique, so a repeated job records nothing twice), each
// queued through the outbox in the same transaction. The job carries the event's id only; the
// event is read from webhook_event and deleted in the same transaction, so a repeated job finds
// nothing left to do.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OutboxService } from '../core/outbox/outbox.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { WebhookEvent } from './webhook.entity';
import { WebhookEndpointStatus } from './webhook.enums';

@Injectable()
export class WebhookFanoutJob {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(JobName.WebhookFanout)
  async run(payload: JobPayloads[JobName.WebhookFanout]): Promise<{ deliveries: number }> {
    return this.db.transaction(RequestContext.system('webhook fan-out'), async (tx) => {
      const events = this.db.repo(tx, WebhookEvent);
      const stored = await events.findOne({
        where: { id: payload.eventId },
        lock: { mode: 'pessimistic_write' },
      });
      const event = stored ?? queuedBeforeUpgrade(payload);
      if (!event) return { deliveries: 0 };
      const rows = await this.db.manager(tx).query<{ id: string; organization_id: string }[]>(
        `INSERT INTO webhook_delivery (endpoint_id, event_id, event_type, body)
         SELECT e.id, $1::uuid, $2::varchar,
                jsonb_build_object('id', $1::uuid, 'type', $2::varchar, 'createdAt', $3::text,
                                   'organizationId', e.organization_id, 'data', $4::jsonb)::text
           FROM webhook_endpoint e
          WHERE e.organization_id = ANY($5::uuid[]) AND e.status = $6
            AND $2::varchar = ANY(e.event_types)
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING id, (SELECT organization_id FROM webhook_endpoint WHERE id = endpoint_id)`,
        [
          event.id,
          event.type,
          event.occurredAt.toISOString(),
          JSON.stringify(event.data),
          event.organizationIds,
          WebhookEndpointStatus.ENABLED,
        ],
      );
      for (const row of rows)
        await this.outbox.emit(
          tx,
          JobName.DeliverWebhook,
          { deliveryId: row.id },
          { organizationId: row.organization_id },
        );
      if (stored) await events.delete({ id: stored.id });
      return { deliveries: rows.length };
    });
  }
}

/** Jobs queued by an earlier version carried the whole event; they are fanned out as they are. */
function queuedBeforeUpgrade(payload: { eventId: string }): WebhookEvent | undefined {
  const legacy = payload as {
    eventId: string;
    type?: WebhookEvent['type'];
    occurredAt?: string;
    organizationIds?: string[];
    data?: Record<string, unknown>;
  };
  if (!legacy.type || !legacy.occurredAt || !legacy.organizationIds || !legacy.data)
    return undefined;
  return {
    id: legacy.eventId,
    type: legacy.type,
    occurredAt: new Date(legacy.occurredAt),
    organizationIds: legacy.organizationIds,
    data: legacy.data,
  };
}
