// The funder's inbox sorted by weighted score across pages: the API orders (the web app used to
// sort only the first 100 it got, and never showed the rest), unscored applications last, and
// only people who see the scores may sort by them.
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { createProgramme, SCORE, submitApplication } from '../helpers/programmes';

const BY_SCORE = `query($programmeId: ID!, $first: Int, $after: String, $last: Int) {
  applications(programmeId: $programmeId, orderBy: SCORE, first: $first, after: $after, last: $last) {
    totalCount
    nodes { id weightedScore }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('applications ordered by score', () => {
  let api: TestApi;
  let manager: Account;
  let reviewer: Account;
  let programme: { id: string };
  /** Application ids with (impact, feasibility) scores; weights are 3 and 1. */
  const scored: { id: string; score: string | null }[] = [];

  beforeAll(async () => {
    api = await startApi();
    const funder = await signUp(api, 'FUNDER');
    manager = await addMember(api, funder, 'MANAGER');
    reviewer = await addMember(api, funder, 'REVIEWER', 'reviewer');
    programme = await createProgramme(manager);
    // Weighted (3·impact + 1·feasibility) / 4: 2.00, 4.75, unscored, 3.50, 1.25, unscored.
    const plans: ([number, number] | null)[] = [[2, 2], [5, 4], null, [4, 2], [1, 2], null];
    for (const plan of plans) {
      const grantee = await signUp(api, 'GRANTEE');
      const id = await submitApplication(grantee, programme.id, [10_000_00], 1);
      if (plan) {
        const res = await reviewer.gql(SCORE, {
          input: {
            applicationId: id,
            scores: [
              { criterionKey: 'impact', score: plan[0], comment: '' },
              { criterionKey: 'feasibility', score: plan[1], comment: '' },
            ],
          },
        });
        expect(res.errors).toBeUndefined();
      }
      scored.push({ id, score: plan ? ((3 * plan[0] + plan[1]) / 4).toFixed(2) : null });
    }
  });
  afterAll(() => api.close());

  it('pages through every application, highest score first and the unscored last', async () => {
    const seen: { id: string; weightedScore: string | null }[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await manager.gql(BY_SCORE, { programmeId: programme.id, first: 2, after });
      expect(res.errors).toBeUndefined();
      expect(res.data.applications.totalCount).toBe(6);
      seen.push(...res.data.applications.nodes);
      after = res.data.applications.pageInfo.endCursor;
      if (!res.data.applications.pageInfo.hasNextPage) break;
    }
    expect(seen.map((a) => a.weightedScore)).toEqual(['4.75', '3.50', '2.00', '1.25', null, null]);
    // The unscored two, newest first.
    expect(seen.slice(4).map((a) => a.id)).toEqual([scored[5].id, scored[2].id]);
    expect(new Set(seen.map((a) => a.id)).size).toBe(6);
  });

  it('is for those who see the scores, forward only, with its own cursors', async () => {
    const blind = await reviewer.gql(BY_SCORE, { programmeId: programme.id, first: 10 });
    expect(blind.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backward = await manager.gql(BY_SCORE, { programmeId: programme.id, last: 2 });
    expect(backward.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await manager.gql(BY_SCORE, {
      programmeId: programme.id,
      first: 2,
      after: Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url'),
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
