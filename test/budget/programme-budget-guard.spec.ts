// Amendments spend the programme's budget like approvals do: through one guard, under the
// programme's lock. A raise beyond what is available is refused with the figures and writes
// nothing; an amendment and an approval racing for the last euro never both win.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { createGrant } from '../helpers/grants';
import { DECIDE, submitApplication } from '../helpers/programmes';

const AMEND = `mutation($input: AmendGrantInput!) { amendGrant(input: $input) { id newAmount { amount } } }`;
const PROGRAMME_BUDGET = `query($id: ID!) { programmeBudget(programmeId: $id) { totalBudget { amount } awarded { amount } available { amount } } }`;
const TABLES = ['grant', 'budget_line', 'tranche', 'amendment', 'ledger_entry', 'audit_event'];

describe('the programme budget guard', () => {
  let api: TestApi;
  let db: DataSource;
  beforeAll(async () => {
    api = await startApi({ env: { DATABASE_POOL_SIZE: '20' } });
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[table] = n;
    }
    return counts;
  };

  it('refuses an amendment beyond the available budget with the figures, and writes nothing', async () => {
    // 100.000 € programme, fully awarded to one grant.
    const g = await createGrant(api, { programme: { totalBudget: 100_000_00 } });
    const before = await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId });
    expect(before.data.programmeBudget.available.amount).toBe(0);
    const counts = await rowCounts();

    const res = await g.manager.gql(AMEND, {
      input: {
        grantId: g.grantId,
        newAmount: { amount: 150_000_00, currency: 'EUR' },
        lineChanges: [{ lineId: g.lineIds[0], change: 50_000_00 }],
        reason: 'a third city joins',
      },
    });
    expect(res.data).toBeNull();
    expect(res.errors![0]!.message).toMatch(/would exceed the programme budget/);
    expect(res.errors![0]!.message).toMatch(/50,000\.00|50\.000,00/);
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'PROGRAMME_BUDGET_EXCEEDED',
      totalBudget: '10000000',
      alreadyAwarded: '10000000',
      available: '0',
      requested: '5000000',
    });
    expect(await rowCounts()).toEqual(counts);
    const after = await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId });
    expect(after.data.programmeBudget).toEqual(before.data.programmeBudget);

    // Lowering frees money; raising within what is free is still fine.
    const lower = await g.manager.gql(AMEND, {
      input: {
        grantId: g.grantId,
        newAmount: { amount: 90_000_00, currency: 'EUR' },
        lineChanges: [{ lineId: g.lineIds[0], change: -10_000_00 }],
        reason: 'cheaper than planned',
      },
    });
    expect(lower.errors).toBeUndefined();
    expect(
      (await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId })).data.programmeBudget.available,
    ).toEqual({ amount: 10_000_00 });
    const raise = await g.manager.gql(AMEND, {
      input: {
        grantId: g.grantId,
        newAmount: { amount: 100_000_00, currency: 'EUR' },
        lineChanges: [{ lineId: g.lineIds[1], change: 10_000_00 }],
        reason: 'back to the plan',
      },
    });
    expect(raise.errors).toBeUndefined();
    expect(
      (await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId })).data.programmeBudget.available,
    ).toEqual({ amount: 0 });
  });

  it('an amendment and an approval racing for the last 10.000 €: exactly one wins (10 rounds)', async () => {
    for (let round = 1; round <= 10; round++) {
      // 110.000 € programme: one grant of 100.000 €, 10.000 € left.
      const g = await createGrant(api, { programme: { totalBudget: 110_000_00 } });
      const applicationId = await submitApplication(g.grantee, g.programmeId, [6_000_00, 4_000_00]);
      const [amended, approved] = await Promise.all([
        g.manager.gql(AMEND, {
          input: {
            grantId: g.grantId,
            newAmount: { amount: 110_000_00, currency: 'EUR' },
            lineChanges: [{ lineId: g.lineIds[0], change: 10_000_00 }],
            reason: `round ${round}`,
          },
        }),
        g.funder.gql(DECIDE, {
          input: { applicationId, decision: 'APPROVE', comment: 'ok' },
        }),
      ]);
      const results = [amended, approved];
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect({ round, winners: winners.length }).toEqual({ round, winners: 1 });
      expect(losers[0]!.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'PROGRAMME_BUDGET_EXCEEDED',
        available: '0',
        requested: '1000000',
      });
      const budget = (await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId })).data
        .programmeBudget;
      expect(budget).toEqual({
        totalBudget: { amount: 110_000_00 },
        awarded: { amount: 110_000_00 },
        available: { amount: 0 },
      });
    }
  });
});
