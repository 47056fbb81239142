// The whole flow through GraphQL over HTTP: a funder opens a programme, two grantees apply,
// reviewers score, one application is approved with a lower amount, one is rejected.
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { createProgramme, DECIDE, SCORE, submitApplication } from '../helpers/programmes';

const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

describe('programme → applications → award', () => {
  let api: TestApi;
  let funder: Account;
  let manager: Account;
  let reviewerA: Account;
  let reviewerB: Account;
  let granteeA: Account;
  let granteeB: Account;
  let programme: any;
  let appA: string;
  let appB: string;

  beforeAll(async () => {
    api = await startApi();
    funder = await signUp(api, 'FUNDER');
    manager = await addMember(api, funder, 'MANAGER');
    reviewerA = await addMember(api, funder, 'REVIEWER', 'reviewer-a');
    reviewerB = await addMember(api, funder, 'REVIEWER', 'reviewer-b');
    granteeA = await signUp(api, 'GRANTEE');
    granteeB = await signUp(api, 'GRANTEE');
  });
  afterAll(() => api.close());

  it('a funder creates and opens a programme with validated settings and defaults', async () => {
    programme = await createProgramme(manager);
    expect(programme).toMatchObject({
      status: 'OPEN',
      totalBudget: { amount: 500_000_00, currency: 'EUR', formatted: '€500,000.00' },
      reallocationPolicy: {
        tolerancePercent: 20,
        approvalBeyondTolerance: true,
        absoluteCapMinor: null,
      },
      tranchePolicy: {
        awardSharePercent: 30,
        releaseOnAcceptedReview: true,
        finalHoldbackPercent: 10,
      },
      reminderPolicy: { daysBeforeDue: [7, 2], daysAfterDue: [1, 7], decisionWaitDays: 10 },
    });
  });

  it('lists the open call publicly, without sign-in', async () => {
    const res = await api.gql(
      '{ openCalls { totalCount nodes { id title funder { name } totalBudget { formatted } } } }',
    );
    expect(res.data.openCalls.nodes).toEqual([
      expect.objectContaining({ id: programme.id, title: 'Digitale Nachbarschaft' }),
    ]);
  });

  it('two grantees apply; the funder never sees drafts', async () => {
    const draft = await granteeA.gql(
      `mutation { saveApplicationDraft(input: { programmeId: "${programme.id}", title: "Draft only" }) { id status } }`,
    );
    expect(draft.data.saveApplicationDraft.status).toBe('DRAFT');
    expect((await funder.gql('{ applications { totalCount } }')).data.applications.totalCount).toBe(
      0,
    );

    appA = await submitApplication(granteeA, programme.id, [60_000_00, 40_000_00], 3);
    appB = await submitApplication(granteeB, programme.id, [30_000_00], 2);
    const seen = await funder.gql(
      '{ applications { totalCount nodes { id status grantee { id } requestedAmount { amount } } } }',
    );
    expect(seen.data.applications.totalCount).toBe(2);
    expect(seen.data.applications.nodes.map((n: any) => n.id).sort()).toEqual([appA, appB].sort());
    // Grantee A sees its own two (draft and submitted), not B's.
    const own = await granteeA.gql('{ applications { totalCount nodes { id } } }');
    expect(own.data.applications.totalCount).toBe(2);
    expect(own.data.applications.nodes.map((n: any) => n.id)).not.toContain(appB);
    expect(
      (await granteeA.gql(`{ application(applicationId: "${appB}") { id } }`)).errors![0]!
        .extensions!.code,
    ).toBe('NOT_FOUND');
  });

  it("reviewers score; a reviewer sees the others' scores only after scoring; managers see the weighted average", async () => {
    const reviews = `query($id: ID!) { application(applicationId: $id) { reviews { reviewer { id } scores { criterionKey score } } weightedScore } }`;
    await reviewerA.gql(SCORE, {
      input: {
        applicationId: appA,
        scores: [
          { criterionKey: 'impact', score: 5, comment: 'Strong' },
          { criterionKey: 'feasibility', score: 3, comment: 'Ok' },
        ],
      },
    });
    const beforeOwn = await reviewerB.gql(reviews, { id: appA });
    expect(beforeOwn.data.application).toEqual({ reviews: [], weightedScore: null });
    const incomplete = await reviewerB.gql(SCORE, {
      input: { applicationId: appA, scores: [{ criterionKey: 'impact', score: 4, comment: '' }] },
    });
    expect(incomplete.errors![0]!.extensions!.fields).toEqual([
      { field: 'scores', message: 'criterion feasibility is not scored' },
    ]);
    await reviewerB.gql(SCORE, {
      input: {
        applicationId: appA,
        scores: [
          { criterionKey: 'impact', score: 4, comment: 'Good' },
          { criterionKey: 'feasibility', score: 2, comment: 'Risky' },
        ],
      },
    });
    const afterOwn = await reviewerB.gql(reviews, { id: appA });
    expect(afterOwn.data.application.reviews).toHaveLength(2);
    expect(afterOwn.data.application.weightedScore).toBeNull();
    // (5·3 + 3·1 + 4·3 + 2·1) / (4 + 4) = 32 / 8 = 4.00
    expect((await manager.gql(reviews, { id: appA })).data.application.weightedScore).toBe('4.00');
    expect((await granteeA.gql(reviews, { id: appA })).data.application).toEqual({
      reviews: [],
      weightedScore: null,
    });
  });

  it('approves A with a lower amount and adjusted lines; rejects B with feedback', async () => {
    const approved = await manager.gql(DECIDE, {
      input: {
        applicationId: appA,
        decision: 'APPROVE',
        comment: 'Gern — mit etwas weniger Sachkosten.',
        awardedAmount: { amount: 90_000_00, currency: 'EUR' },
        budgetLines: [
          {
            category: 'PERSONNEL',
            name: 'Entwicklung',
            amount: { amount: 60_000_00, currency: 'EUR' },
          },
          {
            category: 'MATERIAL',
            name: 'Sachkosten 1',
            amount: { amount: 30_000_00, currency: 'EUR' },
          },
        ],
        startDate: '2027-01-04',
      },
    });
    expect(approved.errors).toBeUndefined();
    expect(approved.data.decideApplication).toMatchObject({
      status: 'APPROVED',
      grant: { reference: 'MS-2027-0001' },
    });
    const rejected = await manager.gql(DECIDE, {
      input: { applicationId: appB, decision: 'REJECT', comment: 'Zu früh für dieses Programm.' },
    });
    expect(rejected.data.decideApplication).toMatchObject({ status: 'REJECTED', grant: null });
    const seenByB = await granteeB.gql(
      `{ application(applicationId: "${appB}") { status decisionFeedback lastDecision } }`,
    );
    expect(seenByB.data.application).toEqual({
      status: 'REJECTED',
      decisionFeedback: 'Zu früh für dieses Programm.',
      lastDecision: 'REJECT',
    });
    const again = await manager.gql(DECIDE, {
      input: { applicationId: appA, decision: 'REJECT', comment: 'x' },
    });
    expect(again.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVALID_STATE',
      current: 'APPROVED',
    });
  });

  it('the grant has lines, sprints and a tranche schedule whose sums match the award exactly', async () => {
    const query = `{ grants { totalCount nodes { id reference status title startDate endDate awardedAmount { amount currency }
      budgetLines { position category name originalAmount { amount } }
      sprints { number status goal startDate endDate milestones { title } }
      tranches { number kind releasedBySprint status amount { amount } }
      grantee { id } funder { id } programme { id } } } }`;
    const forGrantee = await granteeA.gql(query);
    const forFunder = await funder.gql(query);
    expect(forFunder.data).toEqual(forGrantee.data);
    const [grant] = forGrantee.data.grants.nodes;
    expect(grant).toMatchObject({
      reference: 'MS-2027-0001',
      status: 'ACTIVE',
      awardedAmount: { amount: 90_000_00, currency: 'EUR' },
      startDate: '2027-01-04',
      endDate: '2027-05-09',
      grantee: { id: granteeA.organizationId },
      funder: { id: funder.organizationId },
      programme: { id: programme.id },
    });
    expect(sum(grant.budgetLines.map((l: any) => l.originalAmount))).toBe(90_000_00);
    expect(
      grant.sprints.map((s: any) => [
        s.number,
        s.status,
        s.startDate,
        s.endDate,
        s.milestones.length,
      ]),
    ).toEqual([
      [1, 'ACTIVE', '2027-01-04', '2027-02-14', 2],
      [2, 'PLANNED', '2027-02-15', '2027-03-28', 2],
      [3, 'PLANNED', '2027-03-29', '2027-05-09', 2],
    ]);
    expect(
      grant.tranches.map((t: any) => [t.kind, t.releasedBySprint, t.amount.amount, t.status]),
    ).toEqual([
      ['AWARD', null, 27_000_00, 'RELEASED'],
      ['SPRINT', 1, 27_000_00, 'SCHEDULED'],
      ['SPRINT', 2, 27_000_00, 'SCHEDULED'],
      ['HOLDBACK', 3, 9_000_00, 'SCHEDULED'],
    ]);
    expect(sum(grant.tranches.map((t: any) => t.amount))).toBe(90_000_00);
    expect(
      (await granteeB.gql(`{ grant(grantId: "${grant.id}") { id } }`)).errors![0]!.extensions!.code,
    ).toBe('NOT_FOUND');
  });

  it('records each step in the audit trail', async () => {
    const audit = await funder.gql('{ auditEvents(first: 100) { nodes { action } } }');
    const actions = audit.data.auditEvents.nodes.map((n: any) => n.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'programme.created',
        'programme.open',
        'application.scored',
        'application.approve',
        'application.reject',
        'grant.awarded',
      ]),
    );
  });
});
