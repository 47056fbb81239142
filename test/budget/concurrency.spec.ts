// Money stays right under concurrency: many reallocations at once never overdraw a line, the
// allocations always add up to the award and the ledger balances to zero.
import { DataSource } from 'typeorm';
import { RequestContext } from '../../src/core/context/request-context';
import { LedgerService } from '../../src/budget/ledger.service';
import { BudgetService } from '../../src/budget/budget.service';
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { actingAs } from '../helpers/identity';

async function invariants(api: TestApi, g: GrantFixture) {
  const budget = (await g.funder.gql(BUDGET, { id: g.grantId })).data.grantBudget;
  const ds = api.app.get(DataSource);
  const problems = await api.app
    .get(LedgerService)
    .verify(RequestContext.system('test'), g.grantId);
  const [{ total }] = await ds.query(
    `SELECT coalesce(sum(amount_minor), 0)::text AS total FROM ledger_entry WHERE grant_id = $1`,
    [g.grantId],
  );
  const applied = await ds.query(
    `SELECT r.id, count(e.id)::int AS entries FROM reallocation r LEFT JOIN ledger_entry e ON e.source_id = r.id
      WHERE r.grant_id = $1 AND r.status = 'APPLIED' GROUP BY r.id`,
    [g.grantId],
  );
  expect(problems).toEqual([]);
  expect(total).toBe('0');
  expect(budget.ledgerConsistent).toBe(true);
  expect(budget.lines.reduce((s: number, l: any) => s + l.allocated.amount, 0)).toBe(
    budget.awarded.amount,
  );
  for (const line of budget.lines) {
    expect(line.allocated.amount).toBeGreaterThanOrEqual(0);
    expect(line.allocated.amount).toBeGreaterThanOrEqual(line.spent.amount);
  }
  // Every applied reallocation has exactly its two ledger entries: none was applied twice.
  expect(applied.every((r: any) => r.entries === 2)).toBe(true);
  return budget;
}

