import { DataSource } from 'typeorm';
// The rules around sprint reviews over HTTP: who may do what, what a review must hold (every
// problem listed, nothing written), acceptance under a race, STOP and DELAY notices, sprints that
// become due, and who may read which learnings.
import { SprintDueService } from '../../src/sprints/sprint-due.service';
import { RequestContext } from '../../src/core/context/request-context';
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, moveInput } from '../helpers/grants';
import { addMember, signUp } from '../helpers/identity';
import { DECIDE, submitApplication } from '../helpers/programmes';
import {
  COMMENT,
  DECIDE_NOTICE,
  DECIDE_REVIEW,
  FILE_NOTICE,
  SAVE_REVIEW,
  SUBMIT_REVIEW,
  reviewInput,
  sprintsOf,
  submitReview,
} from '../helpers/sprints';

describe('sprint review rules', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  async function money(g: GrantFixture) {
    const res = await g.funder.gql(BUDGET, { id: g.grantId });
    const b = res.data.grantBudget;
    expect(b.ledgerConsistent).toBe(true);
    return { released: b.released.amount, spent: b.spent.amount, holdback: b.holdback.amount };
  }

  it('lets each side do only its part; other tenants get NOT_FOUND', async () => {
    const g = await createGrant(api);
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const review = await submitReview(g.grantee, g.grantId, 1);
    const reviewer = await addMember(api, g.funder, 'REVIEWER');
    const auditor = await addMember(api, g.funder, 'AUDITOR');
    const decideAs = (who: typeof g.grantee) =>
      who.gql(DECIDE_REVIEW, { input: { reviewId: review.id, decision: 'ACCEPT', comment: '' } });

    expect((await decideAs(g.grantee)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await decideAs(reviewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const edit = await g.manager.gql(SAVE_REVIEW, { input: { sprintId: s1.id, summary: 'x' } });
    expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const comment = await reviewer.gql(COMMENT, {
      input: { reviewId: review.id, body: 'How did you count the users?' },
    });
    expect(comment.errors).toBeUndefined();
    const auditorComment = await auditor.gql(COMMENT, {
      input: { reviewId: review.id, body: 'x' },
    });
    expect(auditorComment.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Another funder and another grantee: the review, its sprint and its grant do not exist for them.
    const otherFunder = await signUp(api, 'FUNDER');
    const otherManager = await addMember(api, otherFunder, 'MANAGER');
    const otherGrantee = await signUp(api, 'GRANTEE');
    const foreign = [
      await otherManager.gql(DECIDE_REVIEW, {
        input: { reviewId: review.id, decision: 'ACCEPT', comment: '' },
      }),
      await otherManager.gql(`query($id: ID!) { sprintReview(reviewId: $id) { id } }`, {
        id: review.id,
      }),
      await otherManager.gql(
        `query($id: ID!) { grantTimeline(grantId: $id, first: 100) { nodes { kind } } }`,
        {
          id: g.grantId,
        },
      ),
      await otherGrantee.gql(SAVE_REVIEW, { input: { sprintId: s1.id, summary: 'x' } }),
      await otherGrantee.gql(COMMENT, { input: { reviewId: review.id, body: 'x' } }),
      await otherGrantee.gql(FILE_NOTICE, {
        input: { grantId: g.grantId, kind: 'GOAL_UNREACHABLE', description: 'not ours' },
      }),
    ];
    expect(foreign.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(
      Array(foreign.length).fill('NOT_FOUND'),
    );
    expect(foreign.every((r) => !r.data || Object.values(r.data).every((v) => v === null))).toBe(
      true,
    );
    const [after] = await sprintsOf(g.grantee, g.grantId);
    expect(after.status).toBe('IN_REVIEW');
  });

  it('refuses an incomplete or wrong review listing every problem, and writes nothing', async () => {
    const g = await createGrant(api);
    const other = await createGrant(api);
    const [s1, s2] = await sprintsOf(g.grantee, g.grantId);
    const [otherSprint] = await sprintsOf(other.grantee, other.grantId);
    await g.grantee.gql(SAVE_REVIEW, { input: { sprintId: s1.id, summary: 'first draft' } });
    const before = await money(g);

    const input = reviewInput(s1, {
      spend: [{ lineId: g.lineIds[0], amount: 1_000_00 }],
      nextSprint: { goal: s2.goal, milestones: s2.milestones.map((m) => m.title) },
    });
    const bad = {
      ...input,
      summary: 'must not be saved',
      // the required users_reached is missing; mood is a SCALE question answered with text
      answers: [{ key: 'mood', text: 'good' }],
      spend: [{ lineId: g.lineIds[0], amount: { amount: 1_000_00, currency: 'USD' } }],
      outcomes: [
        ...input.outcomes,
        { milestoneId: s2.milestones[0].id, outcome: 'DONE', note: 'next sprint' },
        { milestoneId: otherSprint.milestones[0].id, outcome: 'DONE', note: 'other grant' },
      ],
    };
    const res = await g.grantee.gql(SUBMIT_REVIEW, { input: bad });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.reason).toBe('REVIEW_INCOMPLETE');
    const fields = res.errors![0]!.extensions!.fields.map((f: any) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'answers.0.text',
        'answers',
        'spend.0.amount.currency',
        'outcomes.2.milestoneId',
        'outcomes.3.milestoneId',
      ]),
    );
    expect(res.data).toBeNull();
    // Nothing written: the draft, the sprint and the money are as before.
    const review = await g.grantee.gql(
      `query($id: ID!) { grant(grantId: $id) { sprints { status review { submittedVersion draft { summary } } } } }`,
      { id: g.grantId },
    );
    expect(review.data.grant.sprints[0]).toEqual({
      status: 'ACTIVE',
      review: { submittedVersion: 0, draft: { summary: 'first draft' } },
    });
    expect(await money(g)).toEqual(before);

    // In German, too.
    const de = await g.grantee.gql(SUBMIT_REVIEW, { input: bad }, { 'accept-language': 'de' });
    expect(de.errors?.[0]?.message).toContain(
      'Das Sprint-Review kann noch nicht eingereicht werden',
    );

    // A draft save checks ids, types and currency, and leaves completeness for the submission.
    const draft = await g.grantee.gql(SAVE_REVIEW, {
      input: {
        sprintId: s1.id,
        answers: [
          { key: 'mood', number: 9 },
          { key: 'nope', text: 'x' },
        ],
      },
    });
    expect(draft.errors?.[0]?.extensions?.fields.map((f: any) => f.field)).toEqual([
      'answers.0.number',
      'answers.1.key',
    ]);
    // Huge strings are refused by the input checks.
    const huge = await g.grantee.gql(SAVE_REVIEW, {
      input: { sprintId: s1.id, summary: 'x'.repeat(5001) },
    });
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('releases one tranche when two managers accept the same review at once', async () => {
    const g = await createGrant(api);
    const second = await addMember(api, g.funder, 'MANAGER');
    const review = await submitReview(g.grantee, g.grantId, 1);
    const before = await money(g);
    const input = { reviewId: review.id, decision: 'ACCEPT', comment: 'ok' };
    const results = await Promise.all([
      g.manager.gql(DECIDE_REVIEW, { input }),
      second.gql(DECIDE_REVIEW, { input }),
      g.manager.gql(DECIDE_REVIEW, { input }),
      second.gql(DECIDE_REVIEW, { input }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(3);
    const after = await money(g);
    const sprintTranche = g.tranches.find((t) => t.kind === 'SPRINT')!;
    expect(after.released).toBe(before.released + sprintTranche.amount);
    const sprints = await sprintsOf(g.grantee, g.grantId);
    expect(sprints.map((s) => s.status)).toEqual(['ACCEPTED', 'ACTIVE', 'PLANNED']);
  });

  it('ends a grant with STOP: a final review is required, nothing more is paid, learnings stay', async () => {
    const g = await createGrant(api);
    await submitReview(g.grantee, g.grantId, 1);
    const s1 = (await sprintsOf(g.grantee, g.grantId))[0];
    await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: s1.review!.id, decision: 'ACCEPT', comment: 'ok' },
    });
    const beforeStop = await money(g);
    const stop = {
      grantId: g.grantId,
      kind: 'STOP',
      description: 'The district found a better tool; we end here and hand over what we learned.',
    };

    // Without a complete final review: refused, every missing part named, nothing changes.
    const refused = await g.grantee.gql(FILE_NOTICE, { input: stop });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.fields.map((f: any) => f.field)).toEqual(
      expect.arrayContaining(['finalReview.outcomes', 'finalReview.confidence']),
    );
    const stillActive = await g.funder.gql(`query($id: ID!) { grant(grantId: $id) { status } }`, {
      id: g.grantId,
    });
    expect(stillActive.data.grant.status).toBe('ACTIVE');

    // A final review needs learnings.
    const s2 = (await sprintsOf(g.grantee, g.grantId))[1];
    await g.grantee.gql(SAVE_REVIEW, {
      input: reviewInput(s2, {
        spend: [{ lineId: g.lineIds[0], amount: 7_000_00 }],
        learnings: [],
      }),
    });
    const noLearning = await g.grantee.gql(FILE_NOTICE, { input: stop });
    expect(noLearning.errors![0]!.extensions!.fields.map((f: any) => f.field)).toEqual([
      'finalReview.learnings',
    ]);
    await g.grantee.gql(SAVE_REVIEW, {
      input: {
        sprintId: s2.id,
        learnings: [
          {
            title: 'Kein zweites Werkzeug bauen',
            tried: 'A tool-lending app next to the district platform.',
            happened: 'Neighbours used the platform they already had.',
            learned: 'Check what people already use before building.',
            kind: 'INSIGHT',
            tags: ['ecosystem'],
            visibility: 'PUBLIC',
          },
        ],
      },
    });
    const filed = await g.grantee.gql(FILE_NOTICE, { input: stop });
    expect(filed.errors).toBeUndefined();
    expect(filed.data.fileChangeNotice).toMatchObject({ kind: 'STOP', status: 'OPEN' });

    const grant = await g.funder.gql(
      `query($id: ID!) { grant(grantId: $id) { status closedAt tranches { kind status } sprints { status review { final } } } }`,
      { id: g.grantId },
    );
    expect(grant.data.grant.status).toBe('STOPPED');
    expect(grant.data.grant.tranches.map((t: any) => t.status)).toEqual([
      'RELEASED',
      'RELEASED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(grant.data.grant.sprints[1]).toEqual({ status: 'IN_REVIEW', review: { final: true } });
    const afterStop = await money(g);
    expect(afterStop).toEqual({
      released: beforeStop.released,
      spent: beforeStop.spent + 7_000_00,
      holdback: 0,
    });

    // No further release, by hand or by review; the final review can be accepted, not sent back.
    const finalReview = (await sprintsOf(g.funder, g.grantId))[1].review!;
    const cancelled = grant.data.grant.tranches.findIndex((t: any) => t.status === 'CANCELLED');
    const release = await g.manager.gql(
      `mutation($input: ReleaseTrancheInput!) { releaseTranche(input: $input) { id } }`,
      { input: { trancheId: g.tranches[cancelled].id } },
    );
    expect(release.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const sendBack = await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: finalReview.id, decision: 'REQUEST_CHANGES', comment: 'more' },
    });
    expect(sendBack.errors?.[0]?.extensions?.reason).toBe('GRANT_STOPPED');
    const accept = await g.manager.gql(DECIDE_REVIEW, {
      input: {
        reviewId: finalReview.id,
        decision: 'ACCEPT',
        comment: 'Thank you for the honesty.',
      },
    });
    expect(accept.errors).toBeUndefined();
    expect(await money(g)).toEqual(afterStop);
    const ack = await g.manager.gql(DECIDE_NOTICE, {
      input: {
        noticeId: filed.data.fileChangeNotice.id,
        decision: 'ACKNOWLEDGE',
        comment: 'Noted.',
      },
    });
    expect(ack.data.decideChangeNotice.status).toBe('ACKNOWLEDGED');
    const edit = await g.grantee.gql(SAVE_REVIEW, { input: { sprintId: s2.id, summary: 'x' } });
    expect(edit.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // The learnings stay — and the PUBLIC one is readable without signing in.
    const learnings = await g.funder.gql(
      `query($id: ID!) { learnings(grantId: $id) { nodes { title sprintNumber } } }`,
      { id: g.grantId },
    );
    expect(learnings.data.learnings.nodes.map((l: any) => l.sprintNumber)).toEqual([2, 1]);
    const open = await api.gql(
      `{ publicLearnings(text: "Werkzeug") { nodes { title visibility } } }`,
    );
    expect(open.data.publicLearnings.nodes).toContainEqual({
      title: 'Kein zweites Werkzeug bauen',
      visibility: 'PUBLIC',
    });
    const kinds = await g.grantee.gql(
      `query($id: ID!) { grantTimeline(grantId: $id, first: 100) { nodes { kind } } }`,
      {
        id: g.grantId,
      },
    );
    expect(kinds.data.grantTimeline.nodes.map((e: any) => e.kind).slice(-10)).toEqual([
      'NOTICE_FILED',
      'REVIEW_SUBMITTED',
      'LEARNING_SHARED',
      'TRANCHE_CANCELLED',
      'TRANCHE_CANCELLED',
      'GRANT_STOPPED',
      // close-out: the cancelled tranches go back to the programme, unspent money is claimed
      'MONEY_RETURNED',
      'REFUND_CLAIMED',
      'REVIEW_ACCEPTED',
      'NOTICE_DECIDED',
    ]);
  });

  it('moves dates on an approved DELAY; acknowledges other notices; answers kinds correctly', async () => {
    const g = await createGrant(api);
    const [s1, s2] = await sprintsOf(g.grantee, g.grantId);
    const later = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

    const early = await g.grantee.gql(FILE_NOTICE, {
      input: {
        grantId: g.grantId,
        kind: 'DELAY',
        description: 'x'.repeat(5),
        requestedEndDate: s1.startDate,
      },
    });
    expect(early.errors?.[0]?.extensions?.fields[0].field).toBe('requestedEndDate');
    const delay = await g.grantee.gql(FILE_NOTICE, {
      input: {
        grantId: g.grantId,
        kind: 'DELAY',
        description: 'Our developer was ill for two weeks.',
        requestedEndDate: later(s1.endDate, 14),
      },
    });
    expect(delay.data.fileChangeNotice).toMatchObject({
      status: 'OPEN',
      previousEndDate: s1.endDate,
    });
    const second = await g.grantee.gql(FILE_NOTICE, {
      input: {
        grantId: g.grantId,
        kind: 'DELAY',
        description: 'again',
        requestedEndDate: later(s1.endDate, 20),
      },
    });
    expect(second.errors?.[0]?.extensions?.reason).toBe('DELAY_PENDING');
    const wrongAnswer = await g.manager.gql(DECIDE_NOTICE, {
      input: { noticeId: delay.data.fileChangeNotice.id, decision: 'ACKNOWLEDGE', comment: '' },
    });
    expect(wrongAnswer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const approved = await g.manager.gql(DECIDE_NOTICE, {
      input: {
        noticeId: delay.data.fileChangeNotice.id,
        decision: 'APPROVE',
        comment: 'Get well.',
      },
    });
    expect(approved.data.decideChangeNotice.status).toBe('APPROVED');
    const [m1, m2] = await sprintsOf(g.grantee, g.grantId);
    expect(m1.endDate).toBe(later(s1.endDate, 14));
    expect([m2.startDate, m2.endDate]).toEqual([later(s2.startDate, 14), later(s2.endDate, 14)]);

    const funding = await g.grantee.gql(FILE_NOTICE, {
      input: {
        grantId: g.grantId,
        kind: 'OTHER_FUNDING',
        description: 'The city pays for the server.',
        otherFundingSource: 'Stadt Leipzig',
        otherFundingAmount: { amount: 2_400_00, currency: 'EUR' },
      },
    });
    expect(funding.data.fileChangeNotice).toMatchObject({
      otherFundingSource: 'Stadt Leipzig',
      otherFundingAmount: { amount: 2_400_00, currency: 'EUR' },
    });
    const incomplete = await g.grantee.gql(FILE_NOTICE, {
      input: { grantId: g.grantId, kind: 'OTHER_FUNDING', description: 'Someone pays.' },
    });
    expect(incomplete.errors?.[0]?.extensions?.fields.map((f: any) => f.field)).toEqual([
      'otherFundingSource',
      'otherFundingAmount',
    ]);
    // The same answer sent twice at once with its key (a double click, a retry after a lost
    // response) answers the first result both times; the key with another answer is refused.
    const answer = {
      noticeId: funding.data.fileChangeNotice.id,
      decision: 'ACKNOWLEDGE',
      comment: 'Fine.',
      idempotencyKey: 'answer-1',
    };
    const [ack, ackAgain] = await Promise.all([
      g.manager.gql(DECIDE_NOTICE, { input: answer }),
      g.manager.gql(DECIDE_NOTICE, { input: answer }),
    ]);
    expect(ack.errors).toBeUndefined();
    expect(ack.data.decideChangeNotice.status).toBe('ACKNOWLEDGED');
    expect(ackAgain.data).toEqual(ack.data);
    const reused = await g.manager.gql(DECIDE_NOTICE, {
      input: { ...answer, comment: 'Something else.' },
    });
    expect(reused.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
    const twice = await g.manager.gql(DECIDE_NOTICE, {
      input: {
        noticeId: funding.data.fileChangeNotice.id,
        decision: 'ACKNOWLEDGE',
        comment: 'Fine.',
      },
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [{ n }] = await api.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'change-notice.%' AND action <> 'change-notice.filed' AND subject_id = $1`,
        [funding.data.fileChangeNotice.id],
      );
    expect(n).toBe(1);
  });

  it('marks sprints due after their end date, and refuses moves the life cycle does not allow', async () => {
    const g = await createGrant(api);
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const due = api.app.get(SprintDueService);
    // Noon in Berlin on the sprint's last day, then on the day after.
    const lastDay = new Date(`${s1.endDate}T11:00:00Z`);
    expect(await due.markDue(RequestContext.system('test'), lastDay)).toBe(0);
    const dayAfter = new Date(lastDay.getTime() + 86_400_000);
    expect(await due.markDue(RequestContext.system('test'), dayAfter)).toBeGreaterThanOrEqual(1);
    expect((await sprintsOf(g.grantee, g.grantId))[0].status).toBe('REVIEW_DUE');
    expect(await due.markDue(RequestContext.system('test'), dayAfter)).toBe(0);

    // Sprint 2 is PLANNED: it cannot be reviewed yet.
    const [, s2] = await sprintsOf(g.grantee, g.grantId);
    const early = await g.grantee.gql(SUBMIT_REVIEW, { input: { sprintId: s2.id } });
    const submittable = ['ACTIVE', 'REVIEW_DUE', 'CHANGES_REQUESTED'];
    expect(early.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: 'PLANNED',
      allowed: submittable,
    });
    const review = await submitReview(g.grantee, g.grantId, 1);
    expect(review.status).toBe('SUBMITTED');
    // While the funder reads version 1 the grantee may keep drafting, but not submit again.
    const edit = await g.grantee.gql(SAVE_REVIEW, { input: { sprintId: s1.id, summary: 'x' } });
    expect(edit.errors).toBeUndefined();
    const again = await g.grantee.gql(SUBMIT_REVIEW, { input: { sprintId: s1.id } });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: 'IN_REVIEW',
      allowed: submittable,
    });
    // An accepted sprint's review is closed for good.
    await g.manager.gql(DECIDE_REVIEW, { input: { reviewId: review.id, decision: 'ACCEPT' } });
    const closed = await g.grantee.gql(SAVE_REVIEW, { input: { sprintId: s1.id, summary: 'y' } });
    expect(closed.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      current: 'ACCEPTED',
      allowed: [...submittable, 'IN_REVIEW'],
    });
  });

  it('shows learnings by their visibility', async () => {
    const g = await createGrant(api);
    await submitReview(g.grantee, g.grantId, 1, {
      learnings: ['GRANT', 'PROGRAMME', 'PUBLIC'].map((visibility) => ({
        title: `Only for ${visibility}`,
        tried: 'Workshops mit Seniorinnen',
        happened: 'They came back.',
        learned: 'Wiederholung hilft.',
        kind: 'SURPRISE',
        tags: [visibility.toLowerCase()],
        visibility,
      })),
    });
    // A second grantee in the same programme, and a grantee of another programme.
    const neighbour = await signUp(api, 'GRANTEE');
    const appId = await submitApplication(neighbour, g.programmeId, [10_000_00], 2);
    const decided = await g.manager.gql(DECIDE, {
      input: { applicationId: appId, decision: 'APPROVE', comment: 'ok' },
    });
    expect(decided.errors).toBeUndefined();
    const stranger = (await createGrant(api)).grantee;
    const titles = async (who: typeof g.grantee, args = '') => {
      const res = await who.gql(`{ learnings${args} { nodes { title } } }`);
      expect(res.errors).toBeUndefined();
      return res.data.learnings.nodes
        .map((n: any) => n.title)
        .filter((t: string) => t.startsWith('Only'));
    };
    expect((await titles(g.funder)).sort()).toEqual([
      'Only for GRANT',
      'Only for PROGRAMME',
      'Only for PUBLIC',
    ]);
    expect((await titles(g.grantee)).sort()).toEqual([
      'Only for GRANT',
      'Only for PROGRAMME',
      'Only for PUBLIC',
    ]);
    expect((await titles(neighbour)).sort()).toEqual(['Only for PROGRAMME', 'Only for PUBLIC']);
    expect(await titles(stranger)).toEqual(['Only for PUBLIC']);
    expect((await titles(neighbour, `(grantId: "${g.grantId}")`)).sort()).toEqual([
      'Only for PROGRAMME',
      'Only for PUBLIC',
    ]);
    // German stems: "Wiederholungen" finds "Wiederholung"; tags and kinds filter.
    expect((await titles(g.funder, '(text: "Wiederholungen")')).sort()).toEqual([
      'Only for GRANT',
      'Only for PROGRAMME',
      'Only for PUBLIC',
    ]);
    expect(await titles(g.funder, '(tag: "programme")')).toEqual(['Only for PROGRAMME']);
    expect(await titles(g.funder, '(kind: FAILURE)')).toEqual([]);
  });

  it('counts spend reported by hand for the sprint, and books only the difference', async () => {
    const g = await createGrant(api);
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const byHand = await g.grantee.gql(
      `mutation($input: ReportSpendInput!) { reportSpend(input: $input) { id } }`,
      {
        input: {
          grantId: g.grantId,
          lineId: g.lineIds[0],
          sprintId: s1.id,
          amount: { amount: 1_000_00, currency: 'EUR' },
          spentOn: s1.startDate,
          note: 'Laptop',
        },
      },
    );
    expect(byHand.errors).toBeUndefined();
    const below = await g.grantee.gql(SUBMIT_REVIEW, {
      input: reviewInput(s1, {
        spend: [{ lineId: g.lineIds[0], amount: 500_00 }],
        nextSprint: null,
      }),
    });
    expect(below.errors?.[0]?.extensions?.fields.map((f: any) => f.field)).toContain(
      'spend.0.amount.amount',
    );
    await submitReview(g.grantee, g.grantId, 1, {
      spend: [{ lineId: g.lineIds[0], amount: 1_500_00 }],
    });
    expect((await money(g)).spent).toBe(1_500_00);
  });

  it('withdraws a delay once its sprint is submitted, so the next sprint can ask for one', async () => {
    const g = await createGrant(api);
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const later = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const delay = await g.grantee.gql(FILE_NOTICE, {
      input: {
        grantId: g.grantId,
        kind: 'DELAY',
        description: 'Need time',
        requestedEndDate: later(s1.endDate, 7),
      },
    });
    const review = await submitReview(g.grantee, g.grantId, 1);
    const notices = await g.funder.gql(
      `query($id: ID!) { grant(grantId: $id) { changeNotices(first: 100) { nodes { id status } } } }`,
      { id: g.grantId },
    );
    expect(notices.data.grant.changeNotices.nodes).toEqual([
      { id: delay.data.fileChangeNotice.id, status: 'WITHDRAWN' },
    ]);
    // Accepting without a comment is fine.
    const accepted = await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'ACCEPT' },
    });
    expect(accepted.errors).toBeUndefined();
    const [, s2] = await sprintsOf(g.grantee, g.grantId);
    const next = await g.grantee.gql(FILE_NOTICE, {
      input: {
        grantId: g.grantId,
        kind: 'DELAY',
        description: 'Again',
        requestedEndDate: later(s2.endDate, 7),
      },
    });
    expect(next.errors).toBeUndefined();
  });

  it('stops while a review waits for the funder, listing every problem first', async () => {
    const g = await createGrant(api);
    await submitReview(g.grantee, g.grantId, 1, { learnings: [] });
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const stop = {
      grantId: g.grantId,
      kind: 'STOP',
      description: 'We end here.',
      otherFundingSource: 'stray',
    };
    const refused = await g.grantee.gql(FILE_NOTICE, { input: stop });
    expect(refused.errors?.[0]?.extensions?.fields.map((f: any) => f.field)).toEqual([
      'otherFundingSource',
      'finalReview.learnings',
    ]);
    await g.grantee.gql(SAVE_REVIEW, {
      input: {
        sprintId: s1.id,
        learnings: [
          {
            title: 'Zu früh skaliert',
            tried: 'Drei Bezirke gleichzeitig',
            happened: 'Keiner lief gut',
            learned: 'Erst einer',
            kind: 'FAILURE',
            tags: [],
          },
        ],
      },
    });
    const { otherFundingSource: _stray, ...clean } = stop;
    const filed = await g.grantee.gql(FILE_NOTICE, { input: clean });
    expect(filed.errors).toBeUndefined();
    const review = await g.funder.gql(
      `query($id: ID!) { grant(grantId: $id) { status sprints { status review { submittedVersion final } } } }`,
      { id: g.grantId },
    );
    expect(review.data.grant.status).toBe('STOPPED');
    expect(review.data.grant.sprints[0]).toEqual({
      status: 'IN_REVIEW',
      review: { submittedVersion: 2, final: true },
    });
  });

  it('closes waiting reallocations when the grant completes', async () => {
    const g = await createGrant(api, { sprints: 1 });
    const waiting = await g.grantee.gql(
      `mutation($input: RequestReallocationInput!) { requestReallocation(input: $input) { id status } }`,
      {
        input: moveInput(g, 15_000_00, { to: 2, reason: 'More moderation.' }),
      },
    );
    expect(waiting.data.requestReallocation.status).toBe('PENDING');
    const review = await submitReview(g.grantee, g.grantId, 1, { nextSprint: null });
    await g.manager.gql(DECIDE_REVIEW, { input: { reviewId: review.id, decision: 'ACCEPT' } });
    const after = await g.funder.gql(
      `query($id: ID!) { reallocations(grantId: $id, first: 100) { nodes { status } } }`,
      {
        id: g.grantId,
      },
    );
    expect(after.data.reallocations.nodes).toEqual([{ status: 'REJECTED' }]);
  });

  it('refuses blank or repeated milestones in a plan', async () => {
    const g = await createGrant(api);
    const [s1] = await sprintsOf(g.grantee, g.grantId);
    const res = await g.grantee.gql(SAVE_REVIEW, {
      input: { sprintId: s1.id, nextSprint: { goal: 'Next', milestones: ['A', 'A ', '   '] } },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
