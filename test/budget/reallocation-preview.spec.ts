// The reallocation dry run (`reallocationPreview`): the verdict the team sees before sending is the
// outcome sending has — at once, waiting for the funder, or refused with the same words — and the
// dry run changes nothing, sees only the caller's own grants and answers bad input like the mutation.
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, REALLOCATE } from '../helpers/grants';
import { signUp } from '../helpers/identity';
import { FILE_NOTICE, SAVE_REVIEW, reviewInput, sprintsOf } from '../helpers/sprints';

const PREVIEW = `query($input: ReallocationPreviewInput!) { reallocationPreview(input: $input) {
  outcome reason message tolerancePercent available { amount currency }
  from { line { id } original { amount } allocatedBefore { amount } allocatedAfter { amount } spent { amount } ceiling { amount } }
  to { line { id } original { amount } allocatedBefore { amount } allocatedAfter { amount } spent { amount } ceiling { amount } } } }`;
const SPEND = `mutation($input: ReportSpendInput!) { reportSpend(input: $input) { id } }`;

/** What the mutation's answer says, in the preview's words. */
function outcomeOf(res: { data?: any; errors?: any[] }) {
  if (res.errors)
    return {
      outcome: 'REFUSED',
      reason: res.errors[0].extensions.reason,
      message: res.errors[0].message,
    };
  const status = res.data.requestReallocation.status;
  return {
    outcome: status === 'APPLIED' ? 'APPLIES_AT_ONCE' : 'NEEDS_FUNDER_DECISION',
    reason: null,
    message: null,
  };
}

