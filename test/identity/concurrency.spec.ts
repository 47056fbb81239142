// Requests that arrive at the same moment: generated handles, sign-in throttling; and names that
// are only white space.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { signUp, uniqueEmail } from '../helpers/identity';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { email } }`;

describe('identity under concurrency', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('gives simultaneous sign-ups with the same organisation name distinct handles', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.gql(SIGN_UP, {
          input: {
            email: uniqueEmail('same'),
            password: 'a long enough password',
            displayName: 'Same',
            organization: { name: 'Same Name Stiftung', kind: 'FUNDER', country: 'DE' },
          },
        }),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    const slugs = (
      await api.app
        .get(DataSource)
        .query(`SELECT slug FROM organization WHERE name = 'Same Name Stiftung'`)
    ).map((o: { slug: string }) => o.slug);
    expect(slugs).toHaveLength(6);
    expect(new Set(slugs).size).toBe(6);
    expect(slugs).toContain('same-name-stiftung');
  });

  it('checks at most the allowed number of passwords when 30 wrong sign-ins arrive at once', async () => {
    const victim = await signUp(api, 'GRANTEE');
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        api.gql('mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }', {
          i: { email: victim.email, password: 'wrong wrong wrong' },
        }),
      ),
    );
    const codes = results.map((r) => r.errors![0]!.extensions!.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(20);
  });

  it('refuses names that are only white space', async () => {
    const res = await api.gql(SIGN_UP, {
      input: {
        email: uniqueEmail('blank'),
        password: 'a long enough password',
        displayName: '   ',
        organization: { name: '   ', kind: 'GRANTEE', country: 'DE' },
      },
    });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.fields.map((f: any) => f.field).sort()).toEqual([
      'displayName',
      'organization.name',
    ]);
  });
});
