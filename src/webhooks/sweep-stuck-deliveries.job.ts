// Settles webhook deliveries left PENDING by a job that will never send them: the worker died and
// the job stalled past its limit, or Redis lost it. A delivery PENDING for STUCK_AFTER_MS since
// its last attempt (or creation), with no job left in the webhooks queue for it, is sent again
// through the outbox — or FAILED when its attempts are used up. A delivery whose job waits for
// its next retry is left alone.
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OutboxService } from '../core/outbox/outbox.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, QueueName } from '../core/queue/jobs';
import { QueueRegistry } from '../core/queue/queue.registry';
import { WebhookDelivery } from './webhook.entity';
import { WebhookDeliveryStatus } from './webhook.enums';

interface StuckRow {
  id: string;
  attempts: number;
  organization_id: string;
}

@Injectable()
export class SweepStuckDeliveriesJob {
  private readonly logger = new Logger(SweepStuckDeliveriesJob.name);
  private readonly ctx = RequestContext.system('webhook sweeper');

  constructor(
    private readonly db: Database,
    private readonly queues: QueueRegistry,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  @OnJob(JobName.SweepStuckDeliveries)
  async run(): Promise<{ resent: number; failed: number }> {
    const stuck = await this.db.manager(this.ctx).query<StuckRow[]>(
      `SELECT d.id, d.attempts, e.organization_id
         FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
        WHERE d.status = $1
          AND coalesce(d.last_attempt_at, d.created_at) < now() - make_interval(secs => $2::double precision / 1000)
        ORDER BY d.created_at LIMIT 500`,
      [WebhookDeliveryStatus.PENDING, this.config.get('STUCK_AFTER_MS')],
    );
    if (stuck.length === 0) return { resent: 0, failed: 0 };
    const live = new Set(
      (await this.queues.livePayloads(QueueName.Webhooks)).map((p) => p.deliveryId as string),
    );
    let resent = 0;
    let failed = 0;
    const maxAttempts = this.config.get('WEBHOOK_MAX_ATTEMPTS');
    for (const row of stuck.filter((r) => !live.has(r.id))) {
      await this.db.transaction(this.ctx, async (tx) => {
        const repo = this.db.repo(tx, WebhookDelivery);
        if (row.attempts >= maxAttempts) {
          const changed = await repo.update(
            { id: row.id, status: WebhookDeliveryStatus.PENDING },
            {
              status: WebhookDeliveryStatus.FAILED,
              lastError: 'its job was lost; attempts used up',
            },
          );
          if (!changed.affected) return;
          failed++;
          await this.audit.record(tx, {
            action: 'webhook-delivery.failed',
            subjectType: 'WebhookDelivery',
            subjectId: row.id,
            organizationId: row.organization_id,
            before: { status: WebhookDeliveryStatus.PENDING, attempts: row.attempts },
            after: { status: WebhookDeliveryStatus.FAILED, attempts: row.attempts },
          });
          return;
        }
        // Touch the row so the next sweep waits STUCK_AFTER_MS for this new job. Only a row still
        // stale is touched: of two sweeps that read it at once, the second waits for the first's
        // commit, finds the row fresh and sends nothing, so the delivery is not sent twice.
        const touched = await repo
          .createQueryBuilder()
          .update()
          .set({ lastAttemptAt: () => 'now()' })
          .where('id = :id AND status = :status', {
            id: row.id,
            status: WebhookDeliveryStatus.PENDING,
          })
          .andWhere(
            'coalesce(last_attempt_at, created_at) < now() - make_interval(secs => :ms::double precision / 1000)',
            { ms: this.config.get('STUCK_AFTER_MS') },
          )
          .execute();
        if (!touched.affected) return;
        resent++;
        await this.outbox.emit(
          tx,
          JobName.DeliverWebhook,
          { deliveryId: row.id },
          { organizationId: row.organization_id },
        );
      });
    }
    if (resent || failed)
      this.logger.warn(
        `webhook deliveries left PENDING without a job: ${resent} sent again, ${failed} failed`,
      );
    return { resent, failed };
  }
}
