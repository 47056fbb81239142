// GDPR: export everything about me; delete my account by anonymising it while records stay.
import { DataSource } from 'typeorm';
import { platformAdminCli } from '../../src/cli/platform-admin';
import { startApi, TestApi } from '../helpers/api';
import { addMember, createApiKey, signUp } from '../helpers/identity';

describe('personal data', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('exports everything stored about the caller, without secrets', async () => {
    const owner = await signUp(api, 'FUNDER');
    await createApiKey(owner, ['READ'], 'export test');
    const res = await owner.gql('{ exportMyData }');
    const data = res.data.exportMyData;
    expect(data.person).toMatchObject({ id: owner.personId, email: owner.email });
    expect(data.memberships).toEqual([
      expect.objectContaining({
        role: 'OWNER',
        organization: expect.objectContaining({ id: owner.organizationId }),
      }),
    ]);
    expect(data.sessions.length).toBe(1);
    expect(data.apiKeysCreated).toEqual([expect.objectContaining({ name: 'export test' })]);
    expect(data.actionsTaken.map((a: any) => a.action)).toEqual(
      expect.arrayContaining([
        'person.signed-up',
        'organization.created',
        'membership.created',
        'api-key.created',
      ]),
    );
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|secretHash|tokenHash|argon2/);
  });

  it('anonymises a deleted account; its sessions and keys end; audit events stay and point at it', async () => {
    const owner = await signUp(api, 'GRANTEE');
    const member = await addMember(api, owner, 'OWNER', 'co-owner');
    const key = await createApiKey(member, ['READ']);
    const ds = api.app.get(DataSource);
    const auditBefore = await ds.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE actor_user_id = $1`,
      [member.personId],
    );

    const wrong = await member.gql('mutation { deleteMyAccount(password: "not my password") }');
    expect(wrong.errors![0]!.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INVALID_CREDENTIALS',
    });

    const deleted = await member.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', {
      p: member.password,
    });
    expect(deleted.data.deleteMyAccount).toBe(true);

    const [person] = await ds.query(
      `SELECT email, display_name, password_hash, anonymized_at FROM person WHERE id = $1`,
      [member.personId],
    );
    expect(person.email).toBe(`deleted-${member.personId}@anonymized.invalid`);
    expect(person.display_name).not.toContain('co-owner');
    expect(person.password_hash).toBeNull();
    expect(person.anonymized_at).not.toBeNull();
    expect((await member.gql('{ me { person { id } } }')).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (await api.gql('{ currentOrganization { id } }', undefined, { token: key })).errors![0]!
        .extensions!.code,
    ).toBe('UNAUTHENTICATED');
    const login = await api.gql('mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }', {
      i: { email: member.email, password: member.password },
    });
    expect(login.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const auditAfter = await ds.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE actor_user_id = $1`,
      [member.personId],
    );
    expect(auditAfter[0].n).toBeGreaterThan(auditBefore[0].n);
    const members = await owner.gql('{ members { totalCount } }');
    expect(members.data.members.totalCount).toBe(1);
    // The email is free again for a new account.
    expect((await signUp(api, 'GRANTEE', { email: member.email })).personId).not.toBe(
      member.personId,
    );
  });

  it('refuses to delete the last owner of an organisation', async () => {
    const owner = await signUp(api, 'FUNDER');
    const res = await owner.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', {
      p: owner.password,
    });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_OWNER' });
    const [row] = await api.app
      .get(DataSource)
      .query(`SELECT anonymized_at FROM person WHERE id = $1`, [owner.personId]);
    expect(row.anonymized_at).toBeNull();
  });
});

describe('platform administrators', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('are made on the command line, not through GraphQL, and see no tenant data by it', async () => {
    const person = await signUp(api, 'FUNDER');
    const other = await signUp(api, 'FUNDER');
    expect(await platformAdminCli(['grant', person.email.toUpperCase()])).toMatch(
      /is now a platform administrator/,
    );
    expect((await person.gql('{ me { platformAdmin } }')).data.me.platformAdmin).toBe(true);
    const foreign = await person.gql('{ currentOrganization { id } }', undefined, {
      'x-organization-id': other.organizationId,
    });
    expect(foreign.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    await expect(platformAdminCli(['grant', 'nobody@example.org'])).rejects.toThrow(/not found/);
    await expect(platformAdminCli(['promote'])).rejects.toThrow(/usage/);
    expect(await platformAdminCli(['revoke', person.email])).toMatch(/no longer/);
  });
});
