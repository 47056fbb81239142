// The one way into a grant for a change: scope by tenant and side, lock the grant row, map
// NOT_FOUND to what the caller named, check the grant is still running where that is required,
// then hand `work` a handle bound to the transaction. Every module that changes a grant (budget,
// sprint reviews, change notices, close-out) comes through here, so changes of one grant run one
// after the other and every check sees the rows as they are. The handle reads the aggregate's
// rows; GrantLifecycleService writes them — no module outside src/grants writes Grant, Sprint,
// Tranche, Milestone or BudgetLine rows (test/kernel/aggregate-ownership.spec.ts).
import { Injectable } from '@nestjs/common';
import { EntityTarget, In, Not, ObjectLiteral } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError, notFoundAs } from '../core/errors/app-error';
import { OrganizationKind } from '../identity/roles';
import type { ReallocationPolicy } from '../programmes/programme-settings';
import { BudgetLine, Grant, Milestone, Sprint, Tranche } from './grant.entity';
import { GrantStatus, SprintStatus } from './grant.enums';
import { GrantReason, grantErrors } from './grant.errors';

/** Who may act: the grant's funder or its grantee. */
export type GrantSide = OrganizationKind.FUNDER | OrganizationKind.GRANTEE;

/**
 * Which grant: by its id, by one of its sprints or tranches, or by a row of another module that
 * carries a `grantId` (a reallocation, a review, a notice, a refund claim). A missing row — or one
 * `exists` rejects — and a grant the caller may not act on both answer NOT_FOUND of `name` `id`.
 */
export type GrantRef<T extends { grantId: string }> =
  | { grantId: string }
  | { sprintId: string }
  | { trancheId: string }
  | { entity: EntityTarget<T>; name: string; id: string; exists?: (row: T) => boolean };

export interface WithGrantOptions {
  /** Refuse with CONFLICT GRANT_NOT_ACTIVE unless the grant is ACTIVE (checked right after the lock). */
  active?: boolean;
  /**
   * Budget lines to read in the locking statement itself (a money mutation knows them from its
   * input): `lines` then answers them without another round trip while the lock is held.
   */
  lines?: string[];
  /**
   * Read the programme's reallocation policy in the locking statement too (a money mutation
   * checks its moves against it): the handle's `reallocationPolicy` then holds it. This reads the
   * programmes module's `programme.reallocation_policy` (jsonb) directly, to save a round trip on
   * every move; its shape is `ReallocationPolicy`.
   */
  reallocationPolicy?: boolean;
}

/** A locked grant inside the caller's transaction, with reads of the aggregate's rows. */
export class GrantHandle {
  constructor(
    private readonly db: Database,
    readonly tx: RequestContext,
    readonly grant: Grant,
    /** Lines read with the lock (`WithGrantOptions.lines`), as they were when it was taken. */
    private readonly locked: BudgetLine[] | null = null,
    /** The transaction's `now()`, read with the lock: the time its rows are written at. */
    readonly now: Date = new Date(),
    /**
     * The programme's reallocation policy as read with the lock, when the caller asked for it
     * (`WithGrantOptions.reallocationPolicy`); else null.
     */
    readonly reallocationPolicy: ReallocationPolicy | null = null,
  ) {}

  /**
   * The named lines of the grant, in the order asked; a line of another grant is NOT_FOUND. Lines
   * read with the lock are answered from it when all the named ones are among them.
   */
  async lines(ids: string[]): Promise<BudgetLine[]> {
    const locked = this.locked;
    const rows =
      locked && ids.every((id) => locked.some((l) => l.id === id))
        ? locked
        : await this.linesAmong(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const line = byId.get(id);
      if (!line) throw new NotFoundError('BudgetLine', id);
      return line;
    });
  }

  /** Those of the named lines that belong to the grant, in no particular order. */
  linesAmong(ids: string[]): Promise<BudgetLine[]> {
    return this.db.repo(this.tx, BudgetLine).findBy({ id: In(ids), grantId: this.grant.id });
  }

  allLines(): Promise<BudgetLine[]> {
    return this.db
      .repo(this.tx, BudgetLine)
      .find({ where: { grantId: this.grant.id }, order: { position: 'ASC' } });
  }

  tranches(): Promise<Tranche[]> {
    return this.db
      .repo(this.tx, Tranche)
      .find({ where: { grantId: this.grant.id }, order: { number: 'ASC' } });
  }

  sprintByNumber(number: number): Promise<Sprint | null> {
    return this.db.repo(this.tx, Sprint).findOneBy({ grantId: this.grant.id, number });
  }

  sprint(id: string): Promise<Sprint> {
    return this.db.repo(this.tx, Sprint).findOneByOrFail({ id, grantId: this.grant.id });
  }

  hasSprint(id: string): Promise<boolean> {
    return this.db.repo(this.tx, Sprint).exists({ where: { id, grantId: this.grant.id } });
  }

  /** The first sprint not yet accepted: the one the team works in (null when all are accepted). */
  currentSprint(): Promise<Sprint | null> {
    return this.db.repo(this.tx, Sprint).findOne({
      where: { grantId: this.grant.id, status: Not(SprintStatus.ACCEPTED) },
      order: { number: 'ASC' },
    });
  }

  milestones(sprintId: string): Promise<Milestone[]> {
    return this.db
      .repo(this.tx, Milestone)
      .find({ where: { sprintId }, order: { position: 'ASC' } });
  }
}

