// Money mutations hold their grant's lock for as few round trips as possible: throughput on one
// grant is one over the time the lock is held, and most of that time used to be PostgreSQL waiting
// for the next statement. Every statement the API's connections send is recorded; the transaction
// that locked the grant is cut out and counted from the locking statement to COMMIT.
import { DataSource, QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';

interface Sent {
  runner: QueryRunner;
  sql: string;
}

const sent: Sent[] = [];

const query = PostgresQueryRunner.prototype.query;

/** The statements of the transaction that locked a grant, from the lock to COMMIT (inclusive). */
function underLock(statements: Sent[]): string[] {
  const lock = statements.findIndex((s) => /FOR UPDATE/.test(s.sql));
  if (lock < 0) throw new Error(`no grant was locked:\n${statements.map((s) => s.sql).join('\n')}`);
  const runner = statements[lock]!.runner;
  const mine = statements.slice(lock).filter((s) => s.runner === runner);
  const commit = mine.findIndex((s) => s.sql === 'COMMIT');
  return mine.slice(0, commit + 1).map((s) => s.sql.replace(/\s+/g, ' ').trim());
}

/** The statements of the transaction that locked a grant, start to COMMIT, and the lock itself. */
function lockingTransaction(statements: Sent[]): { lock: Sent; sqls: string[] } {
  const lock = statements.find((s) => /FOR UPDATE/.test(s.sql));
  if (!lock) throw new Error(`no grant was locked:\n${statements.map((s) => s.sql).join('\n')}`);
  const sqls = statements
    .filter((s) => s.runner === lock.runner)
    .map((s) => s.sql.replace(/\s+/g, ' ').trim());
  return { lock, sqls };
}

/** Statements other than the lock that read the programme. */
const programmeReads = (statements: Sent[], lock: Sent): string[] =>
  statements.filter((s) => s !== lock && /FROM "?programme"?\s/.test(s.sql)).map((s) => s.sql);

async function recording<T>(work: () => Promise<T>): Promise<{ result: T; statements: Sent[] }> {
  sent.length = 0;
  const result = await work();
  return { result, statements: [...sent] };
}

describe('money mutations: round trips under the grant lock', () => {
  let api: TestApi;
  let g: GrantFixture;

  beforeAll(async () => {
    PostgresQueryRunner.prototype.query = function (this: QueryRunner, sql: string, ...rest) {
      sent.push({ runner: this, sql });
      return query.call(this, sql, ...rest) as never;
    } as typeof query;
    api = await startApi();
    g = await createGrant(api, {
      lines: [10_000_00, 10_000_00, 10_000_00],
      programme: { reallocationPolicy: { tolerancePercent: 20, approvalBeyondTolerance: true } },
    });
  });
  afterAll(async () => {
    PostgresQueryRunner.prototype.query = query;
    await api.close();
  });

  const move = (amount: number, idempotencyKey?: string) =>
    g.grantee.gql(REALLOCATE, {
      input: moveInput(g, amount, { reason: 'round trips', idempotencyKey }),
    });

  it('requestReallocation: the lock with both lines, one write, COMMIT — and no read after it', async () => {
    const { result, statements } = await recording(() => move(1_000_00));
    expect(result.errors).toBeUndefined();
    expect(result.data.requestReallocation).toMatchObject({ status: 'APPLIED' });
    const locked = underLock(statements);
    expect(locked).toHaveLength(3);
    expect(locked[0]).toMatch(/FOR UPDATE OF g/);
    expect(locked[1]).toMatch(/^WITH w0 AS \(INSERT INTO "reallocation"/);
    expect(locked[2]).toBe('COMMIT');
    // Nothing sets the isolation level PostgreSQL starts with, and the answer is the row written.
    const sqls = statements.map((s) => s.sql);
    expect(sqls.filter((s) => /SET TRANSACTION/.test(s))).toEqual([]);
    const afterCommit = sqls.slice(sqls.indexOf('COMMIT') + 1);
    expect(afterCommit.filter((s) => /reallocation/.test(s))).toEqual([]);
  });

  it('requestReallocation: four statements in its transaction; the policy comes with the lock', async () => {
    const { result, statements } = await recording(() => move(1_00));
    expect(result.errors).toBeUndefined();
    const { lock, sqls: transaction } = lockingTransaction(statements);
    expect(transaction).toHaveLength(4);
    expect(transaction[0]).toBe('START TRANSACTION');
    expect(transaction[1]).toMatch(/reallocation_policy .*FOR UPDATE OF g/);
    expect(transaction[2]).toMatch(/^WITH w0 AS \(INSERT INTO "reallocation"/);
    expect(transaction[3]).toBe('COMMIT');
    // Nothing else reads the programme for it.
    expect(programmeReads(statements, lock)).toEqual([]);
  });

  it('the one write carries the move, ledger, outbox with notify and audit of a move applied at once', async () => {
    const { result } = await recording(() => move(500_00));
    const id = result.data.requestReallocation.id as string;
    const ds = api.app.get(DataSource);
    const [row] = await ds.query(
      `SELECT status, within_tolerance, created_at FROM reallocation WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ status: 'APPLIED', within_tolerance: true });
    const ledger = await ds.query(
      `SELECT account, amount_minor::text AS amount FROM ledger_entry WHERE source_id = $1 ORDER BY amount_minor`,
      [id],
    );
    expect(ledger).toEqual([
      { account: `line:${g.lineIds[0]}`, amount: '-50000' },
      { account: `line:${g.lineIds[1]}`, amount: '50000' },
    ]);
    const [audit] = await ds.query(
      `SELECT action, after, created_at FROM audit_event WHERE subject_id = $1`,
      [id],
    );
    expect(audit.action).toBe('reallocation.applied');
    // The audit snapshot names the row as stored, to the millisecond the API answered with.
    expect(audit.after).toMatchObject({
      id,
      status: 'APPLIED',
      amountMinor: '50000',
      createdAt: (row.created_at as Date).toISOString(),
    });
    expect((audit.created_at as Date).getTime()).toBe((row.created_at as Date).getTime());
    // The webhook event waits in its table; the outbox row that fans it out carries its id only.
    const events = await ds.query(
      `SELECT id, type FROM webhook_event WHERE data ->> 'reallocationId' = $1`,
      [id],
    );
    expect(events).toEqual([{ id: expect.any(String), type: 'reallocation.requested' }]);
    const outbox = await ds.query(
      `SELECT job_name, payload FROM outbox_event WHERE payload ->> 'eventId' = $1`,
      [events[0].id],
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0].payload).toEqual({ eventId: events[0].id });
  });

  it('with an idempotency key: the key is stored with the result id before the lock, not updated under it', async () => {
    const first = await recording(() => move(100_00, 'round-trips-1'));
    expect(first.result.errors).toBeUndefined();
    expect(underLock(first.statements)).toHaveLength(3);
    const replay = await recording(() => move(100_00, 'round-trips-1'));
    expect(replay.result.data.requestReallocation.id).toBe(
      first.result.data.requestReallocation.id,
    );
    expect(replay.statements.some((s) => /FOR UPDATE/.test(s.sql))).toBe(false);
  });

  it('decideReallocation: reads under the lock, then one write and COMMIT', async () => {
    // Beyond the 20 % tolerance: waits for the funder.
    const { result } = await recording(() => move(5_000_00));
    expect(result.data.requestReallocation.status).toBe('PENDING');
    const decided = await recording(() =>
      g.manager.gql(
        `mutation($i: DecideReallocationInput!) { decideReallocation(input: $i) { id status decidedAt } }`,
        { i: { reallocationId: result.data.requestReallocation.id, decision: 'APPROVE' } },
      ),
    );
    expect(decided.result.errors).toBeUndefined();
    expect(decided.result.data.decideReallocation.status).toBe('APPLIED');
    const locked = underLock(decided.statements);
    expect(locked.slice(-2)[0]).toMatch(
      /^WITH w0 AS \(INSERT INTO "ledger_entry".*w1 AS \(UPDATE budget_line/,
    );
    expect(locked.filter((s) => /^(INSERT|UPDATE)/.test(s))).toEqual([]);
  });

  const startDate = async (): Promise<string> =>
    (
      await g.grantee.gql(`query($id: ID!) { grant(grantId: $id) { startDate } }`, {
        id: g.grantId,
      })
    ).data.grant.startDate;
  const spend = (lineId: string, spentOn: string) =>
    g.grantee.gql(
      `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id beyondTolerance } }`,
      {
        i: {
          grantId: g.grantId,
          lineId,
          amount: { amount: 10_00, currency: 'EUR' },
          spentOn,
          note: 'round trips',
        },
      },
    );

  it('reportSpend: its line and the policy come with the lock', async () => {
    const day = await startDate();
    const { result, statements } = await recording(() => spend(g.lineIds[2], day));
    expect(result.errors).toBeUndefined();
    const { lock, sqls: transaction } = lockingTransaction(statements);
    expect(transaction[0]).toBe('START TRANSACTION');
    expect(transaction[1]).toMatch(
      /FROM "grant" g JOIN budget_line l .*reallocation_policy|reallocation_policy .*FROM "grant" g JOIN budget_line l/,
    );
    expect(transaction.at(-1)).toBe('COMMIT');
    // Between the lock and COMMIT only writes: no second read of the line or the programme.
    expect(
      transaction
        .slice(2, -1)
        .filter((s) => !/^(WITH \w+ AS \((INSERT|UPDATE)|INSERT|UPDATE)/.test(s)),
    ).toEqual([]);
    expect(programmeReads(statements, lock)).toEqual([]);
  });

  it("reportSpend on another organisation's grant's line: NOT_FOUND", async () => {
    const other = await createGrant(api);
    const result = await spend(other.lineIds[0], await startDate());
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      entity: 'BudgetLine',
      id: other.lineIds[0],
    });
  });

  // Guards against keeping the policy anywhere between moves: each move reads it again.
  it("a change of the programme's policy applies to the next move", async () => {
    const policy = (tolerancePercent: number) =>
      g.manager.gql(
        `mutation($id: ID!, $input: ProgrammeInput!) {
          updateProgramme(programmeId: $id, input: $input) { reallocationPolicy { tolerancePercent } }
        }`,
        {
          id: g.programmeId,
          input: { reallocationPolicy: { tolerancePercent, approvalBeyondTolerance: true } },
        },
      );
    // Into the third line, which no move has touched (a spend does not count against its
    // tolerance): beyond a tolerance of 0 %, within one of 20 %.
    const intoThird = () =>
      g.grantee.gql(REALLOCATE, { input: moveInput(g, 1_00, { to: 2, reason: 'policy' }) });
    expect((await policy(0)).errors).toBeUndefined();
    const beyond = await intoThird();
    expect(beyond.errors).toBeUndefined();
    expect(beyond.data.requestReallocation.status).toBe('PENDING');
    expect((await policy(20)).errors).toBeUndefined();
    const within = await intoThird();
    expect(within.data.requestReallocation.status).toBe('APPLIED');
  });
});
