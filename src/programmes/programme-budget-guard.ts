// The one gate money passes on its way from a programme's total budget into grants — and back when
// a grant ends with money never released. Approvals and amendments reserve through it, close-outs
// release through it; it takes the programme's row lock, so two of them never spend the
// same euro, and `updateProgramme` (which locks the same row) never lowers the total under them.
//
// Lock order: a caller locks its application or grant row FIRST and the programme row LAST; while
// it holds the programme lock it locks no application or grant. Approvals (application → programme)
// and amendments (grant → programme) follow it, so they cannot deadlock each other.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { Money } from '../core/money/money';
import { Programme } from './programme.entity';
import { ProgrammeReason, programmeErrors } from './programme.errors';

export interface ProgrammeFigures {
  totalBudget: bigint;
  /** What the programme's grants hold: their awards, less what ended grants gave back. */
  committed: bigint;
  /** Unreleased money ended grants gave back (it is available again). */
  returned: bigint;
  available: bigint;
}

@Injectable()
export class ProgrammeBudgetGuard {
  constructor(private readonly db: Database) {}

  /** Locks the programme row until the caller's transaction ends (see the lock order above). */
  async lock(tx: RequestContext, programmeId: string): Promise<Programme> {
    if (!tx.inTransaction) throw new Error('the programme budget is locked inside a transaction');
    const programme = await this.db
      .repo(tx, Programme)
      .createQueryBuilder('p')
      // FOR NO KEY UPDATE: it excludes every other guard (and programme update) but not the
      // KEY SHARE locks rows referencing the programme take (learnings, grants); with FOR UPDATE
      // two close-outs that inserted such rows first would deadlock upgrading their locks.
      .setLock('for_no_key_update')
      .where('p.id = :id', { id: programmeId })
      .getOne();
    if (!programme) throw new NotFoundError('Programme', programmeId);
    return programme;
  }

  /** Total, committed and available money of a programme (locked or not: the caller decides). */
  async figures(ctx: RequestContext, programme: Programme): Promise<ProgrammeFigures> {
    const [row] = await this.db.manager(ctx).query<[{ committed: string; returned: string }]>(
      `SELECT coalesce(sum(awarded_amount_minor - returned_minor), 0)::text AS committed,
              coalesce(sum(returned_minor), 0)::text AS returned
         FROM "grant" WHERE programme_id = $1`,
      [programme.id],
    );
    const total = programme.totalBudgetMinor;
    return {
      totalBudget: total,
      committed: BigInt(row.committed),
      returned: BigInt(row.returned),
      available: total - BigInt(row.committed),
    };
  }

  /**
   * Locks the programme and makes sure `amount` (minor units) more can be committed to its grants;
   * the caller then writes the award in the same transaction. A zero or negative amount only takes
   * the lock (a lower award frees money by itself). Beyond what is available: CONFLICT
   * PROGRAMME_BUDGET_EXCEEDED with the figures, and the caller's transaction writes nothing.
   */
  async reserve(tx: RequestContext, programmeId: string, amount: bigint): Promise<Programme> {
    const programme = await this.lock(tx, programmeId);
    if (amount <= 0n) return programme;
    const { totalBudget, committed, available } = await this.figures(tx, programme);
    if (amount > available) {
      const fmt = (v: bigint) => Money.of(v, programme.currency).format(tx.language);
      throw programmeErrors.conflict(
        ProgrammeReason.PROGRAMME_BUDGET_EXCEEDED,
        {
          totalBudget: totalBudget.toString(),
          alreadyAwarded: committed.toString(),
          available: available.toString(),
          requested: amount.toString(),
        },
        fmt(amount),
        fmt(totalBudget),
        fmt(committed),
        fmt(available),
      );
    }
    return programme;
  }

  /**
   * Locks the programme to give `amount` back to it: a grant ended with money never released. The
   * caller (holding the grant's lock, the lock order above) records it on the grant
   * (`returnedMinor`) in the same transaction; from then on it counts as available.
   */
  async release(tx: RequestContext, programmeId: string, amount: bigint): Promise<Programme> {
    if (amount < 0n) throw new RangeError('a programme is given back a positive amount');
    return this.lock(tx, programmeId);
  }
}
