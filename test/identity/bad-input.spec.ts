// Bad input to identity operations is answered with a clear code and message, and writes nothing.
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GraphQLResponse, startApi, TestApi } from '../helpers/api';
import { Account, signUp, uniqueEmail } from '../helpers/identity';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { email verificationLinkValidHours } }`;
const INVITE = 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }';
const TABLES = [
  'person',
  'organization',
  'membership',
  'audit_event',
  'session',
  'refresh_token',
  'invitation',
  'outbox_event',
];
const TEN_KB = 'x'.repeat(10_000);

function signUpInput(overrides: Record<string, unknown> = {}, org: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('signup'),
    password: 'correct horse battery staple',
    displayName: 'Ada Lovelace',
    language: 'EN',
    ...overrides,
    organization: {
      name: `Stiftung ${randomBytes(3).toString('hex')}`,
      kind: 'FUNDER',
      country: 'DE',
      ...org,
    },
  };
}

const fieldsOf = (res: GraphQLResponse) =>
  (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

describe('bad input to identity operations', () => {
  let api: TestApi;
  let grantee: Account;
  beforeAll(async () => {
    api = await startApi();
    grantee = await signUp(api, 'GRANTEE');
  });
  afterAll(() => api.close());

  const counts = async () => {
    const ds = api.app.get(DataSource);
    const out: Record<string, number> = {};
    for (const table of TABLES)
      out[table] = (await ds.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
    return out;
  };
  /** Runs a call that must fail and checks that no row was added anywhere. */
  const refusedWithoutWrites = async (
    call: () => Promise<GraphQLResponse>,
    code: string,
  ): Promise<GraphQLResponse> => {
    const before = await counts();
    const res = await call();
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors?.[0]?.message.length).toBeGreaterThan(10);
    expect(res.data?.signUp ?? res.data?.inviteMember ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return res;
  };
  const badSignUp = (input: unknown, headers?: Record<string, string>) =>
    refusedWithoutWrites(() => api.gql(SIGN_UP, { input }, { headers }), 'BAD_USER_INPUT');

  it('refuses a malformed email, a short password and oversized names, naming the field', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, {}, 'email'],
      [{ email: `${TEN_KB}@example.org` }, {}, 'email'],
      [{ password: '12345678901' }, {}, 'password'],
      [{ displayName: TEN_KB }, {}, 'displayName'],
      [{ displayName: '' }, {}, 'displayName'],
      [{}, { name: TEN_KB }, 'organization.name'],
      [{}, { country: 'XX' }, 'organization.country'],
      [{}, { slug: 'Not A Slug' }, 'organization.slug'],
    ];
    for (const [person, org, field] of cases) {
      const res = await badSignUp(signUpInput(person, org));
      expect({ field, fields: [...new Set(fieldsOf(res))] }).toEqual({ field, fields: [field] });
      expect(res.errors![0].message).toContain(`${field}:`);
      expect(res.errors![0].message).not.toContain(TEN_KB);
    }
  });

  it('refuses unknown enum values and missing required fields during GraphQL coercion', async () => {
    const unknownKind = await badSignUp(signUpInput({}, { kind: 'CHARITY' }));
    expect(unknownKind.errors![0].message).toContain('CHARITY');
    expect(unknownKind.errors![0].message).toContain('OrganizationKind');

    const { password: _password, ...withoutPassword } = signUpInput();
    const missing = await badSignUp(withoutPassword);
    expect(missing.errors![0].message).toContain('"password"');

    const unknownRole = await refusedWithoutWrites(
      () => grantee.gql(INVITE, { input: { email: uniqueEmail(), role: 'JANITOR' } }),
      'BAD_USER_INPUT',
    );
    expect(unknownRole.errors![0].message).toContain('JANITOR');
    expect(unknownRole.errors![0].message).toContain('Role');
  });

  it('refuses invitations with a role the organisation kind lacks, or an oversized email', async () => {
    const wrongRole = await refusedWithoutWrites(
      () => grantee.gql(INVITE, { input: { email: uniqueEmail(), role: 'REVIEWER' } }),
      'BAD_USER_INPUT',
    );
    expect(wrongRole.errors![0].extensions!.fields).toEqual([
      {
        field: 'role',
        message: 'REVIEWER does not exist in a grantee organisation; use one of OWNER, MEMBER',
      },
    ]);

    const longEmail = await refusedWithoutWrites(
      () => grantee.gql(INVITE, { input: { email: `${TEN_KB}@example.org`, role: 'MEMBER' } }),
      'BAD_USER_INPUT',
    );
    expect([...new Set(fieldsOf(longEmail))]).toEqual(['email']);
  });

  it('answers a taken email, also in other letter case, like a new one and creates nothing', async () => {
    const local = `foo-${randomBytes(4).toString('hex')}`;
    const first = await api.gql(SIGN_UP, { input: signUpInput({ email: `${local}@example.org` }) });
    expect(first.errors).toBeUndefined();
    const accountTables = ['person', 'organization', 'membership', 'session', 'refresh_token'];
    for (const email of [`${local}@example.org`, `${local.toUpperCase()}@Example.ORG`]) {
      const before = await counts();
      const res = await api.gql(SIGN_UP, { input: signUpInput({ email }) });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(first.data);
      const after = await counts();
      for (const table of accountTables)
        expect({ table, n: after[table] }).toEqual({ table, n: before[table] });
    }
  });

  it('answers in German when asked to', async () => {
    const invalid = await badSignUp(signUpInput({ password: 'short' }), {
      'accept-language': 'de-DE,de;q=0.9,en;q=0.5',
    });
    expect(invalid.errors![0].message).toMatch(/^Ungültige Eingabe — password:/);
  });

  it('refuses a taken explicit organisation slug with CONFLICT SLUG_TAKEN', async () => {
    const slug = `acme-${randomBytes(3).toString('hex')}`;
    const first = await api.gql(SIGN_UP, { input: signUpInput({}, { slug }) });
    expect(first.errors).toBeUndefined();
    const res = await refusedWithoutWrites(
      () => api.gql(SIGN_UP, { input: signUpInput({}, { slug }) }),
      'CONFLICT',
    );
    expect(res.errors![0].extensions).toEqual({
      code: 'CONFLICT',
      reason: 'SLUG_TAKEN',
      field: 'organization.slug',
    });
    expect(res.errors![0].message).toBe(`The handle "${slug}" is taken; choose another.`);
  });

  it('creates one account for two simultaneous identical sign-ups, answering both alike', async () => {
    const input = signUpInput();
    const before = await counts();
    const results = await Promise.all([api.gql(SIGN_UP, { input }), api.gql(SIGN_UP, { input })]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(results[0]!.data).toEqual(results[1]!.data);

    const people = await api.app
      .get(DataSource)
      .query(`SELECT id FROM person WHERE email = $1`, [input.email]);
    expect(people).toHaveLength(1);
    const after = await counts();
    expect(after.person - before.person).toBe(1);
    expect(after.organization - before.organization).toBe(1);
    expect(after.membership - before.membership).toBe(1);
    // Signing up no longer signs in: the session starts with verifyEmail.
    expect(after.session - before.session).toBe(0);
  });
});
