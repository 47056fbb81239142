// When a grant ends, its money is closed out: what was never released goes back to the programme
// (through the budget guard, as a ledger movement), what was released and not spent becomes a
// refund claim the funder settles or waives — audited, by people — and the ledger still balances.
import { DataSource } from 'typeorm';
import { LedgerService } from '../../src/budget/ledger.service';
import { RequestContext } from '../../src/core/context/request-context';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { addMember, createApiKey } from '../helpers/identity';
import { DECIDE, submitApplication } from '../helpers/programmes';
import {
  DECIDE_REVIEW,
  FILE_NOTICE,
  reviewInput,
  SAVE_REVIEW,
  sprintsOf,
  submitReview,
} from '../helpers/sprints';

const PROGRAMME_BUDGET = `query($id: ID!) { programmeBudget(programmeId: $id) { awarded { amount } available { amount } returned { amount } } }`;
const SETTLEMENT = `query($id: ID!) { grant(grantId: $id) { status tranches { kind status amount { amount } }
  settlement { awarded { amount } released { amount } spent { amount } returned { amount } claimed { amount }
               refundClaim { id status } }
  refundClaim { id status amount { amount currency } decisionReason decidedAt } } }`;
const DECIDE_CLAIM = `mutation($input: DecideRefundClaimInput!) { decideRefundClaim(input: $input) { id status decisionReason amount { amount } } }`;
const TIMELINE = `query($id: ID!) { grantTimeline(grantId: $id, first: 100) { nodes { kind amount { amount } label detail summary } } }`;
const REPORT_SPEND = `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`;

