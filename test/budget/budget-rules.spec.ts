// The budget rules through GraphQL: tolerances and approvals for reallocations, who may do what,
// input validation that writes nothing, amendments, manual tranche releases and reported spend.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { addMember } from '../helpers/identity';

const DECIDE = `mutation($input: DecideReallocationInput!) { decideReallocation(input: $input) { id status decisionComment } }`;
const SPEND = `mutation($input: ReportSpendInput!) { reportSpend(input: $input) { id beyondTolerance explanation sprintId amount { amount } } }`;
const RELEASE = `mutation($input: ReleaseTrancheInput!) { releaseTranche(input: $input) { id status kind } }`;
const AMEND = `mutation($input: AmendGrantInput!) { amendGrant(input: $input) { id previousAmount { amount } newAmount { amount } } }`;
const TRANCHES = `query($id: ID!) { grant(grantId: $id) { tranches { id kind status amount { amount } } sprints { id number } } }`;

describe('budget rules', () => {
  let api: TestApi;
  let ds: DataSource;
  let made: GrantFixture[] = [];
  beforeAll(async () => {
    api = await startApi();
    ds = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  /** A grant for this test; its invariants are checked after the test. */
  async function grant(options: Parameters<typeof createGrant>[1] = {}) {
    const g = await createGrant(api, options);
    made.push(g);
    return g;
  }

  afterEach(async () => {
    for (const g of made) {
      const budget = (await g.funder.gql(BUDGET, { id: g.grantId })).data.grantBudget;
      expect(budget.ledgerConsistent).toBe(true);
      expect(budget.lines.reduce((s: number, l: any) => s + l.allocated.amount, 0)).toBe(
        budget.awarded.amount,
      );
      expect(budget.allocated.amount).toBe(budget.awarded.amount);
    }
    made = [];
  });

  async function state(g: GrantFixture) {
    const budget = (await g.funder.gql(BUDGET, { id: g.grantId })).data.grantBudget;
    const [{ ledger, reallocations, spend, amendments }] = await ds.query(
      `SELECT (SELECT count(*)::int FROM ledger_entry WHERE grant_id = $1) AS ledger,
              (SELECT count(*)::int FROM reallocation WHERE grant_id = $1) AS reallocations,
              (SELECT count(*)::int FROM spend_entry WHERE grant_id = $1) AS spend,
              (SELECT count(*)::int FROM amendment WHERE grant_id = $1) AS amendments`,
      [g.grantId],
    );
    const tranches = (await g.funder.gql(TRANCHES, { id: g.grantId })).data.grant.tranches;
    return { budget, ledger, reallocations, spend, amendments, tranches };
  }

  const move = (g: GrantFixture, from: number, to: number, amount: number, extra: object = {}) => ({
    input: moveInput(g, amount, { from, to, reason: 'user research showed a need', ...extra }),
  });

  const spend = (g: GrantFixture, line: number, amount: number, extra: object = {}) => ({
    input: {
      grantId: g.grantId,
      lineId: g.lineIds[line],
      amount: { amount, currency: 'EUR' },
      spentOn: '2026-11-20',
      note: 'invoice',
      ...extra,
    },
  });

  const lineAlloc = (budget: any) => budget.lines.map((l: any) => l.allocated.amount);
  const error = (res: { errors?: any[] }) => res.errors?.[0]?.extensions;
  const fields = (res: { errors?: any[] }) =>
    (error(res)?.fields ?? []).map((f: { field: string }) => f.field);

  describe('reallocations and tolerance', () => {
    it('applies a move of exactly 20 % of the receiving line at once', async () => {
      const g = await grant();
      const res = await g.grantee.gql(REALLOCATE, move(g, 0, 1, 6_000_00));
      expect(res.errors).toBeUndefined();
      expect(res.data.requestReallocation).toMatchObject({
        status: 'APPLIED',
        withinTolerance: true,
        amount: { amount: 6_000_00 },
      });
      const { budget } = await state(g);
      expect(lineAlloc(budget)).toEqual([44_000_00, 36_000_00, 20_000_00]);
      expect(budget.lines[1]).toMatchObject({ deviationPercent: '20.00', withinTolerance: true });
      expect(budget.pendingReallocations.nodes).toEqual([]);
    });

    it('keeps one cent beyond the tolerance pending, then applies it on approval', async () => {
      const g = await grant();
      const before = await state(g);
      const res = await g.grantee.gql(REALLOCATE, move(g, 0, 1, 6_000_01));
      expect(res.errors).toBeUndefined();
      expect(res.data.requestReallocation).toMatchObject({
        status: 'PENDING',
        withinTolerance: false,
      });
      const id = res.data.requestReallocation.id;
      const pending = await state(g);
      expect(lineAlloc(pending.budget)).toEqual(lineAlloc(before.budget));
      expect(pending.ledger).toBe(before.ledger);
      expect(pending.budget.pendingReallocations.nodes).toEqual([{ id }]);

      const approved = await g.manager.gql(DECIDE, {
        input: { reallocationId: id, decision: 'APPROVE', comment: 'fine' },
      });
      expect(approved.errors).toBeUndefined();
      expect(approved.data.decideReallocation).toMatchObject({ id, status: 'APPLIED' });
      const after = await state(g);
      expect(lineAlloc(after.budget)).toEqual([43_999_99, 36_000_01, 20_000_00]);
      expect(after.budget.pendingReallocations.nodes).toEqual([]);
      expect(after.budget.lines[1].withinTolerance).toBe(false);
      expect(after.budget.linesOutsideTolerance).toBe(1);
      expect(after.ledger).toBe(before.ledger + 2);

      const again = await g.manager.gql(DECIDE, {
        input: { reallocationId: id, decision: 'REJECT', comment: 'changed my mind' },
      });
      expect(error(again)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PENDING' });
      expect(lineAlloc((await state(g)).budget)).toEqual(lineAlloc(after.budget));
    });

    it('rejects a pending move without touching the budget; deciding again is NOT_PENDING', async () => {
      const g = await grant();
      const before = await state(g);
      const res = await g.grantee.gql(REALLOCATE, move(g, 0, 2, 10_000_00));
      const id = res.data.requestReallocation.id;
      expect(res.data.requestReallocation.status).toBe('PENDING');
      const rejected = await g.manager.gql(DECIDE, {
        input: { reallocationId: id, decision: 'REJECT', comment: 'too much' },
      });
      expect(rejected.data?.decideReallocation).toMatchObject({
        id,
        status: 'REJECTED',
        decisionComment: 'too much',
      });
      const after = await state(g);
      expect(lineAlloc(after.budget)).toEqual(lineAlloc(before.budget));
      expect(after.ledger).toBe(before.ledger);
      expect(after.budget.pendingReallocations.nodes).toEqual([]);
      const again = await g.manager.gql(DECIDE, {
        input: { reallocationId: id, decision: 'APPROVE', comment: 'well, ok' },
      });
      expect(error(again)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PENDING' });
      expect(lineAlloc((await state(g)).budget)).toEqual(lineAlloc(before.budget));
    });

    it('re-checks the balances on approval: spend since the request blocks it', async () => {
      const g = await grant();
      const res = await g.grantee.gql(REALLOCATE, move(g, 2, 1, 15_000_00));
      expect(res.data.requestReallocation.status).toBe('PENDING');
      const id = res.data.requestReallocation.id;
      const spent = await g.grantee.gql(SPEND, spend(g, 2, 10_000_00));
      expect(spent.errors).toBeUndefined();
      const before = await state(g);
      const approved = await g.manager.gql(DECIDE, {
        input: { reallocationId: id, decision: 'APPROVE', comment: 'ok' },
      });
      expect(error(approved)?.code).toBe('CONFLICT');
      expect(['BELOW_SPENT', 'INSUFFICIENT_BALANCE']).toContain(error(approved)?.reason);
      expect(error(approved)?.available).toBe(String(10_000_00));
      const after = await state(g);
      expect(lineAlloc(after.budget)).toEqual(lineAlloc(before.budget));
      expect(after.ledger).toBe(before.ledger);
      expect(after.budget.pendingReallocations.nodes).toEqual([{ id }]);
    });

    it('refuses a move beyond tolerance when the programme allows no exceptions', async () => {
      const g = await grant({
        programme: { reallocationPolicy: { tolerancePercent: 20, approvalBeyondTolerance: false } },
      });
      const before = await state(g);
      const res = await g.grantee.gql(REALLOCATE, move(g, 0, 1, 6_000_01));
      expect(error(res)).toMatchObject({ code: 'CONFLICT', reason: 'BEYOND_TOLERANCE' });
      const after = await state(g);
      expect(after.reallocations).toBe(before.reallocations);
      expect(after.ledger).toBe(before.ledger);
      const within = await g.grantee.gql(REALLOCATE, move(g, 0, 1, 6_000_00));
      expect(within.data?.requestReallocation.status).toBe('APPLIED');
    });

    it('keeps a move above the absolute cap pending even within the percentage', async () => {
      const g = await grant({
        programme: {
          reallocationPolicy: {
            tolerancePercent: 20,
            approvalBeyondTolerance: true,
            absoluteCapMinor: 1_000_00,
          },
        },
      });
      const above = await g.grantee.gql(REALLOCATE, move(g, 0, 1, 1_000_01));
      expect(above.data?.requestReallocation).toMatchObject({
        status: 'PENDING',
        withinTolerance: false,
      });
      const at = await g.grantee.gql(REALLOCATE, move(g, 0, 1, 1_000_00));
      expect(at.data?.requestReallocation).toMatchObject({
        status: 'APPLIED',
        withinTolerance: true,
      });
      expect(lineAlloc((await state(g)).budget)).toEqual([49_000_00, 31_000_00, 20_000_00]);
    });
  });

  describe('who may move and decide', () => {
    it('a grantee cannot decide and a funder cannot request', async () => {
      const g = await grant();
      const pending = await g.grantee.gql(REALLOCATE, move(g, 0, 1, 10_000_00));
      const id = pending.data.requestReallocation.id;
      const decided = await g.grantee.gql(DECIDE, {
        input: { reallocationId: id, decision: 'APPROVE', comment: 'self-service' },
      });
      expect(error(decided)?.code).toBe('FORBIDDEN');
      for (const account of [g.funder, g.manager]) {
        const requested = await account.gql(REALLOCATE, move(g, 0, 1, 1_000_00));
        expect(error(requested)?.code).toBe('FORBIDDEN');
      }
      const after = await state(g);
      expect(after.reallocations).toBe(1);
      expect(after.budget.pendingReallocations.nodes).toEqual([{ id }]);
    });

    it("another grantee's grant, lines or pending move are NOT_FOUND", async () => {
      const [a, b] = await Promise.all([grant(), grant()]);
      const before = await state(a);
      // b's grantee on a's grant
      const foreignGrant = await b.grantee.gql(REALLOCATE, move(a, 0, 1, 1_000_00));
      expect(error(foreignGrant)?.code).toBe('NOT_FOUND');
      // a's grantee with b's lines on its own grant
      const foreignLines = await a.grantee.gql(REALLOCATE, {
        input: { ...move(a, 0, 1, 1_000_00).input, toLineId: b.lineIds[1] },
      });
      expect(error(foreignLines)?.code).toBe('NOT_FOUND');
      const foreignSpend = await b.grantee.gql(SPEND, spend(a, 0, 100_00));
      expect(error(foreignSpend)?.code).toBe('NOT_FOUND');
      // b's funder deciding a's pending move, amending a's grant, releasing a's tranche
      const pending = await a.grantee.gql(REALLOCATE, move(a, 0, 1, 10_000_00));
      const id = pending.data.requestReallocation.id;
      const decided = await b.manager.gql(DECIDE, {
        input: { reallocationId: id, decision: 'APPROVE', comment: 'not mine' },
      });
      expect(error(decided)?.code).toBe('NOT_FOUND');
      const amended = await b.manager.gql(AMEND, {
        input: {
          grantId: a.grantId,
          newAmount: { amount: 110_000_00, currency: 'EUR' },
          lineChanges: [{ lineId: a.lineIds[0], change: 10_000_00 }],
          reason: 'not mine',
        },
      });
      expect(error(amended)?.code).toBe('NOT_FOUND');
      const released = await b.manager.gql(RELEASE, {
        input: { trancheId: a.tranches.find((t) => t.kind === 'SPRINT')!.id },
      });
      expect(error(released)?.code).toBe('NOT_FOUND');
      const after = await state(a);
      expect(lineAlloc(after.budget)).toEqual(lineAlloc(before.budget));
      expect(after.ledger).toBe(before.ledger);
      expect(after.spend).toBe(0);
      expect(after.amendments).toBe(0);
      expect(after.tranches).toEqual(before.tranches);
      expect(after.budget.pendingReallocations.nodes).toEqual([{ id }]);
    });
  });

  describe('bad inputs have a clear code and write nothing', () => {
    it('rejects each bad reallocation', async () => {
      const [g, other] = await Promise.all([grant(), grant()]);
      const before = await state(g);
      const base = move(g, 0, 1, 1_000_00).input;
      const cases: [string, object, string, string | null][] = [
        [
          'currency',
          { amount: { amount: 1_000_00, currency: 'USD' } },
          'BAD_USER_INPUT',
          'amount.currency',
        ],
        ['zero', { amount: { amount: 0, currency: 'EUR' } }, 'BAD_USER_INPUT', 'amount.amount'],
        [
          'negative',
          { amount: { amount: -1_000_00, currency: 'EUR' } },
          'BAD_USER_INPUT',
          'amount.amount',
        ],
        ['fraction', { amount: { amount: 12.5, currency: 'EUR' } }, 'BAD_USER_INPUT', null],
        ['same line', { toLineId: g.lineIds[0] }, 'BAD_USER_INPUT', 'toLineId'],
        ['other grant line', { toLineId: other.lineIds[1] }, 'NOT_FOUND', null],
        ['other grant source', { fromLineId: other.lineIds[0] }, 'NOT_FOUND', null],
        ['reason too long', { reason: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'reason'],
        ['reason blank', { reason: '   ' }, 'BAD_USER_INPUT', 'reason'],
      ];
      for (const [name, change, code, field] of cases) {
        const res = await g.grantee.gql(REALLOCATE, { input: { ...base, ...change } });
        expect({ name, code: error(res)?.code }).toEqual({ name, code });
        if (field) expect({ name, fields: fields(res) }).toEqual({ name, fields: [field] });
      }
      const { reason: _reason, ...withoutReason } = base;
      const missing = await g.grantee.gql(REALLOCATE, { input: withoutReason });
      expect(error(missing)?.code).toBe('BAD_USER_INPUT');
      const after = await state(g);
      expect(after).toEqual(before);
      expect((await state(other)).reallocations).toBe(0);
    });

    it('rejects bad spend amounts', async () => {
      const g = await grant();
      const before = await state(g);
      for (const [amount, field] of [
        [{ amount: 100_00, currency: 'USD' }, 'amount.currency'],
        [{ amount: 0, currency: 'EUR' }, 'amount.amount'],
        [{ amount: -100_00, currency: 'EUR' }, 'amount.amount'],
      ] as const) {
        const res = await g.grantee.gql(SPEND, { input: { ...spend(g, 0, 1).input, amount } });
        expect(error(res)?.code).toBe('BAD_USER_INPUT');
        expect(fields(res)).toEqual([field]);
      }
      expect(await state(g)).toEqual(before);
    });
  });

  describe('amendments', () => {
    it('raises the award by 10.000 €: lines and scheduled tranches grow', async () => {
      const g = await grant();
      const before = await state(g);
      const awardTranche = before.tranches.find((t: any) => t.kind === 'AWARD');
      const res = await g.manager.gql(AMEND, {
        input: {
          grantId: g.grantId,
          newAmount: { amount: 110_000_00, currency: 'EUR' },
          lineChanges: [
            { lineId: g.lineIds[0], change: 6_000_00 },
            { lineId: g.lineIds[2], change: 4_000_00 },
          ],
          reason: 'second city joins',
        },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.amendGrant).toMatchObject({
        previousAmount: { amount: 100_000_00 },
        newAmount: { amount: 110_000_00 },
      });
      const after = await state(g);
      expect(after.budget.awarded.amount).toBe(110_000_00);
      expect(after.budget.allocated.amount).toBe(110_000_00);
      expect(lineAlloc(after.budget)).toEqual([56_000_00, 30_000_00, 24_000_00]);
      // The original plan stays; the deviation is measured against it.
      expect(after.budget.lines.map((l: any) => l.original.amount)).toEqual([
        50_000_00, 30_000_00, 20_000_00,
      ]);
      const sum = (ts: any[]) => ts.reduce((s, t) => s + t.amount.amount, 0);
      expect(sum(after.tranches)).toBe(110_000_00);
      expect(after.tranches.find((t: any) => t.kind === 'AWARD')).toEqual(awardTranche);
      const scheduledBefore = before.tranches.filter((t: any) => t.status === 'SCHEDULED');
      const scheduledAfter = after.tranches.filter((t: any) => t.status === 'SCHEDULED');
      expect(scheduledAfter.map((t: any) => t.id)).toEqual(scheduledBefore.map((t: any) => t.id));
      expect(sum(scheduledAfter)).toBe(sum(scheduledBefore) + 10_000_00);
      for (const [i, t] of scheduledAfter.entries())
        expect(t.amount.amount).toBeGreaterThan(scheduledBefore[i].amount.amount);
      expect(after.budget.released.amount).toBe(before.budget.released.amount);
      expect(after.amendments).toBe(1);
    });

    it('cannot lower the award below what was released', async () => {
      const g = await grant();
      const before = await state(g);
      expect(before.budget.released.amount).toBe(30_000_00);
      const res = await g.manager.gql(AMEND, {
        input: {
          grantId: g.grantId,
          newAmount: { amount: 20_000_00, currency: 'EUR' },
          lineChanges: [
            { lineId: g.lineIds[0], change: -50_000_00 },
            { lineId: g.lineIds[1], change: -30_000_00 },
          ],
          reason: 'project halved',
        },
      });
      expect(error(res)).toMatchObject({
        code: 'CONFLICT',
        reason: 'BELOW_RELEASED',
        released: String(30_000_00),
      });
      expect(await state(g)).toEqual(before);
      // Lowering to exactly what was released is fine.
      const ok = await g.manager.gql(AMEND, {
        input: {
          grantId: g.grantId,
          newAmount: { amount: 30_000_00, currency: 'EUR' },
          lineChanges: [
            { lineId: g.lineIds[0], change: -40_000_00 },
            { lineId: g.lineIds[1], change: -30_000_00 },
          ],
          reason: 'project cut',
        },
      });
      expect(ok.errors).toBeUndefined();
      const after = await state(g);
      expect(after.budget.awarded.amount).toBe(30_000_00);
      expect(after.tranches.reduce((s: number, t: any) => s + t.amount.amount, 0)).toBe(30_000_00);
    });

    it('refuses line changes that do not add up or take a line below its spend', async () => {
      const g = await grant();
      await g.grantee.gql(SPEND, spend(g, 2, 5_000_00));
      const before = await state(g);
      const notAddingUp = await g.manager.gql(AMEND, {
        input: {
          grantId: g.grantId,
          newAmount: { amount: 110_000_00, currency: 'EUR' },
          lineChanges: [{ lineId: g.lineIds[0], change: 9_999_99 }],
          reason: 'typo',
        },
      });
      expect(error(notAddingUp)?.code).toBe('BAD_USER_INPUT');
      expect(fields(notAddingUp)).toContain('lineChanges');
      const cut = {
        input: {
          grantId: g.grantId,
          newAmount: { amount: 84_000_00, currency: 'EUR' },
          lineChanges: [{ lineId: g.lineIds[2], change: -16_000_00 }],
          reason: 'cut materials',
        },
      };
      const belowSpend = await g.manager.gql(AMEND, cut);
      expect(error(belowSpend)?.code).toBe('BAD_USER_INPUT');
      expect(fields(belowSpend)).toEqual(['lineChanges.0.change']);
      // The line and what it has spent, in money and in the reader's language.
      expect(error(belowSpend)?.fields[0].message).toMatch(
        /^would take ".+" below what it has spent \(€5,000\.00\)$/,
      );
      const german = await g.manager.gql(AMEND, cut, { 'accept-language': 'de' });
      expect(error(german)?.fields[0].message).toMatch(
        /^brächte „.+“ unter das, was dort schon ausgegeben ist \(5\.000,00\s€\)$/,
      );
      // The error's own message, which a client shows where it places no field, too.
      expect(german.errors?.[0].message).toMatch(
        /^Ungültige Eingabe — lineChanges\.0\.change: brächte/,
      );
      expect(await state(g)).toEqual(before);
    });
  });

  describe('tranches', () => {
    it('FINANCE releases a sprint tranche by hand, once; the holdback stays locked', async () => {
      const g = await grant();
      const finance = await addMember(api, g.funder, 'FINANCE');
      const reviewer = await addMember(api, g.funder, 'REVIEWER');
      const sprint = g.tranches.find((t) => t.kind === 'SPRINT' && t.status === 'SCHEDULED')!;
      const holdback = g.tranches.find((t) => t.kind === 'HOLDBACK')!;
      expect(holdback.amount).toBe(10_000_00);

      const byReviewer = await reviewer.gql(RELEASE, { input: { trancheId: sprint.id } });
      expect(error(byReviewer)?.code).toBe('FORBIDDEN');
      const byGrantee = await g.grantee.gql(RELEASE, { input: { trancheId: sprint.id } });
      expect(error(byGrantee)?.code).toBe('FORBIDDEN');
      const before = await state(g);
      expect(before.tranches.find((t: any) => t.id === sprint.id).status).toBe('SCHEDULED');

      const released = await finance.gql(RELEASE, { input: { trancheId: sprint.id } });
      expect(released.errors).toBeUndefined();
      expect(released.data.releaseTranche).toEqual({
        id: sprint.id,
        status: 'RELEASED',
        kind: 'SPRINT',
      });
      const after = await state(g);
      expect(after.budget.released.amount).toBe(before.budget.released.amount + sprint.amount);
      expect(after.ledger).toBe(before.ledger + 2);

      const twice = await finance.gql(RELEASE, { input: { trancheId: sprint.id } });
      expect(error(twice)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_RELEASED' });
      const award = g.tranches.find((t) => t.kind === 'AWARD')!;
      const awardAgain = await finance.gql(RELEASE, { input: { trancheId: award.id } });
      expect(error(awardAgain)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_RELEASED' });
      const locked = await finance.gql(RELEASE, { input: { trancheId: holdback.id } });
      expect(error(locked)).toMatchObject({ code: 'CONFLICT', reason: 'HOLDBACK_LOCKED' });
      const end = await state(g);
      expect(end.ledger).toBe(after.ledger);
      expect(end.budget.holdback.amount).toBe(10_000_00);
      expect(end.tranches).toEqual(after.tranches);
    });
  });

  describe('spend', () => {
    it('flags spend beyond 120 % of the original only with an explanation', async () => {
      const g = await grant();
      const within = await g.grantee.gql(SPEND, spend(g, 2, 20_000_00));
      expect(within.errors).toBeUndefined();
      expect(within.data.reportSpend).toMatchObject({ beyondTolerance: false, explanation: null });
      // Up to the ceiling (24.000 €) spend is not flagged, though above the allocation.
      const atCeiling = await g.grantee.gql(SPEND, spend(g, 2, 4_000_00));
      expect(atCeiling.data?.reportSpend.beyondTolerance).toBe(false);

      const before = await state(g);
      const unexplained = await g.grantee.gql(SPEND, spend(g, 2, 1));
      expect(error(unexplained)?.code).toBe('BAD_USER_INPUT');
      expect(fields(unexplained)).toEqual(['explanation']);
      const unexplainedDe = await g.grantee.gql(SPEND, spend(g, 2, 1), {
        'accept-language': 'de',
      });
      expect(error(unexplainedDe)?.fields[0].message).toBe(
        'ist nötig, wenn die Ausgabe über die Toleranz hinausgeht',
      );
      const blank = await g.grantee.gql(SPEND, spend(g, 2, 1, { explanation: '   ' }));
      expect(error(blank)?.code).toBe('BAD_USER_INPUT');
      expect(await state(g)).toEqual(before);

      const explained = await g.grantee.gql(
        SPEND,
        spend(g, 2, 1, { explanation: 'hardware prices rose' }),
      );
      expect(explained.errors).toBeUndefined();
      expect(explained.data.reportSpend).toMatchObject({
        beyondTolerance: true,
        explanation: 'hardware prices rose',
      });
      const after = await state(g);
      expect(after.budget.lines[2].spent.amount).toBe(24_000_01);
      expect(after.budget.spent.amount).toBe(24_000_01);
      expect(after.ledger).toBe(before.ledger + 2);
    });

    it('refuses a sprint of another grant and shows burn per sprint', async () => {
      const [g, other] = await Promise.all([grant(), grant()]);
      const sprints = (await g.funder.gql(TRANCHES, { id: g.grantId })).data.grant.sprints;
      const otherSprints = (await other.funder.gql(TRANCHES, { id: other.grantId })).data.grant
        .sprints;
      const bySprint = (n: number) => sprints.find((s: any) => s.number === n).id;
      const before = await state(g);
      const foreign = await g.grantee.gql(
        SPEND,
        spend(g, 0, 100_00, { sprintId: otherSprints[0].id }),
      );
      expect(error(foreign)?.code).toBe('BAD_USER_INPUT');
      expect(fields(foreign)).toEqual(['sprintId']);
      expect(await state(g)).toEqual(before);

      for (const [line, amount, sprint] of [
        [0, 1_000_00, 1],
        [1, 2_000_00, 2],
        [2, 500_00, 2],
      ])
        expect(
          (await g.grantee.gql(SPEND, spend(g, line, amount, { sprintId: bySprint(sprint) })))
            .errors,
        ).toBeUndefined();
      // Spend without a sprint counts for the line but not for any sprint.
      await g.grantee.gql(SPEND, spend(g, 0, 300_00));
      const { budget } = await state(g);
      expect(budget.burnBySprint).toEqual([
        { sprintNumber: 1, spent: { amount: 1_000_00 } },
        { sprintNumber: 2, spent: { amount: 2_500_00 } },
        { sprintNumber: 3, spent: { amount: 0 } },
      ]);
      expect(budget.spent.amount).toBe(3_800_00);
      expect(budget.remaining.amount).toBe(100_000_00 - 3_800_00);
    });
  });
});