interface Locked {
  grant: Grant;
  lines: BudgetLine[] | null;
  now: Date;
  policy: ReallocationPolicy | null;
}

@Injectable()
export class GrantAggregate {
  constructor(private readonly db: Database) {}

  /**
   * Locks the grant named by `ref` for `side` in a transaction (joining one already open) and runs
   * `work` with the handle and, for a ref through another row, that row read again under the lock.
   */
  async withGrant<R, T extends { grantId: string } = { grantId: string }>(
    ctx: RequestContext,
    ref: GrantRef<T>,
    side: GrantSide,
    work: (h: GrantHandle, subject: T) => Promise<R>,
    options: WithGrantOptions = {},
  ): Promise<R> {
    return this.db.transaction(ctx, async (tx) => {
      const { grant, lines, now, policy, subject } = await this.lock(tx, ref, side, options);
      if (options.active) this.assertActive(grant);
      return work(new GrantHandle(this.db, tx, grant, lines, now, policy), subject);
    });
  }

  /** CONFLICT GRANT_NOT_ACTIVE unless the grant still runs: a grant that ended changes no more. */
  assertActive(grant: Grant): void {
    if (grant.status !== GrantStatus.ACTIVE)
      throw grantErrors.conflict(
        GrantReason.GRANT_NOT_ACTIVE,
        { current: grant.status },
        grant.status,
      );
  }

  private async lock<T extends { grantId: string }>(
    tx: RequestContext,
    ref: GrantRef<T>,
    side: GrantSide,
    options: WithGrantOptions,
  ): Promise<Locked & { subject: T }> {
    if ('grantId' in ref) {
      const locked = await this.lockGrant(tx, ref.grantId, side, options);
      return { ...locked, subject: { grantId: locked.grant.id } as T };
    }
    const via =
      'sprintId' in ref
        ? { entity: Sprint as EntityTarget<ObjectLiteral>, name: 'Sprint', id: ref.sprintId }
        : 'trancheId' in ref
          ? { entity: Tranche as EntityTarget<ObjectLiteral>, name: 'Tranche', id: ref.trancheId }
          : ref;
    const repo = this.db.repo(tx, via.entity as EntityTarget<T>);
    const found = await repo.findOneBy({ id: via.id } as never);
    const exists = 'exists' in via ? via.exists : undefined;
    if (!found || (exists && !exists(found))) throw new NotFoundError(via.name, via.id);
    const locked = await this.lockGrant(tx, found.grantId, side, options).catch(
      notFoundAs(via.name, via.id),
    );
    const subject = await repo.findOneByOrFail({ id: via.id } as never);
    return { ...locked, subject };
  }

  /**
   * One statement: the grant row locked (`FOR UPDATE OF g`) for the caller's side, the named lines
   * of that grant beside it, and the transaction's `now()`. The lines are locked too (after the
   * grant, NO KEY UPDATE): a row that waited for a lock is read again as committed by the holder,
   * while a row merely joined would keep the statement's first snapshot — the balances before the
   * previous holder's move. When no named line is of the grant, the grant alone is locked, and
   * `lines` answers NOT_FOUND for them. The programme's reallocation policy, when asked, comes
   * with it (the programme is not locked: its policy applies to moves from when it is saved).
   */
  private async lockGrant(
    tx: RequestContext,
    grantId: string,
    side: GrantSide,
    { lines: lineIds = [], reallocationPolicy = false }: WithGrantOptions,
  ): Promise<Locked> {
    const column =
      side === OrganizationKind.FUNDER ? 'funder_organization_id' : 'grantee_organization_id';
    const policy = reallocationPolicy
      ? `, (SELECT p.reallocation_policy FROM programme p WHERE p.id = g.programme_id) AS policy`
      : '';
    const rows = lineIds.length
      ? await this.db.manager(tx).query<Record<string, unknown>[]>(
          `SELECT ${this.db.selectColumns(Grant, 'g')}, ${this.db.selectColumns(BudgetLine, 'l')},
                  now() AS locked_at${policy}
             FROM "grant" g JOIN budget_line l ON l.grant_id = g.id AND l.id = ANY($3::uuid[])
            WHERE g.id = $1 AND g.${column} = $2
              FOR UPDATE OF g FOR NO KEY UPDATE OF l`,
          [grantId, tx.orgId, lineIds],
        )
      : [];
    if (!rows.length)
      rows.push(
        ...(await this.db.manager(tx).query<Record<string, unknown>[]>(
          `SELECT ${this.db.selectColumns(Grant, 'g')}, now() AS locked_at${policy}
             FROM "grant" g WHERE g.id = $1 AND g.${column} = $2 FOR UPDATE OF g`,
          [grantId, tx.orgId],
        )),
      );
    const grant = rows[0] && this.db.hydrate(Grant, rows[0], 'g');
    if (!grant) throw new NotFoundError('Grant', grantId);
    const lines = rows
      .map((r) => (r.l_id ? this.db.hydrate(BudgetLine, r, 'l') : null))
      .filter((l): l is BudgetLine => l !== null);
    return {
      grant,
      lines: lineIds.length ? lines : null,
      now: rows[0].locked_at as Date,
      policy: (rows[0].policy as ReallocationPolicy | undefined) ?? null,
    };
  }
}
