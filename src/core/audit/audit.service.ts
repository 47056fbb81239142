import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import type { WriteBatch } from '../database/write-batch';
import { AuditEvent } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  subjectType: string;
  subjectId: string;
  /** Defaults to the organisation the caller acts for. */
  organizationId?: string | null;
  before?: object | null;
  after?: object | null;
}

/** JSON-safe snapshot: BigInt → string, Date → ISO string. */
/**
 * Keys whose values are personal data. Audit events are append-only, so an erased person's email
 * or name must never be copied into them: they reference people by id, and a changed personal
 * field shows as changed without its value.
 */
export const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  'email',
  'newEmail',
  'displayName',
  'contactEmail',
  'contactName',
  'recipient',
  'ip',
  'userAgent',
  'passwordHash',
]);
export const REDACTED = '[personal data]';

export function auditSnapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (PERSONAL_KEYS.has(key) && v !== null && v !== undefined) return REDACTED;
      return typeof v === 'bigint' ? v.toString() : v;
    }),
  ) as Record<string, unknown>;
}

/** Writes audit events inside the caller's transaction: they commit or roll back with the change. */
@Injectable()
export class AuditService {
  constructor(private readonly db: Database) {}

  async record(ctx: RequestContext, record: AuditRecord): Promise<void> {
    if (!ctx.inTransaction)
      throw new Error(`audit event ${record.action} written outside a transaction`);
    await this.db.repo(ctx, AuditEvent).insert(this.row(ctx, record));
  }

  /** The same event added to a batch of writes of the caller's transaction. */
  recordIn(batch: WriteBatch, ctx: RequestContext, record: AuditRecord): void {
    if (!ctx.inTransaction)
      throw new Error(`audit event ${record.action} written outside a transaction`);
    batch.insert(AuditEvent, [this.row(ctx, record)]);
  }

  private row(ctx: RequestContext, record: AuditRecord): Partial<AuditEvent> {
    const actor = ctx.actor;
    return {
      organizationId:
        record.organizationId === undefined ? (ctx.organizationId ?? null) : record.organizationId,
      actorKind: actor?.kind ?? 'anonymous',
      actorUserId: ctx.userId ?? null,
      actorApiKeyId: ctx.apiKeyId ?? null,
      action: record.action,
      subjectType: record.subjectType,
      subjectId: record.subjectId,
      before: auditSnapshot(record.before),
      after: auditSnapshot(record.after),
      requestId: ctx.requestId,
    };
  }
}
