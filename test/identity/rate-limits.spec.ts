// Rate limits on Redis: sign-up, sign-in and password reset per address, report requests per
// organisation, and every operation per address and per organisation or API key. A limit that is
// hit answers TOO_MANY_REQUESTS with retryAfterSeconds and a Retry-After header, and writes nothing.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { createGrant } from '../helpers/grants';
import { signUp, uniqueEmail } from '../helpers/identity';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { email } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
const RESET = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const REPORT = `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`;

const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
const signUpInput = (email: string) => ({
  input: {
    email,
    password: 'correct horse battery staple',
    displayName: 'Someone',
    language: 'EN',
    organization: { name: `Org ${email}`, kind: 'GRANTEE', country: 'DE' },
  },
});

function expectLimited(res: Awaited<ReturnType<TestApi['gql']>>, maxSeconds: number) {
  expect(res.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
  const seconds = res.errors![0].extensions!.retryAfterSeconds as number;
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(Number(res.headers.get('retry-after'))).toBe(seconds);
  expect(res.errors![0].message).toMatch(/Try again in \d+ seconds/);
}

describe('rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      env: {
        RATE_LIMIT_SIGNUPS_PER_ADDRESS: '3',
        RATE_LIMIT_LOGINS_PER_ADDRESS: '4',
        RATE_LIMIT_PASSWORD_RESETS_PER_ADDRESS: '2',
        RATE_LIMIT_REPORTS_PER_TENANT: '2',
      },
    });
  });
  afterAll(() => api.close());

  it('limits sign-ups per address and writes nothing for the refused one', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await api.gql(SIGN_UP, signUpInput(uniqueEmail('many')), from('203.0.113.1'));
      expect(ok.errors).toBeUndefined();
    }
    const refused = uniqueEmail('refused');
    const res = await api.gql(SIGN_UP, signUpInput(refused), from('203.0.113.1'));
    expectLimited(res, 3600);
    const [{ count }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM person WHERE email = $1`, [refused]);
    expect(count).toBe(0);
    // Another address is not affected.
    const other = await api.gql(SIGN_UP, signUpInput(uniqueEmail('other')), from('203.0.113.2'));
    expect(other.errors).toBeUndefined();
  });

  it('limits sign-in calls per address', async () => {
    const input = { input: { email: uniqueEmail('nobody'), password: 'not the password' } };
    for (let i = 0; i < 4; i++) {
      const res = await api.gql(LOG_IN, input, from('203.0.113.10'));
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expectLimited(await api.gql(LOG_IN, input, from('203.0.113.10')), 600);
    const elsewhere = await api.gql(LOG_IN, input, from('203.0.113.11'));
    expect(elsewhere.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('limits password-reset requests per address', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await api.gql(RESET, { email: uniqueEmail('reset') }, from('203.0.113.20'));
      expect(res.data?.requestPasswordReset).toBe(true);
    }
    expectLimited(
      await api.gql(RESET, { email: uniqueEmail('reset') }, from('203.0.113.20')),
      3600,
    );
  });

  it('limits report requests per organisation, not per person', async () => {
    const g = await createGrant(api);
    const input = { input: { kind: 'PORTFOLIO', format: 'CSV', programmeId: g.programmeId } };
    expect((await g.funder.gql(REPORT, input)).errors).toBeUndefined();
    // A colleague in the same organisation shares the organisation's budget.
    expect((await g.manager.gql(REPORT, input)).errors).toBeUndefined();
    const third = await g.manager.gql(REPORT, input);
    expectLimited(third, 3600);
    const [{ count }] = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM report WHERE organization_id = $1`, [
        g.funder.organizationId,
      ]);
    expect(count).toBe(2);
    // Another organisation is not affected.
    const other = await signUp(api, 'GRANTEE');
    const grant = await g.grantee.gql(REPORT, {
      input: { kind: 'GRANT', format: 'CSV', grantId: g.grantId },
    });
    expect(grant.errors).toBeUndefined();
    expect(other.organizationId).not.toBe(g.funder.organizationId);
  });

  it('limits every operation per address and per organisation', async () => {
    const strict = await startApi({
      env: {
        RATE_LIMIT_PER_ADDRESS: '5',
        RATE_LIMIT_PER_TENANT: '3',
        // Counters of their own: the other tests here already counted calls from 127.0.0.1.
        REDIS_PREFIX: `${process.env.REDIS_PREFIX}:strict`,
      },
    });
    try {
      for (let i = 0; i < 5; i++)
        expect(
          (await strict.gql(`{ openCalls { totalCount } }`, {}, from('203.0.113.30'))).errors,
        ).toBeUndefined();
      expectLimited(await strict.gql(`{ openCalls { totalCount } }`, {}, from('203.0.113.30')), 60);
      // Signed in, the organisation's budget counts too, whatever the address.
      const person = await signUp(strict, 'GRANTEE');
      const ask = (i: number) =>
        person.gql(
          `{ currentOrganization { name } }`,
          {},
          { 'x-forwarded-for': `203.0.113.${40 + i}` },
        );
      for (let i = 0; i < 3; i++) expect((await ask(i)).errors).toBeUndefined();
      expectLimited(await ask(3), 60);
    } finally {
      await strict.close();
    }
  });
});
