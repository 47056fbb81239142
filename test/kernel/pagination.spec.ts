// Relay paging walks every item exactly once, forwards and backwards, also when many items share
// a creation time (audit events written in one transaction).
import { startApi, TestApi } from '../helpers/api';
import { addMember, signUp } from '../helpers/identity';

describe('cursor pagination', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  async function walk(
    call: (after?: string) => Promise<{ nodes: { id: string }[]; pageInfo: any }>,
  ) {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await call(after);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  it('pages newest-first audit events one at a time without skipping or repeating', async () => {
    const owner = await signUp(api, 'FUNDER');
    await addMember(api, owner, 'REVIEWER');
    await owner.gql('mutation { createApiKey(input: { name: "k", scopes: [READ] }) { plainKey } }');
    const all = (await owner.gql('{ auditEvents(first: 100) { totalCount nodes { id } } }')).data
      .auditEvents;
    expect(all.totalCount).toBeGreaterThan(5);
    const q =
      'query($after: String) { auditEvents(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }';
    const seen = await walk(async (after) => (await owner.gql(q, { after })).data.auditEvents);
    expect(seen).toEqual(all.nodes.map((n: any) => n.id));
  });

  it('pages oldest-first members forwards and backwards', async () => {
    const owner = await signUp(api, 'GRANTEE');
    for (let i = 0; i < 3; i++) await addMember(api, owner, 'MEMBER', `m${i}`);
    const all = (
      await owner.gql('{ members(first: 100) { nodes { id } } }')
    ).data.members.nodes.map((n: any) => n.id);
    expect(all).toHaveLength(4);
    const q =
      'query($after: String) { members(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }';
    expect(await walk(async (after) => (await owner.gql(q, { after })).data.members)).toEqual(all);
    const last2 = (
      await owner.gql(
        '{ members(last: 2) { nodes { id } pageInfo { hasPreviousPage startCursor } } }',
      )
    ).data.members;
    expect(last2.nodes.map((n: any) => n.id)).toEqual(all.slice(2));
    const before = (
      await owner.gql('query($c: String) { members(last: 2, before: $c) { nodes { id } } }', {
        c: last2.pageInfo.startCursor,
      })
    ).data.members;
    expect(before.nodes.map((n: any) => n.id)).toEqual(all.slice(0, 2));
  });

  it('answers BAD_USER_INPUT for forged cursors and mixed directions', async () => {
    const owner = await signUp(api, 'GRANTEE');
    const forged = Buffer.from(JSON.stringify(['not-a-date', 'x'])).toString('base64url');
    const res = await owner.gql(
      'query($c: String) { members(first: 1, after: $c) { totalCount } }',
      { c: forged },
    );
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'cursor' }],
    });
    const mixed = await owner.gql(
      'query($c: String) { members(first: 1, before: $c) { totalCount } }',
      { c: forged },
    );
    expect(mixed.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