describe('budget under concurrency', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi({ env: { DATABASE_POOL_SIZE: '40' } })));
  afterAll(() => api.close());

  it('32 concurrent reallocations out of one line never exceed its balance', async () => {
    // Tolerance 100 % so every move is applied at once and only the balance limits them.
    const g = await createGrant(api, {
      lines: [10_000_00, 20_000_00, 20_000_00],
      programme: { reallocationPolicy: { tolerancePercent: 100, approvalBeyondTolerance: true } },
    });
    await g.grantee.gql(`mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`, {
      i: {
        grantId: g.grantId,
        lineId: g.lineIds[0],
        amount: { amount: 2_000_00, currency: 'EUR' },
        spentOn: '2026-11-20',
        note: 'laptop',
      },
    });
    // 32 × 500 € = 16.000 € requested from a line holding 10.000 € of which 2.000 € are spent.
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        g.grantee.gql(REALLOCATE, {
          input: moveInput(g, 500_00, { to: 1 + (i % 2), reason: `move ${i}` }),
        }),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(16);
    expect(refused.every((r) => r.errors![0]!.extensions!.code === 'CONFLICT')).toBe(true);
    const budget = await invariants(api, g);
    expect(budget.lines[0]).toMatchObject({
      allocated: { amount: 2_000_00 },
      spent: { amount: 2_000_00 },
    });
  });

  it('64 clients moving money at random across 10 lines for a few seconds keep every invariant', async () => {
    const g = await createGrant(api, {
      lines: Array.from({ length: 10 }, () => 10_000_00),
      programme: { reallocationPolicy: { tolerancePercent: 50, approvalBeyondTolerance: true } },
    });
    const until = Date.now() + 3000;
    let requests = 0;
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (Date.now() < until) {
          const from = Math.floor(random() * 10);
          const to = (from + 1 + Math.floor(random() * 9)) % 10;
          requests++;
          await g.grantee.gql(REALLOCATE, {
            input: moveInput(g, 1 + Math.floor(random() * 3_000_00), {
              from,
              to,
              reason: 'random',
            }),
          });
        }
      }),
    );
    expect(requests).toBeGreaterThan(64);
    await invariants(api, g);
  });

  it('moves that arrive together commit together, each with its own row, answer, key and audit event', async () => {
    const g = await createGrant(api, {
      lines: [10_000_00, 10_000_00, 10_000_00],
      programme: { reallocationPolicy: { tolerancePercent: 100, approvalBeyondTolerance: true } },
    });
    const move = (i: number, key: string, amount = 10_00) =>
      g.grantee.gql(REALLOCATE, {
        input: moveInput(g, amount, {
          from: i % 3,
          to: (i + 1) % 3,
          reason: `group move ${i}`,
          idempotencyKey: key,
        }),
      });
    const results = await Promise.all([
      ...Array.from({ length: 16 }, (_, i) => move(i, `ok-${i}`)),
      move(0, 'ok-0'), // a repeat in the same burst: the first's answer
      move(1, 'ok-1', 20_00), // the key of another move with other parameters
      ...Array.from({ length: 4 }, (_, i) => move(i, `too-much-${i}`, 50_000_00)),
    ]);
    const [ok, repeat, reused, refused] = [
      results.slice(0, 16),
      results[16]!,
      results[17]!,
      results.slice(18),
    ];
    // Which of the two moves with key ok-1 came first decides which one is the reused key.
    const okOne = [ok[1]!, reused];
    expect(okOne.filter((r) => !r.errors)).toHaveLength(1);
    expect(okOne.find((r) => r.errors)!.errors![0]!.extensions!.reason).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(
      ok.filter((_, i) => i !== 1).every((r) => r.data?.requestReallocation.status === 'APPLIED'),
    ).toBe(true);
    expect(repeat.data.requestReallocation.id).toBe(ok[0]!.data.requestReallocation.id);
    expect(refused.every((r) => r.errors![0]!.extensions!.reason === 'INSUFFICIENT_BALANCE')).toBe(
      true,
    );

    const ds = api.app.get(DataSource);
    const rows = await ds.query(
      `SELECT r.id, r.created_at, r.requested_by_id,
              (SELECT count(*)::int FROM audit_event a WHERE a.subject_id = r.id::text) AS audits,
              (SELECT max(a.request_id) FROM audit_event a WHERE a.subject_id = r.id::text) AS request_id
         FROM reallocation r WHERE r.grant_id = $1`,
      [g.grantId],
    );
    expect(rows).toHaveLength(16);
    // They did share transactions: rows of one commit carry its time.
    expect(new Set(rows.map((r: any) => r.created_at.toISOString())).size).toBeLessThan(16);
    // One audit event per move, in the name of its own request.
    expect(rows.every((r: any) => r.audits === 1 && r.requested_by_id === g.grantee.personId)).toBe(
      true,
    );
    expect(new Set(rows.map((r: any) => r.request_id)).size).toBe(16);
    // Their outbox rows continue each request's own trace, not the first request's of the group.
    const [{ traces }] = await ds.query(
      `SELECT count(DISTINCT traceparent)::int AS traces FROM outbox_event
        WHERE request_id = ANY($1::text[]) AND traceparent IS NOT NULL`,
      [rows.map((r: any) => r.request_id)],
    );
    expect(traces).toBe(16);
    // A refused move's key was given back: the same request is decided again, not replayed.
    const [{ keys }] = await ds.query(
      `SELECT count(*)::int AS keys FROM idempotency_key WHERE scoped_key LIKE '%:requestReallocation:too-much-%'`,
    );
    expect(keys).toBe(0);
    expect((await move(0, 'too-much-0', 50_000_00)).errors![0]!.extensions!.reason).toBe(
      'INSUFFICIENT_BALANCE',
    );
    await invariants(api, g);
  });

  it('tries each move again alone when their shared transaction fails, so none fails for another', async () => {
    const g = await createGrant(api, {
      lines: [10_000_00, 10_000_00],
      programme: { reallocationPolicy: { tolerancePercent: 100, approvalBeyondTolerance: true } },
    });
    const ds = api.app.get(DataSource);
    // A database fault that only one move's row sets off.
    await ds.query(`CREATE FUNCTION fail_on_reason() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.reason = 'fault' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`);
    await ds.query(`CREATE TRIGGER fail_on_reason BEFORE INSERT ON reallocation
      FOR EACH ROW EXECUTE FUNCTION fail_on_reason()`);
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          g.grantee.gql(REALLOCATE, {
            input: moveInput(g, 1_00, {
              from: i % 2,
              to: (i + 1) % 2,
              reason: i === 5 ? 'fault' : `move ${i}`,
            }),
          }),
        ),
      );
      expect(results[5]!.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(
        results.filter((r, i) => i !== 5 && r.data?.requestReallocation.status === 'APPLIED'),
      ).toHaveLength(11);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM reallocation WHERE grant_id = $1`,
        [g.grantId],
      );
      expect(n).toBe(11);
    } finally {
      await ds.query(`DROP TRIGGER fail_on_reason ON reallocation; DROP FUNCTION fail_on_reason()`);
    }
    await invariants(api, g);
  });

  describe('groups formed in the process (moves sent to the service in one go)', () => {
    // Sent without awaiting, the first move starts alone and the rest wait for the next group: the
    // grouping is certain, not a matter of timing.
    let g: GrantFixture;
    let budget: BudgetService;
    let ctx: RequestContext;
    const send = (reason: string, amount: number, idempotencyKey?: string) =>
      budget
        .requestReallocation(ctx, {
          grantId: g.grantId,
          fromLineId: g.lineIds[0]!,
          toLineId: g.lineIds[1]!,
          amount: { amount, currency: 'EUR' },
          reason,
          idempotencyKey,
        } as never)
        .then(
          (r) => r.status as string,
          (e: { details?: { reason?: string }; name: string }) => e.details?.reason ?? e.name,
        );
    beforeEach(async () => {
      g = await createGrant(api, {
        lines: [10_000_00, 10_000_00],
        programme: { reallocationPolicy: { tolerancePercent: 100, approvalBeyondTolerance: true } },
      });
      budget = api.app.get(BudgetService);
      ctx = actingAs(g.grantee, 'GRANTEE', 'OWNER');
    });

    it('a refused move and its repeat in one group both answer the refusal', async () => {
      const answers = await Promise.all([
        send('first', 1_00),
        send('too much', 50_000_00, 'same-key'),
        send('too much', 50_000_00, 'same-key'),
      ]);
      expect(answers).toEqual(['APPLIED', 'INSUFFICIENT_BALANCE', 'INSUFFICIENT_BALANCE']);
    });

    it('when the commit itself fails, only moves with a key are tried again', async () => {
      const ds = api.app.get(DataSource);
      // Raised at COMMIT, after every write went through: the client cannot know the outcome.
      await ds.query(`CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.reason = 'fails at commit' THEN RAISE EXCEPTION 'injected commit fault'; END IF;
        RETURN NEW; END $$`);
      await ds.query(`CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT ON reallocation
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_at_commit()`);
      try {
        const answers = await Promise.all([
          send('first', 1_00),
          send('no key', 1_00),
          send('with a key', 1_00, 'keyed'),
          send('fails at commit', 1_00),
        ]);
        expect(answers).toEqual(['APPLIED', 'QueryFailedError', 'APPLIED', expect.any(String)]);
        expect(answers[3]).not.toBe('APPLIED');
        const rows = await ds.query(
          `SELECT reason FROM reallocation WHERE grant_id = $1 ORDER BY reason`,
          [g.grantId],
        );
        expect(rows.map((r: { reason: string }) => r.reason)).toEqual(['first', 'with a key']);
      } finally {
        await ds.query(
          `DROP TRIGGER fail_at_commit ON reallocation; DROP FUNCTION fail_at_commit()`,
        );
      }
      await invariants(api, g);
    });
  });

  it('releases a tranche once when 10 requests release it at the same moment', async () => {
    const g = await createGrant(api);
    const finance = g.manager;
    const sprintTranche = g.tranches.find((t) => t.kind === 'SPRINT')!;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        finance.gql(
          `mutation($i: ReleaseTrancheInput!) { releaseTranche(input: $i) { id status } }`,
          { i: { trancheId: sprintTranche.id } },
        ),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(
      results.filter((r) => r.errors?.[0]?.extensions?.reason === 'ALREADY_RELEASED'),
    ).toHaveLength(9);
    const [{ n }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM ledger_entry WHERE source_id = $1`, [
        sprintTranche.id,
      ]);
    expect(n).toBe(2);
    const budget = await invariants(api, g);
    const award = g.tranches.find((t) => t.kind === 'AWARD')!;
    expect(budget.released.amount).toBe(award.amount + sprintTranche.amount);
  });
});
