// Sessions over GraphQL/HTTP: sign-up and sign-in, refresh-token rotation with reuse detection,
// sign-out, expired and forged tokens, sign-in throttling, and switching organisation per request.
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { InvitationService } from '../../src/identity/invitation.service';
import { errorCode as code, errorReason as reason, startApi, TestApi } from '../helpers/api';
import { AUTH_FIELDS, signUp, uniqueEmail } from '../helpers/identity';

const ME = '{ me { person { id email } organization { id } roles } }';
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sessions', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  const logIn = (email: string, password: string, ip = '192.0.2.1') =>
    api.gql(LOG_IN, { input: { email, password } }, { headers: { 'x-forwarded-for': ip } });
  const refresh = (token: string) => api.gql(REFRESH, { t: token });
  const me = (token: string) => api.gql(ME, undefined, { token });

  it('signs up with tokens and answers me with the access token', async () => {
    const account = await signUp(api, 'FUNDER');
    expect(account.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(account.refreshToken.length).toBeGreaterThanOrEqual(40);
    const res = await me(account.accessToken);
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toEqual({
      person: { id: account.personId, email: account.email },
      organization: { id: account.organizationId },
      roles: ['OWNER'],
    });
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const account = await signUp(api, 'GRANTEE');
    const wrongPassword = await logIn(account.email, 'not the right password', '192.0.2.10');
    const unknownEmail = await logIn(uniqueEmail('nobody'), account.password, '192.0.2.10');
    expect(wrongPassword.data).toBeNull();
    expect(wrongPassword.errors).toEqual([
      {
        message: 'Email or password is wrong.',
        locations: [{ line: 1, column: 33 }],
        path: ['logIn'],
        extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' },
      },
    ]);
    expect(unknownEmail.errors).toEqual(wrongPassword.errors);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect((await logIn(account.email, account.password, '192.0.2.10')).errors).toBeUndefined();
  });

  it('rotates refresh tokens and ends the whole session when an old one is reused', async () => {
    const account = await signUp(api, 'FUNDER');
    const first = await refresh(account.refreshToken);
    expect(first.errors).toBeUndefined();
    const rotated = first.data.refreshSession;
    expect(rotated.refreshToken).not.toBe(account.refreshToken);
    expect(rotated.person.id).toBe(account.personId);
    expect(rotated.organization).toEqual({ id: account.organizationId });
    expect((await me(rotated.accessToken)).data.me.person.id).toBe(account.personId);

    const reused = await refresh(account.refreshToken);
    expect(code(reused)).toBe('UNAUTHENTICATED');
    expect(reason(reused)).toBe('REFRESH_TOKEN_REUSE');
    expect(reused.data).toBeNull();

    const newest = await refresh(rotated.refreshToken);
    expect([code(newest), reason(newest)]).toEqual(['UNAUTHENTICATED', 'SESSION_ENDED']);
    for (const token of [rotated.accessToken, account.accessToken]) {
      const res = await me(token);
      expect([code(res), reason(res)]).toEqual(['UNAUTHENTICATED', 'SESSION_ENDED']);
      expect(res.data).toBeNull();
    }
    const [session] = await api.app
      .get(DataSource)
      .query(`SELECT revoked_reason FROM session WHERE person_id = $1`, [account.personId]);
    expect(session.revoked_reason).toBe('REFRESH_TOKEN_REUSE');
  });

  it('refuses an unknown refresh token', async () => {
    const res = await refresh('x'.repeat(43));
    expect([code(res), reason(res)]).toEqual(['UNAUTHENTICATED', 'INVALID_REFRESH_TOKEN']);
  });

  it('logOut ends the access and the refresh token', async () => {
    const account = await signUp(api, 'GRANTEE');
    const out = await api.gql('mutation { logOut }', undefined, { token: account.accessToken });
    expect(out.errors).toBeUndefined();
    expect(out.data.logOut).toBe(true);
    const after = await me(account.accessToken);
    expect([code(after), reason(after)]).toEqual(['UNAUTHENTICATED', 'SESSION_ENDED']);
    const refreshed = await refresh(account.refreshToken);
    expect([code(refreshed), reason(refreshed)]).toEqual(['UNAUTHENTICATED', 'SESSION_ENDED']);
  });

  it('refuses an expired access token, while refreshing still works', async () => {
    // JWT expiry is counted in whole seconds from a truncated `iat`, so a 1 s token may live only
    // a few milliseconds; 2 s leaves the fresh token at least 1 s to prove it works.
    const shortLived = await startApi({ env: { ACCESS_TOKEN_TTL_SECONDS: '2' } });
    try {
      const account = await signUp(shortLived, 'FUNDER');
      await sleep(3_100);
      const expired = await shortLived.gql(ME, undefined, { token: account.accessToken });
      expect([code(expired), reason(expired)]).toEqual(['UNAUTHENTICATED', 'TOKEN_EXPIRED']);
      expect(expired.errors![0].message).toBe(
        'Your access token has expired; refresh the session.',
      );

      const refreshed = await shortLived.gql(REFRESH, { t: account.refreshToken });
      expect(refreshed.errors).toBeUndefined();
      const fresh = await shortLived.gql(ME, undefined, {
        token: refreshed.data.refreshSession.accessToken,
      });
      expect(fresh.errors).toBeUndefined();
      expect(fresh.data.me.person.id).toBe(account.personId);
    } finally {
      await shortLived.close();
    }
  });

  it('refuses forged, garbage and malformed credentials but still answers public operations', async () => {
    const account = await signUp(api, 'FUNDER');
    const jwt = new JwtService();
    const claims = jwt.decode<{ sub: string; sid: string; typ: string }>(account.accessToken);
    const forged = jwt.sign(
      { sub: claims.sub, sid: claims.sid, typ: 'access' },
      { secret: 'another-secret-that-is-long-enough-0123456789', algorithm: 'HS256' },
    );
    const unsigned = [
      Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'),
      Buffer.from(JSON.stringify({ sub: claims.sub, sid: claims.sid, typ: 'access' })).toString(
        'base64url',
      ),
      '',
    ].join('.');

    for (const token of [forged, unsigned, 'garbage', `${account.accessToken}x`]) {
      const res = await me(token);
      expect({ token, code: code(res), reason: reason(res) }).toEqual({
        token,
        code: 'UNAUTHENTICATED',
        reason: 'INVALID_TOKEN',
      });
      expect(res.data).toBeNull();
      const info = await api.gql('{ serverInfo { version } }', undefined, { token });
      expect(info.errors).toBeUndefined();
      expect(info.data.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
    }

    const basic = await api.gql(ME, undefined, { headers: { authorization: 'Basic abc' } });
    expect([code(basic), reason(basic)]).toEqual(['UNAUTHENTICATED', 'MALFORMED_CREDENTIALS']);
    const publicWithBasic = await api.gql('{ serverInfo { version } }', undefined, {
      headers: { authorization: 'Basic abc' },
    });
    expect(publicWithBasic.errors).toBeUndefined();

    // A stale token does not stop anyone from signing in again.
    const relogin = await api.gql(
      LOG_IN,
      { input: { email: account.email, password: account.password } },
      { token: 'garbage' },
    );
    expect(relogin.errors).toBeUndefined();
    expect(relogin.data.logIn.person.id).toBe(account.personId);
  });

  it('throttles sign-in after 10 failures for one email from one address, not for other emails or addresses', async () => {
    const target = await signUp(api, 'GRANTEE');
    const bystander = await signUp(api, 'GRANTEE');
    for (let i = 1; i <= 10; i++) {
      const res = await logIn(target.email, `wrong password ${i}`, '192.0.2.20');
      expect({ attempt: i, code: code(res), reason: reason(res) }).toEqual({
        attempt: i,
        code: 'UNAUTHENTICATED',
        reason: 'INVALID_CREDENTIALS',
      });
    }
    const eleventh = await logIn(target.email, target.password, '192.0.2.20');
    expect(code(eleventh)).toBe('TOO_MANY_REQUESTS');
    expect(eleventh.errors![0].extensions!.retryAfterSeconds).toBe(900);
    expect(eleventh.errors![0].message).toBe(
      'Too many failed sign-ins. Wait 15 minutes, then try again.',
    );
    expect(eleventh.data).toBeNull();
    // Upper-case and padded spellings of the same address are the same email.
    const variant = await logIn(`  ${target.email.toUpperCase()} `, target.password, '192.0.2.20');
    expect(code(variant)).toBe('TOO_MANY_REQUESTS');
    // The guessing happened from one address: the owner, from their usual one, still gets in.
    const owner = await logIn(target.email, target.password, '192.0.2.21');
    expect(owner.errors).toBeUndefined();
    expect(owner.data.logIn.person.id).toBe(target.personId);

    const other = await logIn(bystander.email, bystander.password, '192.0.2.20');
    expect(other.errors).toBeUndefined();
    expect(other.data.logIn.person.id).toBe(bystander.personId);
  });

  it('throttles sign-in per address across emails', async () => {
    const strict = await startApi({ env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' } });
    try {
      const account = await signUp(strict, 'FUNDER');
      const attempt = (email: string, password: string, ip: string) =>
        strict.gql(LOG_IN, { input: { email, password } }, { headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 3; i++) {
        const res = await attempt(uniqueEmail(`guess${i}`), 'whatever password', '198.51.100.7');
        expect(code(res)).toBe('UNAUTHENTICATED');
      }
      const blocked = await attempt(account.email, account.password, '198.51.100.7');
      expect(code(blocked)).toBe('TOO_MANY_REQUESTS');
      const elsewhere = await attempt(account.email, account.password, '198.51.100.8');
      expect(elsewhere.errors).toBeUndefined();
      expect(elsewhere.data.logIn.person.id).toBe(account.personId);
    } finally {
      await strict.close();
    }
  });

  it('lets a person in two organisations choose one per request with X-Organization-Id', async () => {
    const person = await signUp(api, 'FUNDER');
    const other = await signUp(api, 'FUNDER');
    const invited = await other.gql(
      'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
      { input: { email: person.email, role: 'REVIEWER' } },
    );
    expect(invited.errors).toBeUndefined();
    const token = api.app.get(InvitationService).tokenFor(invited.data.inviteMember.id);
    const accepted = await api.gql(
      'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { person { id } organization { id } } }',
      { input: { token } },
      { token: person.accessToken },
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptInvitation).toEqual({
      person: { id: person.personId },
      organization: { id: other.organizationId },
    });

    const query =
      '{ currentOrganization { id } me { roles memberships { role organization { id } } } }';
    const asOther = await person.gql(query, undefined, {
      'x-organization-id': other.organizationId,
    });
    expect(asOther.errors).toBeUndefined();
    expect(asOther.data.currentOrganization.id).toBe(other.organizationId);
    expect(asOther.data.me.roles).toEqual(['REVIEWER']);
    expect(asOther.data.me.memberships).toEqual([
      { role: 'OWNER', organization: { id: person.organizationId } },
      { role: 'REVIEWER', organization: { id: other.organizationId } },
    ]);

    const asOwn = await person.gql(query, undefined, {
      'x-organization-id': person.organizationId,
    });
    expect(asOwn.data.currentOrganization.id).toBe(person.organizationId);
    expect(asOwn.data.me.roles).toEqual(['OWNER']);
    // Without the header the session's organisation applies.
    const byDefault = await api.gql(query, undefined, { token: person.accessToken });
    expect(byDefault.data.currentOrganization.id).toBe(person.organizationId);
  });
});
