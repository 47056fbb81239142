// Posts balanced sets of ledger entries and reads balances. Entries are only ever inserted.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import type { WriteBatch } from '../core/database/write-batch';
import { LedgerKind } from './budget.enums';
import { LedgerEntry } from './ledger-entry.entity';

export const ACCOUNTS = {
  commitment: 'commitment',
  line: (lineId: string) => `line:${lineId}`,
  spent: (lineId: string) => `spent:${lineId}`,
  funderCash: 'funder-cash',
  released: 'released',
  granteeFunds: 'grantee-funds',
  /** Money an ended grant gave back to its programme (negative: given back). */
  programme: 'programme',
};

export interface Movement {
  grantId: string;
  kind: LedgerKind;
  currency: string;
  sourceId?: string;
  memo?: string;
  entries: { account: string; amount: bigint }[];
}

export class UnbalancedMovementError extends Error {}

@Injectable()
export class LedgerService {
  constructor(private readonly db: Database) {}

  /** Writes one movement in the caller's transaction; its entries must add up to zero. */
  async post(ctx: RequestContext, movement: Movement): Promise<string> {
    const { movementId, rows } = this.rows(ctx, movement);
    if (rows.length) await this.db.repo(ctx, LedgerEntry).insert(rows);
    return movementId;
  }

  /** The same movement added to a batch of writes of the caller's transaction. */
  postIn(batch: WriteBatch, ctx: RequestContext, movement: Movement): string {
    const { movementId, rows } = this.rows(ctx, movement);
    batch.insert(LedgerEntry, rows);
    return movementId;
  }

  private rows(
    ctx: RequestContext,
    movement: Movement,
  ): { movementId: string; rows: Partial<LedgerEntry>[] } {
    if (!ctx.inTransaction) throw new Error('ledger movement written outside a transaction');
    const total = movement.entries.reduce((s, e) => s + e.amount, 0n);
    if (total !== 0n)
      throw new UnbalancedMovementError(
        `ledger movement ${movement.kind} does not balance: ${total}`,
      );
    const movementId = randomUUID();
    const rows = movement.entries
      .filter((e) => e.amount !== 0n)
      .map((e) => ({
        grantId: movement.grantId,
        movementId,
        kind: movement.kind,
        account: e.account,
        amountMinor: e.amount,
        currency: movement.currency,
        sourceId: movement.sourceId ?? null,
        memo: (movement.memo ?? '').slice(0, 500),
        actorPersonId: ctx.userId ?? null,
        actorApiKeyId: ctx.apiKeyId ?? null,
      }));
    return { movementId, rows };
  }

  /** Balance of every account of a grant. */
  async balances(ctx: RequestContext, grantId: string): Promise<Map<string, bigint>> {
    const rows = await this.db
      .manager(ctx)
      .query<{ account: string; balance: string }[]>(
        `SELECT account, sum(amount_minor)::text AS balance FROM ledger_entry WHERE grant_id = $1 GROUP BY account`,
        [grantId],
      );
    return new Map(rows.map((r) => [r.account, BigInt(r.balance)]));
  }

  /**
   * Checks the cached balances against the ledger: the ledger sums to zero, every line's cached
   * allocation and spend equal its accounts, allocations equal the award, releases equal the
   * released tranches. Returns the differences found (none when consistent).
   */
  async verify(ctx: RequestContext, grantId: string): Promise<string[]> {
    const problems: string[] = [];
    const balances = await this.balances(ctx, grantId);
    const total = [...balances.values()].reduce((s, v) => s + v, 0n);
    if (total !== 0n) problems.push(`ledger does not balance: ${total}`);
    const lines = await this.db
      .manager(ctx)
      .query<{ id: string; allocated_minor: string; spent_minor: string }[]>(
        `SELECT id, allocated_minor::text, spent_minor::text FROM budget_line WHERE grant_id = $1`,
        [grantId],
      );
    let allocated = 0n;
    for (const line of lines) {
      const ledgerAllocated = balances.get(ACCOUNTS.line(line.id)) ?? 0n;
      const ledgerSpent = balances.get(ACCOUNTS.spent(line.id)) ?? 0n;
      if (ledgerAllocated !== BigInt(line.allocated_minor))
        problems.push(
          `line ${line.id}: cached allocation ${line.allocated_minor} ≠ ledger ${ledgerAllocated}`,
        );
      if (ledgerSpent !== BigInt(line.spent_minor))
        problems.push(`line ${line.id}: cached spend ${line.spent_minor} ≠ ledger ${ledgerSpent}`);
      allocated += ledgerAllocated;
    }
    const [grant] = await this.db
      .manager(ctx)
      .query<{ awarded: string; returned: string; released: string }[]>(
        `SELECT g.awarded_amount_minor::text AS awarded, g.returned_minor::text AS returned,
                coalesce((SELECT sum(amount_minor) FROM tranche t WHERE t.grant_id = g.id AND t.status = 'RELEASED'), 0)::text AS released
           FROM "grant" g WHERE g.id = $1`,
        [grantId],
      );
    if (!grant) return [`grant ${grantId} not found`];
    if (allocated !== BigInt(grant.awarded))
      problems.push(`allocations ${allocated} ≠ awarded ${grant.awarded}`);
    // What an ended grant gave back leaves its commitment for the programme.
    const committed = BigInt(grant.awarded) - BigInt(grant.returned);
    if (-(balances.get(ACCOUNTS.commitment) ?? 0n) !== committed)
      problems.push(`commitment ≠ awarded ${grant.awarded} less returned ${grant.returned}`);
    if (-(balances.get(ACCOUNTS.programme) ?? 0n) !== BigInt(grant.returned))
      problems.push(`returned to the programme ≠ ${grant.returned}`);
    if ((balances.get(ACCOUNTS.released) ?? 0n) !== BigInt(grant.released))
      problems.push(`released ≠ released tranches ${grant.released}`);
    return problems;
  }
}
