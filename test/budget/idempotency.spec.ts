// Idempotency keys on the money mutations: a replay answers the first result and moves nothing
// again, the same key with other parameters is refused, concurrent retries collapse into one
// movement, keys are scoped per organisation and operation, and a failed attempt burns no key.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, moveInput } from '../helpers/grants';

const REALLOCATE = `mutation($input: RequestReallocationInput!) { requestReallocation(input: $input) { id status withinTolerance amount { amount } } }`;
const SPEND = `mutation($input: ReportSpendInput!) { reportSpend(input: $input) { id beyondTolerance amount { amount } } }`;
const RELEASE = `mutation($input: ReleaseTrancheInput!) { releaseTranche(input: $input) { id status } }`;
const AMEND = `mutation($input: AmendGrantInput!) { amendGrant(input: $input) { id newAmount { amount } } }`;

describe('idempotency keys on budget mutations', () => {
  let api: TestApi;
  let ds: DataSource;
  beforeAll(async () => {
    api = await startApi({ env: { DATABASE_POOL_SIZE: '20' } });
    ds = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  async function count(table: string, grantId: string): Promise<number> {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE grant_id = $1`, [
      grantId,
    ]);
    return n;
  }

  async function entriesFor(sourceId: string): Promise<number> {
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM ledger_entry WHERE source_id = $1`,
      [sourceId],
    );
    return n;
  }

  /** Everything a replay must leave alone. */
  async function snapshot(g: GrantFixture) {
    const budget = await g.funder.gql(BUDGET, { id: g.grantId });
    expect(budget.errors).toBeUndefined();
    const tranches = await ds.query(
      `SELECT id, status, amount_minor::text AS amount FROM tranche WHERE grant_id = $1 ORDER BY number`,
      [g.grantId],
    );
    return {
      budget: budget.data.grantBudget,
      tranches,
      ledger: await count('ledger_entry', g.grantId),
      reallocations: await count('reallocation', g.grantId),
      spend: await count('spend_entry', g.grantId),
      amendments: await count('amendment', g.grantId),
    };
  }

  async function expectConsistent(g: GrantFixture) {
    const { budget } = await snapshot(g);
    expect(budget.ledgerConsistent).toBe(true);
    expect(budget.lines.reduce((s: number, l: any) => s + l.allocated.amount, 0)).toBe(
      budget.awarded.amount,
    );
  }

  const move = (g: GrantFixture, amount: number, key?: string, extra: object = {}) => ({
    input: moveInput(g, amount, {
      reason: 'we learned the app needs more design',
      idempotencyKey: key,
      ...extra,
    }),
  });

  const spend = (g: GrantFixture, amount: number, key?: string, extra: object = {}) => ({
    input: {
      grantId: g.grantId,
      lineId: g.lineIds[0],
      amount: { amount, currency: 'EUR' },
      spentOn: '2026-11-20',
      note: 'laptop',
      ...(key ? { idempotencyKey: key } : {}),
      ...extra,
    },
  });

  const raise = (g: GrantFixture, by: number, key?: string) => ({
    input: {
      grantId: g.grantId,
      newAmount: { amount: 100_000_00 + by, currency: 'EUR' },
      lineChanges: [{ lineId: g.lineIds[0], change: by }],
      reason: 'more users than expected',
      ...(key ? { idempotencyKey: key } : {}),
    },
  });

  const sprintTranches = (g: GrantFixture) => g.tranches.filter((t) => t.kind === 'SPRINT');

  describe('a replay answers the first result and moves nothing again', () => {
    it('requestReallocation', async () => {
      const g = await createGrant(api);
      const first = await g.grantee.gql(REALLOCATE, move(g, 1_000_00, 'realloc-1'));
      expect(first.errors).toBeUndefined();
      expect(first.data.requestReallocation.status).toBe('APPLIED');
      const after = await snapshot(g);
      expect(after.budget.lines[0].allocated.amount).toBe(49_000_00);
      expect(after.budget.lines[1].allocated.amount).toBe(31_000_00);

      const replay = await g.grantee.gql(REALLOCATE, move(g, 1_000_00, 'realloc-1'));
      expect(replay.errors).toBeUndefined();
      expect(replay.data.requestReallocation).toEqual(first.data.requestReallocation);
      expect(await snapshot(g)).toEqual(after);
      expect(await entriesFor(first.data.requestReallocation.id)).toBe(2);
      await expectConsistent(g);
    });

    it('reportSpend', async () => {
      const g = await createGrant(api);
      const first = await g.grantee.gql(SPEND, spend(g, 2_500_00, 'spend-1'));
      expect(first.errors).toBeUndefined();
      const after = await snapshot(g);
      expect(after.budget.spent.amount).toBe(2_500_00);

      const replay = await g.grantee.gql(SPEND, spend(g, 2_500_00, 'spend-1'));
      expect(replay.errors).toBeUndefined();
      expect(replay.data.reportSpend.id).toBe(first.data.reportSpend.id);
      expect(await snapshot(g)).toEqual(after);
      expect(after.spend).toBe(1);
      await expectConsistent(g);
    });

    it('releaseTranche (a replay is not refused as ALREADY_RELEASED)', async () => {
      const g = await createGrant(api);
      const tranche = sprintTranches(g)[0];
      const first = await g.manager.gql(RELEASE, {
        input: { trancheId: tranche.id, idempotencyKey: 'release-1' },
      });
      expect(first.errors).toBeUndefined();
      expect(first.data.releaseTranche).toEqual({ id: tranche.id, status: 'RELEASED' });
      const after = await snapshot(g);

      const replay = await g.manager.gql(RELEASE, {
        input: { trancheId: tranche.id, idempotencyKey: 'release-1' },
      });
      expect(replay.errors).toBeUndefined();
      expect(replay.data.releaseTranche).toEqual({ id: tranche.id, status: 'RELEASED' });
      expect(await snapshot(g)).toEqual(after);
      expect(await entriesFor(tranche.id)).toBe(2);

      // Without a key, a second release is refused.
      const again = await g.manager.gql(RELEASE, { input: { trancheId: tranche.id } });
      expect(again.errors?.[0]?.extensions?.reason).toBe('ALREADY_RELEASED');
      await expectConsistent(g);
    });

    it('amendGrant', async () => {
      const g = await createGrant(api);
      const first = await g.manager.gql(AMEND, raise(g, 10_000_00, 'amend-1'));
      expect(first.errors).toBeUndefined();
      const after = await snapshot(g);
      expect(after.budget.awarded.amount).toBe(110_000_00);

      const replay = await g.manager.gql(AMEND, raise(g, 10_000_00, 'amend-1'));
      expect(replay.errors).toBeUndefined();
      expect(replay.data.amendGrant).toEqual(first.data.amendGrant);
      expect(await snapshot(g)).toEqual(after);
      expect(after.amendments).toBe(1);
      await expectConsistent(g);
    });
  });

  describe('the same key with other parameters is a CONFLICT and writes nothing', () => {
    it('requestReallocation', async () => {
      const g = await createGrant(api);
      await g.grantee.gql(REALLOCATE, move(g, 1_000_00, 'k'));
      const before = await snapshot(g);
      for (const variables of [
        move(g, 1_000_01, 'k'),
        move(g, 1_000_00, 'k', { toLineId: g.lineIds[2] }),
        move(g, 1_000_00, 'k', { reason: 'another reason' }),
      ]) {
        const res = await g.grantee.gql(REALLOCATE, variables);
        expect(res.errors?.[0]?.extensions).toMatchObject({
          code: 'CONFLICT',
          reason: 'IDEMPOTENCY_KEY_REUSED',
        });
      }
      expect(await snapshot(g)).toEqual(before);
      await expectConsistent(g);
    });

    it('reportSpend', async () => {
      const g = await createGrant(api);
      await g.grantee.gql(SPEND, spend(g, 1_000_00, 'k'));
      const before = await snapshot(g);
      for (const variables of [
        spend(g, 2_000_00, 'k'),
        spend(g, 1_000_00, 'k', { note: 'another laptop' }),
        spend(g, 1_000_00, 'k', { lineId: g.lineIds[1] }),
      ]) {
        const res = await g.grantee.gql(SPEND, variables);
        expect(res.errors?.[0]?.extensions).toMatchObject({
          code: 'CONFLICT',
          reason: 'IDEMPOTENCY_KEY_REUSED',
        });
      }
      expect(await snapshot(g)).toEqual(before);
      await expectConsistent(g);
    });

    it('releaseTranche', async () => {
      const g = await createGrant(api);
      const [first, second] = sprintTranches(g);
      await g.manager.gql(RELEASE, { input: { trancheId: first.id, idempotencyKey: 'k' } });
      const before = await snapshot(g);
      const res = await g.manager.gql(RELEASE, {
        input: { trancheId: second.id, idempotencyKey: 'k' },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
      const after = await snapshot(g);
      expect(after).toEqual(before);
      expect(after.tranches.find((t: any) => t.id === second.id).status).toBe('SCHEDULED');
      await expectConsistent(g);
    });

    it('amendGrant', async () => {
      const g = await createGrant(api);
      await g.manager.gql(AMEND, raise(g, 10_000_00, 'k'));
      const before = await snapshot(g);
      const res = await g.manager.gql(AMEND, raise(g, 20_000_00, 'k'));
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
      expect(await snapshot(g)).toEqual(before);
      await expectConsistent(g);
    });
  });

  describe('the same key sent 5 times at once moves money exactly once', () => {
    it('requestReallocation', async () => {
      const g = await createGrant(api);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => g.grantee.gql(REALLOCATE, move(g, 1_000_00, 'burst'))),
      );
      expect(results.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
      const ids = new Set(results.map((r) => r.data.requestReallocation.id));
      expect(ids.size).toBe(1);
      const after = await snapshot(g);
      expect(after.reallocations).toBe(1);
      expect(await entriesFor([...ids][0] as string)).toBe(2);
      expect(after.budget.lines[0].allocated.amount).toBe(49_000_00);
      expect(after.budget.lines[1].allocated.amount).toBe(31_000_00);
      await expectConsistent(g);
    });

    it('reportSpend', async () => {
      const g = await createGrant(api);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => g.grantee.gql(SPEND, spend(g, 1_234_00, 'burst'))),
      );
      expect(results.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
      const ids = new Set(results.map((r) => r.data.reportSpend.id));
      expect(ids.size).toBe(1);
      const after = await snapshot(g);
      expect(after.spend).toBe(1);
      expect(after.budget.spent.amount).toBe(1_234_00);
      expect(await entriesFor([...ids][0] as string)).toBe(2);
      await expectConsistent(g);
    });

    it('releaseTranche', async () => {
      const g = await createGrant(api);
      const tranche = sprintTranches(g)[0];
      const before = await snapshot(g);
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          g.manager.gql(RELEASE, { input: { trancheId: tranche.id, idempotencyKey: 'burst' } }),
        ),
      );
      expect(results.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
      expect(new Set(results.map((r) => r.data.releaseTranche.id))).toEqual(new Set([tranche.id]));
      expect(await entriesFor(tranche.id)).toBe(2);
      const after = await snapshot(g);
      expect(after.budget.released.amount).toBe(before.budget.released.amount + tranche.amount);
      await expectConsistent(g);
    });

    it('amendGrant', async () => {
      const g = await createGrant(api);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => g.manager.gql(AMEND, raise(g, 10_000_00, 'burst'))),
      );
      expect(results.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
      const ids = new Set(results.map((r) => r.data.amendGrant.id));
      expect(ids.size).toBe(1);
      const after = await snapshot(g);
      expect(after.amendments).toBe(1);
      expect(after.budget.awarded.amount).toBe(110_000_00);
      expect(await entriesFor([...ids][0] as string)).toBe(2);
      await expectConsistent(g);
    });
  });

  describe('keys are scoped per organisation and operation', () => {
    it('two grantees using the same key string on their own grants both move money', async () => {
      const [a, b] = await Promise.all([createGrant(api), createGrant(api)]);
      const ra = await a.grantee.gql(REALLOCATE, move(a, 1_000_00, 'shared-key'));
      const rb = await b.grantee.gql(REALLOCATE, move(b, 2_000_00, 'shared-key'));
      expect(ra.errors).toBeUndefined();
      expect(rb.errors).toBeUndefined();
      expect(rb.data.requestReallocation.id).not.toBe(ra.data.requestReallocation.id);
      expect((await snapshot(a)).budget.lines[1].allocated.amount).toBe(31_000_00);
      expect((await snapshot(b)).budget.lines[1].allocated.amount).toBe(32_000_00);

      const sa = await a.grantee.gql(SPEND, spend(a, 100_00, 'shared-spend'));
      const sb = await b.grantee.gql(SPEND, spend(b, 200_00, 'shared-spend'));
      expect(sa.errors).toBeUndefined();
      expect(sb.errors).toBeUndefined();
      expect(sb.data.reportSpend.id).not.toBe(sa.data.reportSpend.id);
      expect((await snapshot(b)).budget.spent.amount).toBe(200_00);

      // Funders too: each releases its own tranche and amends its own grant under one key string.
      const ta = sprintTranches(a)[0];
      const tb = sprintTranches(b)[0];
      const la = await a.manager.gql(RELEASE, { input: { trancheId: ta.id, idempotencyKey: 'f' } });
      const lb = await b.manager.gql(RELEASE, { input: { trancheId: tb.id, idempotencyKey: 'f' } });
      expect(la.data?.releaseTranche).toEqual({ id: ta.id, status: 'RELEASED' });
      expect(lb.data?.releaseTranche).toEqual({ id: tb.id, status: 'RELEASED' });
      const ma = await a.manager.gql(AMEND, raise(a, 1_000_00, 'f'));
      const mb = await b.manager.gql(AMEND, raise(b, 2_000_00, 'f'));
      expect(ma.errors).toBeUndefined();
      expect(mb.errors).toBeUndefined();
      expect((await snapshot(b)).budget.awarded.amount).toBe(102_000_00);
      await expectConsistent(a);
      await expectConsistent(b);
    });

    it('one organisation may use the same key for different operations', async () => {
      const g = await createGrant(api);
      const r = await g.grantee.gql(REALLOCATE, move(g, 1_000_00, 'same'));
      const s = await g.grantee.gql(SPEND, spend(g, 500_00, 'same'));
      expect(r.errors).toBeUndefined();
      expect(s.errors).toBeUndefined();
      const t = await g.manager.gql(RELEASE, {
        input: { trancheId: sprintTranches(g)[0].id, idempotencyKey: 'same' },
      });
      const m = await g.manager.gql(AMEND, raise(g, 1_000_00, 'same'));
      expect(t.errors).toBeUndefined();
      expect(m.errors).toBeUndefined();
      const after = await snapshot(g);
      expect(after.reallocations).toBe(1);
      expect(after.spend).toBe(1);
      expect(after.amendments).toBe(1);
      await expectConsistent(g);
    });
  });

  describe('a failed request does not burn its key', () => {
    it('after a CONFLICT for the balance, the same key with a smaller amount is accepted', async () => {
      const g = await createGrant(api);
      const before = await snapshot(g);
      const failed = await g.grantee.gql(
        REALLOCATE,
        move(g, 60_000_00, 'retry-me', { fromLineId: g.lineIds[0] }),
      );
      expect(failed.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'INSUFFICIENT_BALANCE',
      });
      expect(await snapshot(g)).toEqual(before);
      // The same failing request again fails the same way (no cached error, no key conflict).
      const again = await g.grantee.gql(REALLOCATE, move(g, 60_000_00, 'retry-me'));
      expect(again.errors?.[0]?.extensions?.reason).toBe('INSUFFICIENT_BALANCE');

      const fixed = await g.grantee.gql(REALLOCATE, move(g, 1_000_00, 'retry-me'));
      expect(fixed.errors).toBeUndefined();
      expect(fixed.data.requestReallocation.status).toBe('APPLIED');
      const replay = await g.grantee.gql(REALLOCATE, move(g, 1_000_00, 'retry-me'));
      expect(replay.data?.requestReallocation.id).toBe(fixed.data.requestReallocation.id);
      const after = await snapshot(g);
      expect(after.reallocations).toBe(1);
      expect(after.budget.lines[1].allocated.amount).toBe(31_000_00);
      await expectConsistent(g);
    });

    it('after a BAD_USER_INPUT, the same key with fixed parameters is accepted', async () => {
      const g = await createGrant(api);
      const failed = await g.grantee.gql(SPEND, {
        input: {
          ...spend(g, 700_00, 'spend-retry').input,
          amount: { amount: 700_00, currency: 'USD' },
        },
      });
      expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await snapshot(g)).spend).toBe(0);
      const fixed = await g.grantee.gql(SPEND, spend(g, 700_00, 'spend-retry'));
      expect(fixed.errors).toBeUndefined();
      expect((await snapshot(g)).budget.spent.amount).toBe(700_00);
      await expectConsistent(g);
    });

    it('after a refused amendment, the same key with a valid amendment is accepted', async () => {
      const g = await createGrant(api);
      const bad = await g.manager.gql(AMEND, {
        input: {
          ...raise(g, 10_000_00, 'amend-retry').input,
          lineChanges: [{ lineId: g.lineIds[0], change: 9_000_00 }],
        },
      });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const good = await g.manager.gql(AMEND, raise(g, 10_000_00, 'amend-retry'));
      expect(good.errors).toBeUndefined();
      expect((await snapshot(g)).budget.awarded.amount).toBe(110_000_00);
      await expectConsistent(g);
    });
  });
});
