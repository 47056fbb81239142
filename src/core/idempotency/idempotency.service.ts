// Idempotency keys for money mutations, with Stripe's semantics: a replay answers the first
// result; the same key with other parameters is a CONFLICT. The key row is written in the
// mutation's own transaction, so a failed mutation leaves no key behind, and a concurrent request
// with the same key waits on the row and then sees the committed result.
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { createHash } from 'node:crypto';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import type { WriteBatch } from '../database/write-batch';
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
      const [claim] = await this.claim(tx, operation, [{ key, params, resultId }]);
      if (claim.kind === 'replay') return { id: claim.id, replayed: true };
      if (claim.kind === 'reused') throw claim.error;
      const id = await work(tx);
      if (resultId && id !== resultId)
        throw new Error(`${operation} answered ${id}, not the result id ${resultId} it was given`);
      if (!resultId)
        await this.db
          .manager(tx)
          .getRepository(IdempotencyKey)
          .update({ scopedKey: this.scopedKey(tx, operation, key) }, { response: { id } });
      return { id, replayed: false };
    });
  }

  /**
   * Claims the keys of several requests of one operation in the transaction `tx`, in one statement
   * (and one more read when some were taken before): a new key is written with its request's hash
   * and result id, and rolls back with the transaction; a key written before answers the first
   * result's id, or IDEMPOTENCY_KEY_REUSED when its parameters differ. A request without a key is
   * `new`. Keys must differ from each other; the caller holds back repeats until this one commits.
   */
  async claim(
    tx: RequestContext,
    operation: string,
    requests: { key?: string | null; params: unknown; resultId?: string }[],
  ): Promise<Claim[]> {
    const keyed = requests.flatMap((r) =>
      r.key
        ? [
            {
              scopedKey: this.scopedKey(tx, operation, r.key),
              requestHash: createHash('sha256').update(stableJson(r.params)).digest('hex'),
              response: r.resultId ? { id: r.resultId } : null,
            },
          ]
        : [],
    );
    if (!keyed.length) return requests.map(() => ({ kind: 'new' }));
    const manager = this.db.manager(tx);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values(keyed)
      .orIgnore()
      .returning('scoped_key')
      // TypeORM would merge the returned rows into `keyed` by position; with keys skipped by the
      // conflict, those positions are not the rows'.
      .updateEntity(false)
      .execute();
    const fresh = new Set((inserted.raw as { scoped_key: string }[]).map((r) => r.scoped_key));
    const taken = keyed.filter((k) => !fresh.has(k.scopedKey)).map((k) => k.scopedKey);
    const existing = new Map(
      (taken.length
        ? await manager.getRepository(IdempotencyKey).findBy({ scopedKey: In(taken) })
        : []
      ).map((row) => [row.scopedKey, row]),
    );
    let next = 0;
    return requests.map((r): Claim => {
      if (!r.key) return { kind: 'new' };
      const mine = keyed[next++];
      if (fresh.has(mine.scopedKey)) return { kind: 'new' };
      const first = existing.get(mine.scopedKey);
      if (!first) throw new Error(`idempotency key ${mine.scopedKey} neither written nor found`);
      if (first.requestHash !== mine.requestHash)
        return {
          kind: 'reused',
          error: coreErrors.conflict(CoreReason.IDEMPOTENCY_KEY_REUSED, {}),
        };
      return { kind: 'replay', id: first.response!.id };
    });
  }

  /** Deletes claimed keys in `batch`: their requests were refused while others of the group went on. */
  giveBackIn(batch: WriteBatch, scopedKeys: string[]): void {
    batch.sql(`DELETE FROM idempotency_key WHERE scoped_key = ANY($1::text[])`, [scopedKeys]);
  }

  /** The key as stored: scoped by the caller's organisation and the operation. */
  scopedKey(tx: RequestContext, operation: string, key: string): string {
    return `${tx.organizationId ?? 'none'}:${operation}:${key}`;
  }
}

/** What claiming a request's key found: a new request, a replay of the first, or a reused key. */
export type Claim =
  { kind: 'new' } | { kind: 'replay'; id: string } | { kind: 'reused'; error: Error };

/** What a mutation's work wrote: the id and the row as written (answered without a re-read). */
export interface Written<T> {
  id: string;
  row: T;
}
