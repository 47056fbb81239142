// Idempotency keys for money mutations, with Stripe's semantics: a replay answers the first
// result; the same key with other parameters is a CONFLICT. The key row is written in the
// mutation's own transaction, so a failed mutation leaves no key behind, and a concurrent request
// with the same key waits on the row and then sees the committed result.
import { Injectable } from '@nestjs/common';
import type { EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { createHash } from 'node:crypto';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import { CoreReason, coreErrors } from '../errors/core.errors';
import { IdempotencyKey } from './idempotency-key.entity';

export const IDEMPOTENCY_RETENTION_HOURS = 48;

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
    return v;
  });
}

@Injectable()
export class IdempotencyService {
  constructor(private readonly db: Database) {}

  /**
   * The one idempotent-mutation helper every money mutation uses: runs `work` in one transaction
   * once per `input.idempotencyKey` (the other fields of `input` are the parameters a replay must
   * repeat) and answers the row of `answer` whose id `work` returned — also for a replay — or
   * what `answer.read` makes of that id (e.g. a tenant-scoped read). When `work` returns the row it
   * wrote (`{ id, row }`), that row is the answer and nothing is read again; when the caller knows
   * the result's id beforehand (`options.resultId`), the key is stored with it at once.
   */
  async mutation<T extends ObjectLiteral>(
    ctx: RequestContext,
    operation: string,
    input: object,
    answer: EntityTarget<T> | { read: (ctx: RequestContext, id: string) => Promise<T> },
    work: (tx: RequestContext) => Promise<string | Written<T>>,
    options: { resultId?: string } = {},
  ): Promise<T> {
    const { idempotencyKey, ...params } = input as { idempotencyKey?: string | null };
    let written: T | undefined;
    const { id, replayed } = await this.once(
      ctx,
      operation,
      idempotencyKey ?? undefined,
      params,
      async (tx) => {
        const result = await work(tx);
        if (typeof result === 'string') return result;
        written = result.row;
        return result.id;
      },
      options.resultId,
    );
    if (written && !replayed) return written;
    if (typeof answer === 'object' && 'read' in answer) return answer.read(ctx, id);
    return this.db.repo(ctx, answer).findOneByOrFail({ id } as unknown as FindOptionsWhere<T>);
  }

  /**
   * Runs `work` in a transaction once per key. Returns the id of its result, or the first id for a
   * replay. Without a key, it just runs. With `resultId` (the id `work` will answer), the key row
   * carries it from the start instead of being updated after `work`.
   */
  async once(
    ctx: RequestContext,
    operation: string,
    key: string | undefined,
    params: unknown,
    work: (tx: RequestContext) => Promise<string>,
    resultId?: string,
  ): Promise<{ id: string; replayed: boolean }> {
    return this.db.transaction(ctx, async (tx) => {
      if (!key) return { id: await work(tx), replayed: false };
      const scopedKey = `${tx.organizationId ?? 'none'}:${operation}:${key}`;
      const requestHash = createHash('sha256').update(stableJson(params)).digest('hex');
      const manager = this.db.manager(tx);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(IdempotencyKey)
        .values({ scopedKey, requestHash, response: resultId ? { id: resultId } : null })
        .orIgnore()
        .returning('scoped_key')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        const existing = await manager.getRepository(IdempotencyKey).findOneByOrFail({ scopedKey });
        if (existing.requestHash !== requestHash) {
          throw coreErrors.conflict(CoreReason.IDEMPOTENCY_KEY_REUSED, {});
        }
        return { id: existing.response!.id, replayed: true };
      }
      const id = await work(tx);
      if (resultId && id !== resultId)
        throw new Error(`${operation} answered ${id}, not the result id ${resultId} it was given`);
      if (!resultId)
        await manager.getRepository(IdempotencyKey).update({ scopedKey }, { response: { id } });
      return { id, replayed: false };
    });
  }
}

/** What a mutation's work wrote: the id and the row as written (answered without a re-read). */
export interface Written<T> {
  id: string;
  row: T;
}