describe('reallocationPreview', () => {
  let api: TestApi;
  let ds: DataSource;
  beforeAll(async () => {
    api = await startApi();
    ds = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const moveInput = (g: GrantFixture, from: number, to: number, amount: number) => ({
    grantId: g.grantId,
    fromLineId: g.lineIds[from],
    toLineId: g.lineIds[to],
    amount: { amount, currency: 'EUR' },
  });

  async function counts(grantId: string) {
    const [row] = await ds.query(
      `SELECT (SELECT count(*)::int FROM reallocation WHERE grant_id = $1) AS reallocations,
              (SELECT count(*)::int FROM ledger_entry WHERE grant_id = $1) AS ledger,
              (SELECT count(*)::int FROM audit_event) AS audit,
              (SELECT count(*)::int FROM outbox_event) AS outbox`,
      [grantId],
    );
    return row;
  }

  /** Previews the move, sends it and checks that the two agree; answers the preview. */
  async function previewThenSend(
    g: GrantFixture,
    from: number,
    to: number,
    amount: number,
    language: 'de' | 'en' = 'en',
  ) {
    const headers = { 'accept-language': language };
    const preview = await g.grantee.gql(
      PREVIEW,
      { input: moveInput(g, from, to, amount) },
      headers,
    );
    expect(preview.errors).toBeUndefined();
    const sent = await g.grantee.gql(
      REALLOCATE,
      { input: { ...moveInput(g, from, to, amount), reason: 'what we learned' } },
      headers,
    );
    const { outcome, reason, message } = preview.data.reallocationPreview;
    expect({ outcome, reason, message }).toEqual(outcomeOf(sent));
    return preview.data.reallocationPreview;
  }

  it('says "at once" for a move within the tolerance, with the lines before and after, and it is applied', async () => {
    const g = await createGrant(api);
    const before = await counts(g.grantId);
    const preview = await g.grantee.gql(PREVIEW, { input: moveInput(g, 0, 1, 6_000_00) });
    expect(preview.errors).toBeUndefined();
    expect(preview.data.reallocationPreview).toEqual({
      outcome: 'APPLIES_AT_ONCE',
      reason: null,
      message: null,
      tolerancePercent: 20,
      available: { amount: 50_000_00, currency: 'EUR' },
      from: {
        line: { id: g.lineIds[0] },
        original: { amount: 50_000_00 },
        allocatedBefore: { amount: 50_000_00 },
        allocatedAfter: { amount: 44_000_00 },
        spent: { amount: 0 },
        ceiling: { amount: 60_000_00 },
      },
      to: {
        line: { id: g.lineIds[1] },
        original: { amount: 30_000_00 },
        allocatedBefore: { amount: 30_000_00 },
        allocatedAfter: { amount: 36_000_00 },
        spent: { amount: 0 },
        ceiling: { amount: 36_000_00 },
      },
    });
    // A dry run writes nothing: no reallocation, no ledger entry, no audit event, no outbox row.
    expect(await counts(g.grantId)).toEqual(before);

    const sent = await g.grantee.gql(REALLOCATE, {
      input: { ...moveInput(g, 0, 1, 6_000_00), reason: 'what we learned' },
    });
    expect(sent.data.requestReallocation.status).toBe('APPLIED');
    const budget = (await g.grantee.gql(BUDGET, { id: g.grantId })).data.grantBudget;
    expect(budget.lines.map((l: any) => l.allocated.amount)).toEqual([
      preview.data.reallocationPreview.from.allocatedAfter.amount,
      preview.data.reallocationPreview.to.allocatedAfter.amount,
      20_000_00,
    ]);
  });

  it('says "the funder decides" one cent beyond the tolerance, and the request waits', async () => {
    const g = await createGrant(api);
    const preview = await previewThenSend(g, 0, 1, 6_000_01);
    expect(preview.outcome).toBe('NEEDS_FUNDER_DECISION');
    expect(preview.to.allocatedAfter.amount).toBe(36_000_01);
  });

  it('refuses with the mutation’s own reason and words, in German too', async () => {
    const g = await createGrant(api);
    // More than the source line holds.
    const tooMuch = await previewThenSend(g, 2, 0, 20_000_01, 'de');
    expect(tooMuch).toMatchObject({
      outcome: 'REFUSED',
      reason: 'INSUFFICIENT_BALANCE',
      available: { amount: 20_000_00 },
    });
    expect(tooMuch.message).toContain('20.000,00');
    // Below what was spent on the source line.
    const spent = await g.grantee.gql(SPEND, {
      input: {
        grantId: g.grantId,
        lineId: g.lineIds[2],
        amount: { amount: 15_000_00, currency: 'EUR' },
        spentOn: '2026-11-20',
        note: 'workshop',
      },
    });
    expect(spent.errors).toBeUndefined();
    const belowSpent = await previewThenSend(g, 2, 0, 5_000_01);
    expect(belowSpent).toMatchObject({
      outcome: 'REFUSED',
      reason: 'BELOW_SPENT',
      available: { amount: 5_000_00 },
      from: { spent: { amount: 15_000_00 } },
    });
    expect((await previewThenSend(g, 2, 0, 5_000_00)).outcome).toBe('APPLIES_AT_ONCE');
  });

  it('refuses beyond the tolerance where the programme allows no exceptions', async () => {
    const g = await createGrant(api, {
      programme: {
        reallocationPolicy: {
          tolerancePercent: 10,
          absoluteCapMinor: 2_000_00,
          approvalBeyondTolerance: false,
        },
      },
    });
    const beyond = await previewThenSend(g, 0, 1, 3_000_01);
    expect(beyond).toMatchObject({ outcome: 'REFUSED', reason: 'BEYOND_TOLERANCE' });
    // The cap per move counts as the tolerance too.
    expect((await previewThenSend(g, 0, 1, 2_000_01)).outcome).toBe('REFUSED');
    expect((await previewThenSend(g, 0, 1, 2_000_00)).outcome).toBe('APPLIES_AT_ONCE');
  });

  it('agrees with the mutation over a run of random moves', async () => {
    const g = await createGrant(api, { lines: [10_000_00, 8_000_00, 5_000_00, 2_000_00] });
    const seen = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const from = randomInt(4);
      const to = (from + 1 + randomInt(3)) % 4;
      const amount = 1 + randomInt(4_000_00);
      seen.add((await previewThenSend(g, from, to, amount)).outcome);
    }
    // Not a proof that every outcome came up, but the run should cross the tolerance.
    expect(seen.has('APPLIES_AT_ONCE') || seen.has('NEEDS_FUNDER_DECISION')).toBe(true);
    const budget = (await g.funder.gql(BUDGET, { id: g.grantId })).data.grantBudget;
    expect(budget.ledgerConsistent).toBe(true);
  });

  it("answers NOT_FOUND for another tenant's grant or line, and refuses funders", async () => {
    const g = await createGrant(api);
    const other = await createGrant(api);
    const stranger = await signUp(api, 'GRANTEE');
    const foreign = await stranger.gql(PREVIEW, { input: moveInput(g, 0, 1, 100) });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.data?.reallocationPreview ?? null).toBeNull();
    // The other grant's grantee names its own grant with lines of this one.
    const mixed = await other.grantee.gql(PREVIEW, {
      input: { ...moveInput(other, 0, 1, 100), toLineId: g.lineIds[1] },
    });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    // The funder decides moves; it does not ask for them.
    const funder = await g.funder.gql(PREVIEW, { input: moveInput(g, 0, 1, 100) });
    expect(funder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers bad input with BAD_USER_INPUT at the field, like the mutation, and writes nothing', async () => {
    const g = await createGrant(api);
    const before = await counts(g.grantId);
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: { amount: 0, currency: 'EUR' } }, 'amount.amount'],
      [{ amount: { amount: -5, currency: 'EUR' } }, 'amount.amount'],
      [{ amount: { amount: 100, currency: 'USD' } }, 'amount.currency'],
      [{ toLineId: g.lineIds[0] }, 'toLineId'],
      [{ fromLineId: 'not-a-uuid' }, 'fromLineId'],
    ];
    for (const [change, field] of cases) {
      const input = { ...moveInput(g, 0, 1, 100), ...change };
      const preview = await g.grantee.gql(PREVIEW, { input });
      const sent = await g.grantee.gql(REALLOCATE, { input: { ...input, reason: 'a reason' } });
      for (const res of [preview, sent]) {
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.extensions?.fields.map((f: any) => f.field)).toContainEqual(
          expect.stringContaining(field),
        );
      }
      expect(preview.errors?.[0]?.message).toBe(sent.errors?.[0]?.message);
    }
    const fraction = await g.grantee.gql(PREVIEW, {
      input: { ...moveInput(g, 0, 1, 100), amount: { amount: 1.5, currency: 'EUR' } },
    });
    expect(fraction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts(g.grantId)).toEqual(before);
  });

  it('answers CONFLICT GRANT_NOT_ACTIVE once the grant stopped, as the mutation does', async () => {
    const g = await createGrant(api);
    const [sprint] = await sprintsOf(g.grantee, g.grantId);
    const saved = await g.grantee.gql(SAVE_REVIEW, {
      input: reviewInput(sprint, { nextSprint: null }),
    });
    expect(saved.errors).toBeUndefined();
    const stop = await g.grantee.gql(FILE_NOTICE, {
      input: { grantId: g.grantId, kind: 'STOP', description: 'The district said no.' },
    });
    expect(stop.errors).toBeUndefined();
    const preview = await g.grantee.gql(PREVIEW, { input: moveInput(g, 0, 1, 100) });
    const sent = await g.grantee.gql(REALLOCATE, {
      input: { ...moveInput(g, 0, 1, 100), reason: 'a reason' },
    });
    expect(preview.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'GRANT_NOT_ACTIVE',
    });
    expect(sent.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'GRANT_NOT_ACTIVE',
    });
  });
});
