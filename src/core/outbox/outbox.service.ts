import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import type { WriteBatch } from '../database/write-batch';
import { JobName, JobPayloads } from '../queue/jobs';
import { currentTraceparent } from '../telemetry/tracing';
import { OutboxEvent } from './outbox-event.entity';

/** PostgreSQL delivers NOTIFY only on commit, so a rolled-back write never wakes the relay. */
export const OUTBOX_CHANNEL = 'meilenstein_outbox';

export interface EmitOptions {
  organizationId?: string | null;
  /** Do not relay before this time. */
  availableAt?: Date;
}

/** Writes outbox rows in the caller's transaction; the worker's relay enqueues them after commit. */
@Injectable()
export class OutboxService {
  constructor(private readonly db: Database) {}

  async emit<J extends JobName>(
    ctx: RequestContext,
    job: J,
    payload: JobPayloads[J],
    options: EmitOptions = {},
  ): Promise<string> {
    if (!ctx.inTransaction) throw new Error(`outbox event ${job} written outside a transaction`);
    const manager = this.db.manager(ctx);
    const result = await manager
      .getRepository(OutboxEvent)
      .insert(this.row(ctx, job, payload, options));
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** The same row and notify added to a batch of writes of the caller's transaction. */
  emitIn<J extends JobName>(
    batch: WriteBatch,
    ctx: RequestContext,
    job: J,
    payload: JobPayloads[J],
    options: EmitOptions = {},
  ): void {
    if (!ctx.inTransaction) throw new Error(`outbox event ${job} written outside a transaction`);
    batch.insert(OutboxEvent, [this.row(ctx, job, payload, options)]).notify(OUTBOX_CHANNEL);
  }

  private row<J extends JobName>(
    ctx: RequestContext,
    job: J,
    payload: JobPayloads[J],
    options: EmitOptions,
  ): Partial<OutboxEvent> {
    return {
      jobName: job,
      payload: payload,
      organizationId:
        options.organizationId === undefined
          ? (ctx.organizationId ?? null)
          : options.organizationId,
      requestId: ctx.requestId,
      traceparent: currentTraceparent(),
      ...(options.availableAt ? { availableAt: options.availableAt } : {}),
    };
  }
}
