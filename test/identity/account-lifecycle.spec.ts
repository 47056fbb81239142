// The account lifecycle through GraphQL/HTTP with the worker sending real emails over SMTP: sign-up
// and verification, sign-up without account enumeration, the funder sign-up policy, password reset
// and change, email change, profile, invitations that sign in, and browser sessions by cookie.
import type { INestApplicationContext } from '@nestjs/common';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { platformAdminCli } from '../../src/cli/platform-admin';
import { InvitationService } from '../../src/identity/invitation.service';
import {
  errorCode as code,
  errorReason as reason,
  GraphQLResponse,
  startApi,
  TestApi,
} from '../helpers/api';
import {
  Account,
  asAccount,
  AUTH_FIELDS,
  emailToken,
  logIn,
  signUp,
  uniqueEmail,
} from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { until } from '../helpers/wait';
import { startWorker } from '../helpers/worker';

const APP = 'https://app.example.org';
const PASSWORD = 'correct horse battery staple';
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { email verificationLinkValidHours } }`;
const VERIFY = `mutation($token: String!, $t: RefreshTokenTransport) { verifyEmail(token: $token, refreshTokenTransport: $t) { ${AUTH_FIELDS} person { emailVerified } } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`;
const ME = '{ me { person { id email displayName language emailVerified } organization { id } } }';
const REQUEST_RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const RESET =
  'mutation($token: String!, $p: String!) { resetPassword(token: $token, newPassword: $p) }';
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_FIELDS} } }`;
const PREVIEW =
  'query($token: String!) { invitation(token: $token) { organizationName organizationKind role email accountExists invitedByName } }';

function signUpInput(email: string, kind: 'FUNDER' | 'GRANTEE' = 'GRANTEE') {
  return {
    email,
    password: PASSWORD,
    displayName: 'Grete Neu',
    language: 'DE',
    organization: { name: `Verein ${email.slice(0, 12)}`, kind, country: 'DE' },
  };
}

/** Token from the link in a mail's text, for a given page (e.g. `/verify-email`). */
function linkToken(mail: ParsedMail, path: string): string {
  const match = new RegExp(`${APP}${path}\\?token=([^\\s"<]+)`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return decodeURIComponent(match[1]!);
}

describe('account lifecycle', () => {
  let api: TestApi;
  let smtp: TestSmtp;
  let worker: INestApplicationContext;
  let db: DataSource;

  /** Waits for the email of `kind` to `to` (the `n`-th one, counting from 1). */
  const mailTo = async (to: string, kind: string, n = 1): Promise<ParsedMail> => {
    const matching = () =>
      smtp.messages.filter(
        (m) =>
          (m.to as { text: string }).text === to && m.headers.get('x-meilenstein-kind') === kind,
      );
    await until(() => matching().length >= n, `${kind} email ${n} to ${to}`);
    return matching()[n - 1]!;
  };
  const kindsTo = (to: string) =>
    smtp.messages
      .filter((m) => (m.to as { text: string }).text === to)
      .map((m) => m.headers.get('x-meilenstein-kind'));
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    (await db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`, params))[0].n;

  beforeAll(async () => {
    smtp = await startSmtp({ keepVerificationEmails: true });
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_APP_URL: APP,
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
  });

  describe('sign-up and verification', () => {
    it('emails a verification link; verifyEmail verifies and signs in, once', async () => {
      const email = uniqueEmail('new');
      const res = await api.gql(SIGN_UP, { input: signUpInput(email) });
      expect(res.errors).toBeUndefined();
      expect(res.data.signUp).toEqual({ email, verificationLinkValidHours: 48 });
      expect(
        await count('session', 'person_id = (SELECT id FROM person WHERE email = $1)', [email]),
      ).toBe(0);

      const mail = await mailTo(email, 'VERIFY_EMAIL');
      expect(mail.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse für Meilenstein');
      expect(mail.text).toContain('Der Link gilt 48 Stunden und nur einmal.');
      expect(mail.html).toContain(`href="${APP}/verify-email?token=`);
      const token = linkToken(mail, '/verify-email');

      const verified = await api.gql(VERIFY, { token });
      expect(verified.errors).toBeUndefined();
      expect(verified.data.verifyEmail.person).toMatchObject({ email, emailVerified: true });
      expect(verified.data.verifyEmail.refreshToken).toEqual(expect.any(String));
      const account = asAccount(api, verified.data.verifyEmail, email, PASSWORD);
      const me = await account.gql(ME);
      expect(me.data.me.person.emailVerified).toBe(true);
      expect(me.data.me.organization.id).toBe(account.organizationId);

      const again = await api.gql(VERIFY, { token });
      expect([code(again), reason(again)]).toEqual(['BAD_USER_INPUT', 'LINK_USED']);
      expect(await count('audit_event', `action = 'person.email-verified'`)).toBeGreaterThan(0);
    });

    it('holds money decisions of an unverified person (EMAIL_NOT_VERIFIED) until they verify', async () => {
      const funder = await signUp(api, 'FUNDER', { verify: false });
      expect((await funder.gql(ME)).data.me.person.emailVerified).toBe(false);
      const grantee = await signUp(api, 'GRANTEE');
      const programme = await createProgramme(funder);
      const applicationId = await submitApplication(grantee, programme.id);
      const decide = () =>
        funder.gql(DECIDE, { input: { applicationId, decision: 'APPROVE', comment: 'ok' } });

      const refused = await decide();
      expect([code(refused), reason(refused)]).toEqual(['FORBIDDEN', 'EMAIL_NOT_VERIFIED']);
      expect(refused.errors![0]!.message).toMatch(/Confirm your email address first/);
      expect(refused.data).toBeNull();
      const german = await funder.gql(
        DECIDE,
        { input: { applicationId, decision: 'APPROVE', comment: 'ok' } },
        { 'accept-language': 'de' },
      );
      expect(german.errors![0]!.message).toMatch(/^Bestätigen Sie zuerst Ihre E-Mail-Adresse/);
      expect(await count('grant')).toBe(0);

      // One email a minute: the sign-up's link was just sent.
      const tooSoon = await funder.gql('mutation { resendVerificationEmail }');
      expect(code(tooSoon)).toBe('TOO_MANY_REQUESTS');
      await db.query(
        `UPDATE account_token SET created_at = created_at - interval '2 minutes' WHERE email = $1`,
        [funder.email],
      );
      const resent = await funder.gql('mutation { resendVerificationEmail }');
      expect(resent.data.resendVerificationEmail).toBe(true);
      const mail = await mailTo(funder.email, 'VERIFY_EMAIL', 2);
      const verified = await api.gql(VERIFY, { token: linkToken(mail, '/verify-email') });
      expect(verified.errors).toBeUndefined();

      // The same access token now may decide: verification counts from the next request on.
      const decided = await decide();
      expect(decided.errors).toBeUndefined();
      expect(decided.data.decideApplication.status).toBe('APPROVED');
      const already = await funder.gql('mutation { resendVerificationEmail }');
      expect([code(already), reason(already)]).toEqual(['CONFLICT', 'ALREADY_VERIFIED']);
    });

    it('answers an existing address like a new one, creates nothing and emails the owner', async () => {
      const existing = await signUp(api, 'GRANTEE', { language: 'de' });
      const fresh = uniqueEmail('fresh');
      const before = {
        person: await count('person'),
        organization: await count('organization'),
        membership: await count('membership'),
        session: await count('session'),
        account_token: await count('account_token'),
      };
      const taken = await api.gql(SIGN_UP, {
        input: { ...signUpInput(existing.email.toUpperCase()), password: 'a different password' },
      });
      const after = {
        person: await count('person'),
        organization: await count('organization'),
        membership: await count('membership'),
        session: await count('session'),
        account_token: await count('account_token'),
      };
      expect(after).toEqual(before);
      const created = await api.gql(SIGN_UP, { input: signUpInput(fresh) });
      expect(taken.status).toBe(created.status);
      expect(taken.errors).toBeUndefined();
      expect(Object.keys(taken.data.signUp)).toEqual(Object.keys(created.data.signUp));
      expect(taken.data.signUp).toEqual({ email: existing.email, verificationLinkValidHours: 48 });

      const notice = await mailTo(existing.email, 'SIGNUP_ATTEMPT');
      expect(notice.text).toContain(`${APP}/login`);
      expect(notice.text).toContain(`${APP}/forgot-password`);
      expect(notice.subject).toBe('Registrierung mit Ihrer E-Mail-Adresse');
      // The owner's password is unchanged.
      expect(
        (await api.gql(LOG_IN, { input: { email: existing.email, password: PASSWORD } })).errors,
      ).toBeUndefined();
    });
  });

  describe('funder sign-up policy', () => {
    let invite: TestApi;
    beforeAll(async () => {
      invite = await startApi({
        env: { SIGNUP_FUNDERS: 'invite', SMTP_PORT: String(smtp.port), PUBLIC_APP_URL: APP },
      });
    });
    afterAll(() => invite.close());

    it('refuses FUNDER sign-up with SIGNUP_FUNDERS=invite, writing nothing; grantees sign up', async () => {
      const people = await count('person');
      const funder = await invite.gql(SIGN_UP, { input: signUpInput(uniqueEmail('f'), 'FUNDER') });
      expect([code(funder), reason(funder)]).toEqual(['FORBIDDEN', 'FUNDER_SIGNUP_BY_INVITATION']);
      expect(funder.errors![0]!.message).toMatch(/platform operators/);
      expect(await count('person')).toBe(people);
      const grantee = await invite.gql(SIGN_UP, { input: signUpInput(uniqueEmail('g')) });
      expect(grantee.errors).toBeUndefined();
      expect(await count('person')).toBe(people + 1);
    });

    it('lets a platform operator create a funder whose invited owner signs in acting for it', async () => {
      const owner = uniqueEmail('stiftung-owner');
      const out = await platformAdminCli(['create-funder', 'Stiftung Neu', owner]);
      expect(out).toMatch(/created funder "Stiftung Neu"/);
      const [org] = await db.query(`SELECT id, kind FROM organization WHERE name = 'Stiftung Neu'`);
      expect(org.kind).toBe('FUNDER');
      const mail = await mailTo(owner, 'INVITATION');
      const token = linkToken(mail, '/invitations/accept');
      const preview = await api.gql(PREVIEW, { token });
      expect(preview.data.invitation).toEqual({
        organizationName: 'Stiftung Neu',
        organizationKind: 'FUNDER',
        role: 'OWNER',
        email: owner,
        accountExists: false,
        invitedByName: null,
      });
      const accepted = await api.gql(ACCEPT, {
        input: { token, displayName: 'Frau Stiftung', password: PASSWORD },
      });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data.acceptInvitation.organization.id).toBe(org.id);
      const account = asAccount(api, accepted.data.acceptInvitation, owner, PASSWORD);
      const me = await api.gql(
        '{ me { roles person { emailVerified } organization { id } } }',
        undefined,
        {
          token: account.accessToken,
        },
      );
      expect(me.data.me).toEqual({
        roles: ['OWNER'],
        person: { emailVerified: true },
        organization: { id: org.id },
      });
      await expect(platformAdminCli(['create-funder', 'X'])).rejects.toThrow(/usage/);
      await expect(platformAdminCli(['create-funder', 'Stiftung', 'not-an-email'])).rejects.toThrow(
        /owner email/,
      );
    });
  });

  describe('password reset', () => {
    it('answers the same for an unknown address and emails only existing accounts', async () => {
      const unknown = uniqueEmail('nobody');
      const account = await signUp(api, 'GRANTEE');
      const a = await api.gql(REQUEST_RESET, { email: unknown });
      const b = await api.gql(REQUEST_RESET, { email: account.email.toUpperCase() });
      expect(a.data).toEqual({ requestPasswordReset: true });
      expect(b.data).toEqual(a.data);
      expect(a.status).toBe(b.status);
      const mail = await mailTo(account.email, 'RESET_PASSWORD');
      expect(mail.text).toContain(`${APP}/reset-password?token=`);
      expect(mail.text).toContain('60 minutes');
      await new Promise((r) => setTimeout(r, 300));
      expect(kindsTo(unknown)).toEqual([]);
    });

    it('sets the password once, ends every session and refuses the old password', async () => {
      const account = await signUp(api, 'GRANTEE');
      const second = await logIn(api, account.email, PASSWORD);
      await api.gql(REQUEST_RESET, { email: account.email });
      const token = linkToken(await mailTo(account.email, 'RESET_PASSWORD'), '/reset-password');
      const short = await api.gql(RESET, { token, p: 'short' });
      expect(code(short)).toBe('BAD_USER_INPUT');

      const reset = await api.gql(RESET, { token, p: 'a brand new password' });
      expect(reset.data).toEqual({ resetPassword: true });
      for (const session of [account, second]) {
        const me = await session.gql(ME);
        expect([code(me), reason(me)]).toEqual(['UNAUTHENTICATED', 'SESSION_ENDED']);
      }
      const refreshed = await api.gql(
        `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
        { t: second.refreshToken },
      );
      expect(code(refreshed)).toBe('UNAUTHENTICATED');
      const old = await api.gql(LOG_IN, { input: { email: account.email, password: PASSWORD } });
      expect(reason(old)).toBe('INVALID_CREDENTIALS');
      const fresh = await api.gql(LOG_IN, {
        input: { email: account.email, password: 'a brand new password' },
      });
      expect(fresh.errors).toBeUndefined();
      const reused = await api.gql(RESET, { token, p: 'yet another password' });
      expect([code(reused), reason(reused)]).toEqual(['BAD_USER_INPUT', 'LINK_USED']);
      expect(
        await count('audit_event', `action = 'person.password-reset' AND subject_id = $1`, [
          account.personId,
        ]),
      ).toBe(1);
    });

    it('lets a reset link expire after an hour', async () => {
      const account = await signUp(api, 'GRANTEE');
      await api.gql(REQUEST_RESET, { email: account.email });
      const token = linkToken(await mailTo(account.email, 'RESET_PASSWORD'), '/reset-password');
      const [row] = await db.query(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM account_token
          WHERE email = $1 AND purpose = 'RESET_PASSWORD'`,
        [account.email],
      );
      expect(row.ttl).toBe(3600);
      await db.query(
        `UPDATE account_token SET expires_at = now() - interval '1 second' WHERE email = $1 AND purpose = 'RESET_PASSWORD'`,
        [account.email],
      );
      const late = await api.gql(RESET, { token, p: 'a brand new password' });
      expect([code(late), reason(late)]).toEqual(['BAD_USER_INPUT', 'LINK_EXPIRED']);
      expect((await account.gql(ME)).errors).toBeUndefined();
    });

    it('throttles reset requests per address, known or not', async () => {
      const email = uniqueEmail('many');
      const answers = [];
      for (let i = 0; i < 6; i++)
        answers.push(
          await api.gql(REQUEST_RESET, { email }, { headers: { 'x-forwarded-for': '192.0.2.77' } }),
        );
      expect(answers.slice(0, 5).map((r) => r.data?.requestPasswordReset)).toEqual(
        Array(5).fill(true),
      );
      expect(code(answers[5]!)).toBe('TOO_MANY_REQUESTS');
    });
  });

  describe('account settings', () => {
    it('changes the password: wrong current refused, other sessions end, this one stays', async () => {
      const account = await signUp(api, 'GRANTEE');
      const other = await logIn(api, account.email, PASSWORD);
      const CHANGE =
        'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
      const wrong = await account.gql(CHANGE, { c: 'not my password', n: 'a brand new password' });
      expect(code(wrong)).toBe('BAD_USER_INPUT');
      expect(wrong.errors![0]!.extensions!.fields.map((f: any) => f.field)).toEqual([
        'currentPassword',
      ]);
      expect((await other.gql(ME)).errors).toBeUndefined();

      const ok = await account.gql(CHANGE, { c: PASSWORD, n: 'a brand new password' });
      expect(ok.data).toEqual({ changePassword: true });
      expect((await account.gql(ME)).errors).toBeUndefined();
      expect(reason(await other.gql(ME))).toBe('SESSION_ENDED');
      expect(
        reason(await api.gql(LOG_IN, { input: { email: account.email, password: PASSWORD } })),
      ).toBe('INVALID_CREDENTIALS');
      expect(
        (
          await api.gql(LOG_IN, {
            input: { email: account.email, password: 'a brand new password' },
          })
        ).errors,
      ).toBeUndefined();
    });

    it('changes the email address once confirmed from the new address, and tells the old one', async () => {
      const account = await signUp(api, 'GRANTEE');
      const newEmail = uniqueEmail('moved');
      const REQUEST =
        'mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }';
      const wrong = await account.gql(REQUEST, { e: newEmail, p: 'not my password' });
      expect(wrong.errors![0]!.extensions!.fields.map((f: any) => f.field)).toEqual(['password']);
      const asked = await account.gql(REQUEST, { e: newEmail.toUpperCase(), p: PASSWORD });
      expect(asked.data).toEqual({ requestEmailChange: true });
      const mail = await mailTo(newEmail, 'CHANGE_EMAIL');
      const token = linkToken(mail, '/confirm-email');
      expect((await account.gql(ME)).data.me.person.email).toBe(account.email);

      const confirmed = await api.gql('mutation($t: String!) { confirmEmailChange(token: $t) }', {
        t: token,
      });
      expect(confirmed.data).toEqual({ confirmEmailChange: true });
      expect((await account.gql(ME)).data.me.person).toMatchObject({
        email: newEmail,
        emailVerified: true,
      });
      const notice = await mailTo(account.email, 'EMAIL_CHANGED');
      expect(notice.text).toContain(newEmail);
      expect(notice.text).toContain(`${APP}/forgot-password`);
      expect(
        (await api.gql(LOG_IN, { input: { email: newEmail, password: PASSWORD } })).errors,
      ).toBeUndefined();
    });

    it('refuses to switch to an address that got an account meanwhile, with CONFLICT', async () => {
      const account = await signUp(api, 'GRANTEE');
      const wanted = uniqueEmail('wanted');
      await account.gql(
        'mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }',
        { e: wanted, p: PASSWORD },
      );
      const token = linkToken(await mailTo(wanted, 'CHANGE_EMAIL'), '/confirm-email');
      await signUp(api, 'GRANTEE', { email: wanted });
      const res = await api.gql('mutation($t: String!) { confirmEmailChange(token: $t) }', {
        t: token,
      });
      expect([code(res), reason(res)]).toEqual(['CONFLICT', 'EMAIL_TAKEN']);
      expect(res.errors![0]!.message).not.toContain(wanted);
      expect((await account.gql(ME)).data.me.person.email).toBe(account.email);
    });

    it('updates name and language, audited', async () => {
      const account = await signUp(api, 'GRANTEE');
      const res = await account.gql(
        'mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { displayName language } }',
        { input: { displayName: '  Ada L.  ', language: 'EN' } },
      );
      expect(res.data.updateMyProfile).toEqual({ displayName: 'Ada L.', language: 'EN' });
      expect((await account.gql(ME)).data.me.person).toMatchObject({
        displayName: 'Ada L.',
        language: 'EN',
      });
      const [event] = await db.query(
        `SELECT before, after FROM audit_event WHERE action = 'person.profile-updated' AND subject_id = $1`,
        [account.personId],
      );
      // The name changed; the audit trail says so without copying it (people are referenced by id).
      expect(event.before.displayName).toBe('[personal data]');
      expect(event.after).toMatchObject({ displayName: '[personal data]', language: 'en' });
    });
  });

  describe('invitations', () => {
    let owner: Account;
    beforeAll(async () => (owner = await signUp(api, 'FUNDER')));

    it('resends with a new link and expiry; the old link dies; revoked ones answer CONFLICT', async () => {
      const email = uniqueEmail('invitee');
      const invited = await owner.gql(
        `mutation { inviteMember(input: { email: "${email}", role: REVIEWER }) { id expiresAt } }`,
      );
      const id = invited.data.inviteMember.id;
      const first = linkToken(await mailTo(email, 'INVITATION'), '/invitations/accept');
      await db.query(`UPDATE invitation SET expires_at = now() - interval '1 hour' WHERE id = $1`, [
        id,
      ]);
      expect(code(await api.gql(PREVIEW, { token: first }))).toBe('NOT_FOUND');

      const resent = await owner.gql(
        `mutation($id: ID!) { resendInvitation(invitationId: $id) { id status expiresAt } }`,
        { id },
      );
      expect(resent.errors).toBeUndefined();
      expect(resent.data.resendInvitation).toMatchObject({ id, status: 'PENDING' });
      expect(Date.parse(resent.data.resendInvitation.expiresAt)).toBeGreaterThan(
        Date.now() + 6 * 86_400_000,
      );
      const second = linkToken(await mailTo(email, 'INVITATION', 2), '/invitations/accept');
      expect(second).not.toBe(first);
      expect(second).toBe(api.app.get(InvitationService).tokenFor(id, 2));

      const old = await api.gql(ACCEPT, {
        input: { token: first, displayName: 'x', password: PASSWORD },
      });
      expect(code(old)).toBe('NOT_FOUND');
      const preview = await api.gql(PREVIEW, { token: second });
      expect(preview.data.invitation).toMatchObject({
        email,
        role: 'REVIEWER',
        accountExists: false,
        invitedByName: 'FUNDER owner',
      });

      await owner.gql(`mutation($id: ID!) { revokeInvitation(invitationId: $id) { id } }`, { id });
      const again = await owner.gql(
        `mutation($id: ID!) { resendInvitation(invitationId: $id) { id } }`,
        { id },
      );
      expect([code(again), reason(again)]).toEqual(['CONFLICT', 'INVITATION_NOT_PENDING']);
      expect(code(await api.gql(PREVIEW, { token: second }))).toBe('NOT_FOUND');
    });

    it('signs a new person in acting for the inviting organisation', async () => {
      const email = uniqueEmail('newbie');
      const invited = await owner.gql(
        `mutation { inviteMember(input: { email: "${email}", role: FINANCE }) { id } }`,
      );
      const token = api.app.get(InvitationService).tokenFor(invited.data.inviteMember.id);
      const res = await api.gql(ACCEPT, {
        input: {
          token,
          displayName: 'Nina Neu',
          password: PASSWORD,
          refreshTokenTransport: 'BODY',
        },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.acceptInvitation.organization.id).toBe(owner.organizationId);
      const me = await api.gql(
        '{ me { roles organization { id } person { emailVerified } } }',
        undefined,
        {
          token: res.data.acceptInvitation.accessToken,
        },
      );
      expect(me.data.me).toEqual({
        roles: ['FINANCE'],
        organization: { id: owner.organizationId },
        person: { emailVerified: true },
      });
    });

    it('lets an existing account accept with its password and signs it in for the inviting organisation', async () => {
      const existing = await signUp(api, 'GRANTEE');
      const invited = await owner.gql(
        `mutation { inviteMember(input: { email: "${existing.email}", role: AUDITOR }) { id } }`,
      );
      const token = api.app.get(InvitationService).tokenFor(invited.data.inviteMember.id);
      expect((await api.gql(PREVIEW, { token })).data.invitation.accountExists).toBe(true);
      const wrong = await api.gql(ACCEPT, { input: { token, password: 'not the password' } });
      expect([code(wrong), reason(wrong)]).toEqual(['UNAUTHENTICATED', 'SIGN_IN_AS_INVITEE']);
      // A wrong password here counts towards the sign-in throttle like a failed logIn.
      expect(
        await count('login_failure', "email_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')", [
          existing.email,
        ]),
      ).toBe(1);
      const ok = await api.gql(ACCEPT, { input: { token, password: PASSWORD } });
      expect(ok.errors).toBeUndefined();
      expect(ok.data.acceptInvitation.person.id).toBe(existing.personId);
      expect(ok.data.acceptInvitation.organization.id).toBe(owner.organizationId);
      const me = await api.gql('{ me { roles organization { id } } }', undefined, {
        token: ok.data.acceptInvitation.accessToken,
      });
      expect(me.data.me).toEqual({
        roles: ['AUDITOR'],
        organization: { id: owner.organizationId },
      });
    });

    it('answers NOT_FOUND for unknown invitation links without details', async () => {
      const res = await api.gql(PREVIEW, { token: 'A'.repeat(43) });
      expect(code(res)).toBe('NOT_FOUND');
      expect(res.data).toBeNull();
    });
  });

  describe('browser sessions by cookie', () => {
    const cookieOf = (res: GraphQLResponse) =>
      res.headers.getSetCookie().find((c) => c.startsWith('meilenstein_refresh='));
    const valueOf = (setCookie: string) => setCookie.split(';')[0]!;

    it('sets the refresh token as an HttpOnly cookie, refreshes from it, and clears it on log-out', async () => {
      const account = await signUp(api, 'GRANTEE');
      const login = await api.gql(LOG_IN, {
        input: { email: account.email, password: PASSWORD, refreshTokenTransport: 'COOKIE' },
      });
      expect(login.errors).toBeUndefined();
      expect(login.data.logIn.refreshToken).toBeNull();
      const set = cookieOf(login)!;
      expect(set).toBeDefined();
      expect(set).toMatch(/; HttpOnly/);
      expect(set).toMatch(/; SameSite=Strict/);
      expect(set).toMatch(/; Path=\/graphql/);
      expect(set).not.toMatch(/; Secure/); // only in production
      const maxAge = Number(/Max-Age=(\d+)/.exec(set)![1]);
      expect(maxAge).toBeGreaterThan(29 * 86_400);
      expect(maxAge).toBeLessThanOrEqual(30 * 86_400);

      // The cookie authenticates nothing but refreshSession.
      const byCookieOnly = await api.gql(ME, undefined, { headers: { cookie: valueOf(set) } });
      expect(code(byCookieOnly)).toBe('UNAUTHENTICATED');

      const REFRESH = `mutation { refreshSession { ${AUTH_FIELDS} } }`;
      const refreshed = await api.gql(REFRESH, undefined, {
        headers: { cookie: `other=1; ${valueOf(set)}; more=2` },
      });
      expect(refreshed.errors).toBeUndefined();
      expect(refreshed.data.refreshSession.refreshToken).toBeNull();
      const rotated = cookieOf(refreshed)!;
      expect(valueOf(rotated)).not.toBe(valueOf(set));
      const me = await api.gql(ME, undefined, { token: refreshed.data.refreshSession.accessToken });
      expect(me.data.me.person.id).toBe(account.personId);

      const noCookie = await api.gql(REFRESH);
      expect([code(noCookie), reason(noCookie)]).toEqual(['UNAUTHENTICATED', 'NO_REFRESH_TOKEN']);

      const out = await api.gql('mutation { logOut }', undefined, {
        token: refreshed.data.refreshSession.accessToken,
        headers: { cookie: valueOf(rotated) },
      });
      expect(out.data).toEqual({ logOut: true });
      const cleared = cookieOf(out)!;
      expect(cleared).toMatch(/^meilenstein_refresh=;/);
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(cleared).toMatch(/; Path=\/graphql/);
      const afterOut = await api.gql(REFRESH, undefined, { headers: { cookie: valueOf(rotated) } });
      expect(code(afterOut)).toBe('UNAUTHENTICATED');
    });

    it('delivers verifyEmail and acceptInvitation sessions by cookie too; the body mode still works', async () => {
      const email = uniqueEmail('cookie');
      await api.gql(SIGN_UP, { input: signUpInput(email) });
      const verified = await api.gql(VERIFY, { token: await emailToken(api, email), t: 'COOKIE' });
      expect(verified.data.verifyEmail.refreshToken).toBeNull();
      expect(cookieOf(verified)).toMatch(/HttpOnly/);
      const owner = await signUp(api, 'GRANTEE');
      const invitee = uniqueEmail('cookie-invitee');
      const invited = await owner.gql(
        `mutation { inviteMember(input: { email: "${invitee}", role: MEMBER }) { id } }`,
      );
      const accepted = await api.gql(ACCEPT, {
        input: {
          token: api.app.get(InvitationService).tokenFor(invited.data.inviteMember.id),
          displayName: 'Kim Keks',
          password: PASSWORD,
          refreshTokenTransport: 'COOKIE',
        },
      });
      expect(accepted.data.acceptInvitation.refreshToken).toBeNull();
      expect(cookieOf(accepted)).toMatch(/SameSite=Strict/);
      const body = await api.gql(LOG_IN, { input: { email, password: PASSWORD } });
      expect(body.data.logIn.refreshToken).toEqual(expect.any(String));
      expect(cookieOf(body)).toBeUndefined();
    });

    it('keeps CSRF prevention on: a simple cross-site form post is refused', async () => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: 'mutation { refreshSession { accessToken } }' }),
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/CSRF/i);
    });
  });

  describe('bad input', () => {
    const TABLES = [
      'person',
      'session',
      'refresh_token',
      'account_token',
      'audit_event',
      'outbox_event',
      'account_request',
    ];
    const counts = async () => Promise.all(TABLES.map((t) => count(t)));

    it('refuses missing, huge, NUL-laden and mistyped arguments with 4xx-style errors and writes nothing', async () => {
      const account = await signUp(api, 'GRANTEE');
      const before = await counts();
      const cases: [string, Record<string, unknown>, Account | undefined][] = [
        [
          'mutation($t: String!) { verifyEmail(token: $t) { accessToken } }',
          { t: 'x'.repeat(10_000) },
          undefined,
        ],
        [
          'mutation($t: String!) { verifyEmail(token: $t) { accessToken } }',
          { t: `${'a'.repeat(30)}\u0000` },
          undefined,
        ],
        ['mutation($t: String!) { verifyEmail(token: $t) { accessToken } }', { t: 42 }, undefined],
        ['mutation { verifyEmail { accessToken } }', {}, undefined],
        [
          'mutation($t: String!) { verifyEmail(token: $t) { accessToken } }',
          { t: 'A'.repeat(43) },
          undefined,
        ],
        [
          'mutation($e: String!) { requestPasswordReset(email: $e) }',
          { e: `${'x'.repeat(10_000)}@example.org` },
          undefined,
        ],
        [
          'mutation($e: String!) { requestPasswordReset(email: $e) }',
          { e: 'a\u0000@example.org' },
          undefined,
        ],
        [
          'mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }',
          { t: 'A'.repeat(43), p: 'x'.repeat(10_000) },
          undefined,
        ],
        [
          'mutation($t: String!) { confirmEmailChange(token: $t) }',
          { t: 'not a token!' },
          undefined,
        ],
        [
          'mutation($t: String!) { invitation(token: $t) { email } }'.replace('mutation', 'query'),
          { t: '\u0000'.repeat(30) },
          undefined,
        ],
        [
          'mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id } }',
          { input: { displayName: 'Ada\u0000' } },
          account,
        ],
        [
          'mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id } }',
          { input: { displayName: 'x'.repeat(10_000) } },
          account,
        ],
        [
          'mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id } }',
          { input: { language: 'FR' } },
          account,
        ],
        [
          'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
          { c: PASSWORD, n: 'short' },
          account,
        ],
        [
          'mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }',
          { e: 'not-an-email', p: PASSWORD },
          account,
        ],
        [
          'mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }',
          { e: account.email, p: PASSWORD },
          account,
        ],
        [
          'mutation($id: ID!) { resendInvitation(invitationId: $id) { id } }',
          { id: 'not-a-uuid' },
          account,
        ],
        ['mutation { refreshSession(refreshToken: 7) { accessToken } }', {}, undefined],
      ];
      const wrong: string[] = [];
      for (const [query, variables, as] of cases) {
        const res = as ? await as.gql(query, variables) : await api.gql(query, variables);
        const c = code(res);
        const ok = [
          'BAD_USER_INPUT',
          'GRAPHQL_VALIDATION_FAILED',
          'NOT_FOUND',
          'FORBIDDEN',
        ].includes(c);
        if (!ok || (res.data && Object.values(res.data).some((v) => v !== null)))
          wrong.push(`${query} ${JSON.stringify(variables).slice(0, 60)}: ${c}`);
        if (JSON.stringify(res.errors).includes('x'.repeat(1000)))
          wrong.push(`${query}: echoes input`);
      }
      expect(wrong).toEqual([]);
      expect(await counts()).toEqual(before);
    });
  });
});
