// A grant of three sprints runs its whole cycle over HTTP, as funder and grantee: an accepted
// review, a reallocation, a review sent back and accepted with a pivot, and the final review that
// completes the grant. Budget figures are checked after every step.
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, REALLOCATE } from '../helpers/grants';
import { addMember, Account } from '../helpers/identity';
import {
  COMMENT,
  DECIDE_REVIEW,
  REVIEW_FIELDS,
  SUBMIT_REVIEW,
  reviewInput,
  sprintsOf,
  submitReview,
} from '../helpers/sprints';

describe('the sprint cycle, end to end', () => {
  let api: TestApi;
  let g: GrantFixture;
  let auditor: Account;

  beforeAll(async () => {
    api = await startApi();
    // 100.000 €: 30 % at award, 30 % after sprints 1 and 2, 10 % held back until the end.
    g = await createGrant(api, { lines: [50_000_00, 30_000_00, 20_000_00], sprints: 3 });
    auditor = await addMember(api, g.funder, 'AUDITOR');
  });
  afterAll(() => api.close());

  async function figures() {
    const res = await g.grantee.gql(BUDGET, { id: g.grantId });
    expect(res.errors).toBeUndefined();
    const b = res.data.grantBudget;
    expect(b.ledgerConsistent).toBe(true);
    return {
      released: b.released.amount,
      spent: b.spent.amount,
      remaining: b.remaining.amount,
      holdback: b.holdback.amount,
    };
  }
  const decide = (reviewId: string, decision: string, comment: string) =>
    g.manager.gql(DECIDE_REVIEW, { input: { reviewId, decision, comment } });

  it('runs three sprints to completion', async () => {
    const [l0, l1, l2] = g.lineIds;
    expect(await figures()).toEqual({
      released: 30_000_00,
      spent: 0,
      remaining: 100_000_00,
      holdback: 10_000_00,
    });
    let sprints = await sprintsOf(g.grantee, g.grantId);
    expect(sprints.map((s) => s.status)).toEqual(['ACTIVE', 'PLANNED', 'PLANNED']);

    // Sprint 1: a draft first (the funder does not see it), then the submission.
    const draft = await g.grantee.gql(
      `mutation($input: SaveSprintReviewInput!) { saveSprintReview(input: $input) { id status draft { summary } } }`,
      { input: { sprintId: sprints[0].id, summary: 'Halfway there.' } },
    );
    expect(draft.errors).toBeUndefined();
    expect(draft.data.saveSprintReview).toMatchObject({
      status: 'DRAFT',
      draft: { summary: 'Halfway there.' },
    });
    const hidden = await g.manager.gql(`query($id: ID!) { sprintReview(reviewId: $id) { id } }`, {
      id: draft.data.saveSprintReview.id,
    });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const r1 = await submitReview(g.grantee, g.grantId, 1, {
      spend: [
        { lineId: l0, amount: 20_000_00 },
        { lineId: l1, amount: 5_000_00 },
      ],
    });
    expect(r1).toMatchObject({ status: 'SUBMITTED', submittedVersion: 1 });
    expect(r1.latest.planDiff).toMatchObject({ changed: false });
    expect(await figures()).toEqual({
      released: 30_000_00,
      spent: 25_000_00,
      remaining: 75_000_00,
      holdback: 10_000_00,
    });

    const accepted1 = await decide(r1.id, 'ACCEPT', 'Great start.');
    expect(accepted1.errors).toBeUndefined();
    expect(accepted1.data.decideSprintReview).toMatchObject({
      status: 'ACCEPTED',
      decisions: [{ decision: 'ACCEPT', version: 1 }],
    });
    expect(await figures()).toEqual({
      released: 60_000_00,
      spent: 25_000_00,
      remaining: 75_000_00,
      holdback: 10_000_00,
    });
    sprints = await sprintsOf(g.grantee, g.grantId);
    expect(sprints.map((s) => s.status)).toEqual(['ACCEPTED', 'ACTIVE', 'PLANNED']);

    // A reallocation within tolerance: 5.000 € from line 3 to line 2 (30.000 → 35.000, ≤ 120 %).
    const moved = await g.grantee.gql(REALLOCATE, {
      input: {
        grantId: g.grantId,
        fromLineId: l2,
        toLineId: l1,
        amount: { amount: 5_000_00, currency: 'EUR' },
        reason: 'Hosting costs more than planned.',
      },
    });
    expect(moved.data?.requestReallocation).toMatchObject({ status: 'APPLIED' });
    expect(await figures()).toEqual({
      released: 60_000_00,
      spent: 25_000_00,
      remaining: 75_000_00,
      holdback: 10_000_00,
    });

    // Sprint 2 with a pivot: the team changes sprint 3's goal and milestones.
    const pivot = {
      goal: 'Sprint 3: door-to-door with local heroes instead of an app store launch',
      milestones: ['Ten neighbourhood hosts', 'M3.2'],
    };
    const v1 = await submitReview(g.grantee, g.grantId, 2, {
      spend: [{ lineId: l0, amount: 15_000_00 }],
      nextSprint: pivot,
    });
    expect(v1.latest.planDiff).toMatchObject({
      changed: true,
      goalChanged: true,
      milestonesAdded: ['Ten neighbourhood hosts'],
      milestonesRemoved: ['M3.1'],
    });
    expect(v1.latest.planDiff.text).toContain('+ milestone: Ten neighbourhood hosts');
    expect(v1.latest.planDiff.text).toContain('- milestone: M3.1');
    expect(await figures()).toMatchObject({ released: 60_000_00, spent: 40_000_00 });

    // The funder asks for changes; nothing is paid; the grantee answers in the thread.
    const noComment = await decide(v1.id, 'REQUEST_CHANGES', '');
    expect(noComment.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const sentBack = await decide(v1.id, 'REQUEST_CHANGES', 'Please split the spend by line.');
    expect(sentBack.errors).toBeUndefined();
    expect(sentBack.data.decideSprintReview.status).toBe('CHANGES_REQUESTED');
    expect(await figures()).toMatchObject({ released: 60_000_00, spent: 40_000_00 });
    const answer = await g.grantee.gql(COMMENT, {
      input: { reviewId: v1.id, body: 'Done — part of it was hosting.' },
    });
    expect(answer.errors).toBeUndefined();
    const reviewer = await addMember(api, g.funder, 'REVIEWER');
    const reviewerNote = await reviewer.gql(COMMENT, {
      input: { reviewId: v1.id, body: 'Thanks, that helps.' },
    });
    expect(reviewerNote.errors).toBeUndefined();

    // Version 2 corrects the spend (15.000 → 12.000 on line 1, 4.000 on line 2).
    sprints = await sprintsOf(g.grantee, g.grantId);
    const v2 = await g.grantee.gql(SUBMIT_REVIEW, {
      input: reviewInput(sprints[1], {
        spend: [
          { lineId: l0, amount: 12_000_00 },
          { lineId: l1, amount: 4_000_00 },
        ],
        nextSprint: pivot,
      }),
    });
    expect(v2.errors).toBeUndefined();
    const r2 = v2.data.submitSprintReview;
    expect(r2).toMatchObject({ status: 'SUBMITTED', submittedVersion: 2 });
    expect(r2.versions.map((v: any) => v.content.spend.map((s: any) => s.amount.amount))).toEqual([
      [15_000_00],
      [12_000_00, 4_000_00],
    ]);
    expect(r2.comments.nodes.map((c: any) => [c.body, c.organization.kind])).toEqual([
      ['Please split the spend by line.', 'FUNDER'],
      ['Done — part of it was hosting.', 'GRANTEE'],
      ['Thanks, that helps.', 'FUNDER'],
    ]);
    expect(await figures()).toEqual({
      released: 60_000_00,
      spent: 41_000_00,
      remaining: 59_000_00,
      holdback: 10_000_00,
    });

    const accepted2 = await decide(r2.id, 'ACCEPT', 'Good pivot.');
    expect(accepted2.errors).toBeUndefined();
    expect(await figures()).toEqual({
      released: 90_000_00,
      spent: 41_000_00,
      remaining: 59_000_00,
      holdback: 10_000_00,
    });
    sprints = await sprintsOf(g.grantee, g.grantId);
    expect(sprints.map((s) => s.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACTIVE']);
    expect(sprints[2]).toMatchObject({
      goal: pivot.goal,
      milestones: [{ title: 'Ten neighbourhood hosts' }, { title: 'M3.2' }],
    });
    const pivots = await g.funder.gql(
      `query($id: ID!) { grant(grantId: $id) { pivots { sprintNumber before { goal } after { goal } diff { text } } } }`,
      { id: g.grantId },
    );
    expect(pivots.data.grant.pivots).toEqual([
      {
        sprintNumber: 3,
        before: { goal: 'Sprint 3: learn something' },
        after: { goal: pivot.goal },
        diff: { text: expect.stringContaining(`+ goal: ${pivot.goal}`) },
      },
    ]);

    // The final sprint: no plan; acceptance completes the grant and pays the holdback.
    const withPlan = await g.grantee.gql(SUBMIT_REVIEW, {
      input: reviewInput(sprints[2], {
        nextSprint: { goal: 'More', milestones: ['x'] },
      }),
    });
    expect(withPlan.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'nextSprint' }),
    ]);
    const r3 = await submitReview(g.grantee, g.grantId, 3, {
      spend: [{ lineId: l2, amount: 10_000_00 }],
      nextSprint: null,
    });
    expect(await figures()).toEqual({
      released: 90_000_00,
      spent: 51_000_00,
      remaining: 49_000_00,
      holdback: 10_000_00,
    });
    const accepted3 = await decide(r3.id, 'ACCEPT', 'Thank you!');
    expect(accepted3.errors).toBeUndefined();
    expect(await figures()).toEqual({
      released: 100_000_00,
      spent: 51_000_00,
      remaining: 49_000_00,
      holdback: 0,
    });
    const done = await g.funder.gql(
      `query($id: ID!) { grant(grantId: $id) { status closedAt tranches { kind status } } }`,
      { id: g.grantId },
    );
    expect(done.data.grant.status).toBe('COMPLETED');
    expect(done.data.grant.closedAt).not.toBeNull();
    expect(done.data.grant.tranches.every((t: any) => t.status === 'RELEASED')).toBe(true);

    // Accepting again is a conflict naming the state.
    const again = await decide(r3.id, 'ACCEPT', 'twice');
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: 'ACCEPTED',
      allowed: ['IN_REVIEW'],
    });
  });

  it('tells the whole story in one timeline, to both sides and the auditor', async () => {
    const query = `query($id: ID!) { grantTimeline(grantId: $id, first: 100) { nodes { at kind sprintNumber label summary amount { amount } } } }`;
    const [asGrantee, asAuditor] = await Promise.all([
      g.grantee.gql(query, { id: g.grantId }),
      auditor.gql(query, { id: g.grantId }, { 'accept-language': 'de' }),
    ]);
    expect(asGrantee.errors).toBeUndefined();
    expect(asAuditor.errors).toBeUndefined();
    const kinds = asGrantee.data.grantTimeline.nodes.map((e: any) => e.kind);
    expect(kinds).toEqual([
      'GRANT_AWARDED',
      'TRANCHE_RELEASED',
      'REVIEW_SUBMITTED',
      'LEARNING_SHARED',
      'REVIEW_ACCEPTED',
      'TRANCHE_RELEASED',
      'REALLOCATION_REQUESTED',
      'REVIEW_SUBMITTED',
      // shared with version 1; version 2 revised it in place
      'LEARNING_SHARED',
      'CHANGES_REQUESTED',
      'REVIEW_COMMENT',
      'REVIEW_COMMENT',
      'REVIEW_SUBMITTED',
      'REVIEW_ACCEPTED',
      'PIVOT',
      'TRANCHE_RELEASED',
      'REVIEW_SUBMITTED',
      'LEARNING_SHARED',
      'REVIEW_ACCEPTED',
      'TRANCHE_RELEASED',
      'GRANT_COMPLETED',
      // released money not spent at the end is claimed back (close-out)
      'REFUND_CLAIMED',
    ]);
    const times = asGrantee.data.grantTimeline.nodes.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(asAuditor.data.grantTimeline.nodes.map((e: any) => e.kind)).toEqual(kinds);
    expect(asAuditor.data.grantTimeline.nodes[0].summary).toMatch(
      /^Förderung MS-\d{4}-\d{4} bewilligt/,
    );
    expect(asGrantee.data.grantTimeline.nodes.at(-3)).toMatchObject({
      kind: 'TRANCHE_RELEASED',
      amount: { amount: 10_000_00 },
      label: 'HOLDBACK',
    });
  });

  it('lists the learnings per grant, the latest version replacing earlier ones', async () => {
    const res = await g.funder.gql(
      `query($id: ID!) { learnings(grantId: $id, first: 10) { totalCount nodes { title kind tags visibility sprintNumber } } }`,
      { id: g.grantId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.learnings.totalCount).toBe(3);
    expect(res.data.learnings.nodes.map((l: any) => l.sprintNumber)).toEqual([3, 2, 1]);
    expect(res.data.learnings.nodes[0]).toMatchObject({
      kind: 'FAILURE',
      tags: ['outreach', 'ehrenamt'],
      visibility: 'PROGRAMME',
    });
  });

  it('is what the review query answers, too', async () => {
    const sprints = await sprintsOf(g.funder, g.grantId);
    const res = await g.funder.gql(
      `query($id: ID!) { sprintReview(reviewId: $id) { ${REVIEW_FIELDS} } }`,
      { id: sprints[1].review!.id },
    );
    expect(res.errors).toBeUndefined();
    // The funder never sees the grantee's draft.
    expect(res.data.sprintReview).toMatchObject({ status: 'ACCEPTED', draft: null });
    expect(res.data.sprintReview.decisions.map((d: any) => d.decision)).toEqual([
      'REQUEST_CHANGES',
      'ACCEPT',
    ]);
  });
});