describe('close-out: end-of-grant money', () => {
  let api: TestApi;
  let db: DataSource;
  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const ledgerOk = async (grantId: string) => {
    const problems = await api.app
      .get(LedgerService)
      .verify(RequestContext.system('test'), grantId);
    const [{ total }] = await db.query(
      `SELECT coalesce(sum(amount_minor), 0)::text AS total FROM ledger_entry WHERE grant_id = $1`,
      [grantId],
    );
    expect({ problems, total }).toEqual({ problems: [], total: '0' });
  };
  const movements = (grantId: string, kind: string) =>
    db.query(
      `SELECT account, amount_minor::text AS amount FROM ledger_entry WHERE grant_id = $1 AND kind = $2 ORDER BY account`,
      [grantId, kind],
    );
  const audits = (action: string, subjectId: string) =>
    db.query(
      `SELECT actor_user_id, actor_kind, before, after FROM audit_event WHERE action = $1 AND subject_id = $2`,
      [action, subjectId],
    );

  /** A running grant of 100.000 € (3 sprints) with 12.000 € spent, stopped in sprint 1 with 3.000 € more. */
  const stopped = async (): Promise<GrantFixture & { unreleased: number; before: any }> => {
    const g = await createGrant(api, { sprints: 3, programme: { totalBudget: 150_000_00 } });
    await g.grantee.gql(REPORT_SPEND, {
      i: {
        grantId: g.grantId,
        lineId: g.lineIds[0],
        amount: { amount: 12_000_00, currency: 'EUR' },
        spentOn: '2026-11-20',
        note: 'laptops',
      },
    });
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const saved = await g.grantee.gql(SAVE_REVIEW, {
      input: reviewInput(s1, { spend: [{ lineId: g.lineIds[1], amount: 3_000_00 }] }),
    });
    expect(saved.errors).toBeUndefined();
    const unreleased = g.tranches
      .filter((t) => t.status === 'SCHEDULED')
      .reduce((s, t) => s + t.amount, 0);
    const before = (await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId })).data
      .programmeBudget;
    const filed = await g.grantee.gql(FILE_NOTICE, {
      input: { grantId: g.grantId, kind: 'STOP', description: 'We end here, honestly.' },
    });
    expect(filed.errors).toBeUndefined();
    return { ...g, unreleased, before };
  };

  it('STOP: the unreleased tranches go back to the programme, the unspent money is claimed back', async () => {
    const g = await stopped();
    expect(g.before).toEqual({
      awarded: { amount: 100_000_00 },
      available: { amount: 50_000_00 },
      returned: { amount: 0 },
    });
    expect(g.unreleased).toBe(70_000_00);
    const after = (await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId })).data
      .programmeBudget;
    // Exactly the unreleased sum is available again.
    expect(after).toEqual({
      awarded: { amount: 100_000_00 },
      available: { amount: 50_000_00 + 70_000_00 },
      returned: { amount: 70_000_00 },
    });
    expect(await movements(g.grantId, 'RETURN')).toEqual([
      { account: 'commitment', amount: '7000000' },
      { account: 'programme', amount: '-7000000' },
    ]);

    // Both sides see the settlement and the claim: released 30.000 − spent 15.000 = 15.000 €.
    for (const side of [g.funder, g.grantee]) {
      const grant = (await side.gql(SETTLEMENT, { id: g.grantId })).data.grant;
      expect(grant.status).toBe('STOPPED');
      expect(grant.settlement).toEqual({
        awarded: { amount: 100_000_00 },
        released: { amount: 30_000_00 },
        spent: { amount: 15_000_00 },
        returned: { amount: 70_000_00 },
        claimed: { amount: 15_000_00 },
        refundClaim: { id: grant.refundClaim.id, status: 'OPEN' },
      });
      expect(grant.refundClaim).toMatchObject({
        status: 'OPEN',
        amount: { amount: 15_000_00, currency: 'EUR' },
        decisionReason: null,
      });
    }
    const claimId = (await g.funder.gql(SETTLEMENT, { id: g.grantId })).data.grant.refundClaim.id;
    expect(await audits('grant.money-returned', g.grantId)).toHaveLength(1);
    expect(await audits('refund-claim.opened', claimId)).toHaveLength(1);
    await ledgerOk(g.grantId);
    const timeline = (await g.grantee.gql(TIMELINE, { id: g.grantId })).data.grantTimeline.nodes;
    const kinds = timeline.map((e: any) => e.kind);
    expect(kinds.slice(kinds.indexOf('GRANT_STOPPED'))).toEqual([
      'GRANT_STOPPED',
      'MONEY_RETURNED',
      'REFUND_CLAIMED',
    ]);
    expect(timeline.find((e: any) => e.kind === 'MONEY_RETURNED').amount).toEqual({
      amount: 70_000_00,
    });
    // The notice and its answer in words, not codes.
    expect(timeline.find((e: any) => e.kind === 'NOTICE_FILED').summary).toBe(
      'Change notice: stop',
    );
    const german = (await g.grantee.gql(TIMELINE, { id: g.grantId }, { 'accept-language': 'de' }))
      .data.grantTimeline.nodes;
    expect(german.find((e: any) => e.kind === 'NOTICE_FILED').summary).toBe(
      'Änderungsmitteilung: Abbruch',
    );
    // The return in the reader's words; the ledger's memo (written by the system, in English)
    // stays in the ledger and is no detail of the entry.
    expect(german.find((e: any) => e.kind === 'MONEY_RETURNED')).toMatchObject({
      summary: expect.stringMatching(/^70\.000,00\s€ nie ausgezahlt, zurück ans Programmbudget$/),
      detail: null,
    });
    const [{ memo }] = await db.query(
      `SELECT memo FROM ledger_entry WHERE grant_id = $1 AND kind = 'RETURN' LIMIT 1`,
      [g.grantId],
    );
    expect(memo).toBe('grant stopped: unreleased money back to the programme');
  });

  it('settling a claim is for funder finance or management in person, once, audited, in the ledger', async () => {
    const g = await stopped();
    const claimId = (await g.funder.gql(SETTLEMENT, { id: g.grantId })).data.grant.refundClaim.id;
    const settle = { claimId, decision: 'SETTLE', comment: 'Paid back on 2026-12-01.' };

    const key = await createApiKey(g.funder, ['WRITE']);
    const byKey = await api.gql(DECIDE_CLAIM, { input: settle }, { token: key });
    expect(byKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byGrantee = await g.grantee.gql(DECIDE_CLAIM, { input: settle });
    expect(byGrantee.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reviewer = await addMember(api, g.funder, 'REVIEWER');
    expect(
      (await reviewer.gql(DECIDE_CLAIM, { input: settle })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await movements(g.grantId, 'REFUND')).toEqual([]);

    const finance = await addMember(api, g.funder, 'FINANCE');
    const settled = await finance.gql(DECIDE_CLAIM, { input: settle });
    expect(settled.errors).toBeUndefined();
    expect(settled.data.decideRefundClaim).toEqual({
      id: claimId,
      status: 'SETTLED',
      decisionReason: 'Paid back on 2026-12-01.',
      amount: { amount: 15_000_00 },
    });
    const again = await g.manager.gql(DECIDE_CLAIM, {
      input: { claimId, decision: 'WAIVE', comment: 'changed my mind' },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_DECIDED',
      current: 'SETTLED',
    });
    const [audit] = await audits('refund-claim.settled', claimId);
    expect(audit).toMatchObject({
      actor_user_id: finance.personId,
      before: { status: 'OPEN' },
      after: { status: 'SETTLED' },
    });
    expect(await movements(g.grantId, 'REFUND')).toEqual([
      { account: 'funder-cash', amount: '1500000' },
      { account: 'grantee-funds', amount: '-1500000' },
    ]);
    await ledgerOk(g.grantId);
    const timeline = (await g.funder.gql(TIMELINE, { id: g.grantId })).data.grantTimeline.nodes;
    expect(timeline[timeline.length - 1]).toMatchObject({
      kind: 'REFUND_DECIDED',
      label: 'SETTLED',
      amount: { amount: 15_000_00 },
    });
  });

  it('waiving a claim needs a reason and moves no money', async () => {
    const g = await stopped();
    const claimId = (await g.funder.gql(SETTLEMENT, { id: g.grantId })).data.grant.refundClaim.id;
    const noReason = await g.manager.gql(DECIDE_CLAIM, { input: { claimId, decision: 'WAIVE' } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'comment' }],
    });
    const waived = await g.manager.gql(DECIDE_CLAIM, {
      input: { claimId, decision: 'WAIVE', comment: 'Spent on the hand-over, receipts follow.' },
    });
    expect(waived.data.decideRefundClaim).toMatchObject({ status: 'WAIVED' });
    const seen = (await g.grantee.gql(SETTLEMENT, { id: g.grantId })).data.grant.refundClaim;
    expect(seen).toMatchObject({
      status: 'WAIVED',
      decisionReason: 'Spent on the hand-over, receipts follow.',
    });
    expect(seen.decidedAt).toBeTruthy();
    expect(await audits('refund-claim.waived', claimId)).toHaveLength(1);
    expect(await movements(g.grantId, 'REFUND')).toEqual([]);
    await ledgerOk(g.grantId);
  });

  it('COMPLETED: everything is released, nothing goes back, the unspent rest is claimed', async () => {
    const g = await createGrant(api, { sprints: 1, programme: { totalBudget: 100_000_00 } });
    const review = await submitReview(g.grantee, g.grantId, 1, {
      spend: [{ lineId: g.lineIds[0], amount: 40_000_00 }],
    });
    const accepted = await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'ACCEPT', comment: '' },
    });
    expect(accepted.errors).toBeUndefined();
    const grant = (await g.grantee.gql(SETTLEMENT, { id: g.grantId })).data.grant;
    expect(grant.status).toBe('COMPLETED');
    expect(grant.settlement).toMatchObject({
      awarded: { amount: 100_000_00 },
      released: { amount: 100_000_00 },
      spent: { amount: 40_000_00 },
      returned: { amount: 0 },
      claimed: { amount: 60_000_00 },
      refundClaim: { status: 'OPEN' },
    });
    const budget = (await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId })).data
      .programmeBudget;
    expect(budget.available).toEqual({ amount: 0 });
    await ledgerOk(g.grantId);
  });

  it('two grants of one programme stopping at once while a third is approved: no deadlock, exact figures (3 rounds)', async () => {
    for (let round = 1; round <= 3; round++) {
      const g = await createGrant(api, { sprints: 3, programme: { totalBudget: 250_000_00 } });
      const secondApp = await submitApplication(
        g.grantee,
        g.programmeId,
        [60_000_00, 40_000_00],
        3,
      );
      const second = await g.manager.gql(DECIDE, {
        input: { applicationId: secondApp, decision: 'APPROVE', comment: 'ok' },
      });
      const secondId = second.data.decideApplication.grant.id;
      const thirdApp = await submitApplication(g.grantee, g.programmeId, [30_000_00, 20_000_00], 2);
      for (const grantId of [g.grantId, secondId]) {
        const [s1] = await sprintsOf(g.grantee, grantId);
        await g.grantee.gql(SAVE_REVIEW, { input: reviewInput(s1) });
      }
      const stop = (grantId: string) =>
        g.grantee.gql(FILE_NOTICE, {
          input: { grantId, kind: 'STOP', description: `round ${round}` },
        });
      const results = await Promise.all([
        stop(g.grantId),
        stop(secondId),
        g.manager.gql(DECIDE, {
          input: { applicationId: thirdApp, decision: 'APPROVE', comment: 'ok' },
        }),
      ]);
      expect(results.map((r) => r.errors?.[0]?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
      // 250.000 − (100.000 + 100.000 + 50.000) + 2 × 70.000 returned
      const budget = (await g.funder.gql(PROGRAMME_BUDGET, { id: g.programmeId })).data
        .programmeBudget;
      expect(budget).toEqual({
        awarded: { amount: 250_000_00 },
        available: { amount: 140_000_00 },
        returned: { amount: 140_000_00 },
      });
      await ledgerOk(g.grantId);
      await ledgerOk(secondId);
    }
  });

  it('a running grant has no claim and an open settlement', async () => {
    const g = await createGrant(api);
    const grant = (await g.grantee.gql(SETTLEMENT, { id: g.grantId })).data.grant;
    expect(grant.refundClaim).toBeNull();
    expect(grant.settlement).toMatchObject({ returned: { amount: 0 }, claimed: { amount: 0 } });
  });
});
