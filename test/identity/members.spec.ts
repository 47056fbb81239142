// Memberships, roles and invitations, including the invitation email sent by the worker over SMTP.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, logIn, signUp, uniqueEmail } from '../helpers/identity';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';

const MEMBERS = '{ members { totalCount nodes { id role person { id email } } } }';

describe('members, roles and invitations', () => {
  let api: TestApi;
  let smtp: TestSmtp;
  let worker: INestApplicationContext;
  let owner: Account;

  beforeAll(async () => {
    smtp = await startSmtp();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_APP_URL: 'https://app.example.org',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    owner = await signUp(api, 'FUNDER', { language: 'de' });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
  });

  const membershipOf = async (account: Account) =>
    (await owner.gql(MEMBERS)).data.members.nodes.find(
      (m: any) => m.person.id === account.personId,
    );

  it('emails an invitation once, in the organisation language, and the link lets a new person join', async () => {
    const email = uniqueEmail('invitee');
    const res = await owner.gql(
      `mutation { inviteMember(input: { email: "${email.toUpperCase()}", role: REVIEWER }) { id email status } }`,
    );
    expect(res.data.inviteMember).toMatchObject({ email, status: 'PENDING' });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toMatchObject({ text: email });
    expect(mail!.subject).toMatch(/^Einladung zu /);
    expect(mail!.text).toMatch(/Gutachter:in/);
    expect(mail!.html).toContain('https://app.example.org/invitations/accept?token=');
    const token = decodeURIComponent(/token=([^\s"<]+)/.exec(mail!.text!)![1]!);

    const accept = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { organization { id } person { email emailVerified } } }`;
    const missing = await api.gql(accept, { input: { token } });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(missing.errors![0]!.extensions!.fields.map((f: any) => f.field).sort()).toEqual([
      'displayName',
      'password',
    ]);

    const ok = await api.gql(accept, {
      input: { token, displayName: 'Rita Reviewer', password: 'a long enough password' },
    });
    expect(ok.data.acceptInvitation).toEqual({
      organization: { id: owner.organizationId },
      person: { email, emailVerified: true },
    });
    expect((await membershipOf(await logIn(api, email, 'a long enough password'))).role).toBe(
      'REVIEWER',
    );
    const again = await api.gql(accept, {
      input: { token, displayName: 'Rita', password: 'a long enough password' },
    });
    expect(again.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVITATION_ACCEPTED',
    });

    const rita = await logIn(api, email, 'a long enough password');
    expect((await rita.gql('{ currentOrganization { id } }')).data.currentOrganization.id).toBe(
      owner.organizationId,
    );
    // Give the worker a moment: no second email is ever sent for the same invitation.
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.filter((m) => (m.to as any).text === email)).toHaveLength(1);
  });

  it('refuses revoked, expired and unknown invitation tokens', async () => {
    const { InvitationService } = await import('../../src/identity/invitation.service');
    const tokens = api.app.get(InvitationService);
    const revoked = await owner.gql(
      `mutation { inviteMember(input: { email: "${uniqueEmail('r')}", role: FINANCE }) { id } }`,
    );
    const id = revoked.data.inviteMember.id;
    expect(
      (await owner.gql(`mutation { revokeInvitation(invitationId: "${id}") { status } }`)).data
        .revokeInvitation.status,
    ).toBe('REVOKED');
    const accept = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }`;
    const res = await api.gql(accept, {
      input: { token: tokens.tokenFor(id), displayName: 'x', password: 'a long enough password' },
    });
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVITATION_REVOKED',
    });

    const expiring = await owner.gql(
      `mutation { inviteMember(input: { email: "${uniqueEmail('e')}", role: FINANCE }) { id } }`,
    );
    const expiredId = expiring.data.inviteMember.id;
    await api.app
      .get(DataSource)
      .query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        expiredId,
      ]);
    const late = await api.gql(accept, {
      input: {
        token: tokens.tokenFor(expiredId),
        displayName: 'x',
        password: 'a long enough password',
      },
    });
    expect(late.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVITATION_EXPIRED',
    });

    const unknown = await api.gql(accept, {
      input: { token: 'x'.repeat(43), displayName: 'x', password: 'a long enough password' },
    });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('lets an existing person accept only when signed in as the invited address', async () => {
    const other = await signUp(api, 'GRANTEE');
    const { InvitationService } = await import('../../src/identity/invitation.service');
    const invited = await owner.gql(
      `mutation { inviteMember(input: { email: "${other.email}", role: AUDITOR }) { id } }`,
    );
    const token = api.app.get(InvitationService).tokenFor(invited.data.inviteMember.id);
    const accept = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { organization { id } } }`;
    const anonymous = await api.gql(accept, { input: { token } });
    expect(anonymous.errors![0]!.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'SIGN_IN_AS_INVITEE',
    });
    const wrongPerson = await owner.gql(accept, { input: { token } });
    expect(wrongPerson.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const ok = await api.gql(accept, { input: { token } }, { token: other.accessToken });
    expect(ok.data.acceptInvitation.organization.id).toBe(owner.organizationId);
    const me = await api.gql('{ me { memberships { role } } }', undefined, {
      token: other.accessToken,
    });
    expect(me.data.me.memberships.map((m: any) => m.role).sort()).toEqual(['AUDITOR', 'OWNER']);
  });

  it('refuses inviting someone who is already a member', async () => {
    const res = await owner.gql(
      `mutation { inviteMember(input: { email: "${owner.email}", role: MANAGER }) { id } }`,
    );
    expect(res.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_MEMBER',
    });
  });

  it('changes roles; managers cannot touch owners; the last owner stays', async () => {
    const manager = await addMember(api, owner, 'MANAGER');
    const reviewer = await addMember(api, owner, 'REVIEWER');
    const reviewerMembership = await membershipOf(reviewer);
    const ownerMembership = await membershipOf(owner);

    const promote = await manager.gql(
      `mutation { changeMemberRole(membershipId: "${reviewerMembership.id}", role: FINANCE) { role } }`,
    );
    expect(promote.data.changeMemberRole.role).toBe('FINANCE');
    const toOwner = await manager.gql(
      `mutation { changeMemberRole(membershipId: "${reviewerMembership.id}", role: OWNER) { role } }`,
    );
    expect(toOwner.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const demoteOwner = await manager.gql(
      `mutation { changeMemberRole(membershipId: "${ownerMembership.id}", role: MANAGER) { role } }`,
    );
    expect(demoteOwner.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const grantee = await owner.gql(
      `mutation { changeMemberRole(membershipId: "${reviewerMembership.id}", role: MEMBER) { role } }`,
    );
    expect(grantee.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'role' }],
    });

    const lastOwner = await owner.gql(
      `mutation { changeMemberRole(membershipId: "${ownerMembership.id}", role: MANAGER) { role } }`,
    );
    expect(lastOwner.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'LAST_OWNER',
    });
    const removeLast = await owner.gql(
      `mutation { removeMember(membershipId: "${ownerMembership.id}") { id } }`,
    );
    expect(removeLast.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'LAST_OWNER',
    });

    const removed = await owner.gql(
      `mutation { removeMember(membershipId: "${reviewerMembership.id}") { id } }`,
    );
    expect(removed.data.removeMember.id).toBe(reviewerMembership.id);
    expect(
      (await reviewer.gql('{ currentOrganization { id } }')).errors![0]!.extensions!.code,
    ).toBe('NOT_FOUND');

    const audit = await owner.gql(
      '{ auditEvents(first: 100, filter: { subjectType: "Membership" }) { nodes { action subjectId actorPersonId before after } } }',
    );
    const actions = audit.data.auditEvents.nodes
      .filter((e: any) => e.subjectId === reviewerMembership.id)
      .map((e: any) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'membership.created',
        'membership.role-changed',
        'membership.removed',
      ]),
    );
    const change = audit.data.auditEvents.nodes.find(
      (e: any) => e.action === 'membership.role-changed' && e.subjectId === reviewerMembership.id,
    );
    expect(change).toMatchObject({
      actorPersonId: manager.personId,
      before: { role: 'REVIEWER' },
      after: { role: 'FINANCE' },
    });
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const org = await signUp(api, 'GRANTEE');
    const second = await addMember(api, org, 'OWNER');
    const nodes = (await org.gql(MEMBERS)).data.members.nodes;
    const [a, b] = [
      nodes.find((m: any) => m.person.id === org.personId),
      nodes.find((m: any) => m.person.id === second.personId),
    ];
    const results = await Promise.all([
      org.gql(`mutation { changeMemberRole(membershipId: "${b.id}", role: MEMBER) { role } }`),
      second.gql(`mutation { changeMemberRole(membershipId: "${a.id}", role: MEMBER) { role } }`),
    ]);
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    // Either one demotion wins and the other meets LAST_OWNER (or, demoted, loses the right to act).
    expect(codes).toContain('OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    const [{ owners }] = await api.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS owners FROM membership WHERE organization_id = $1 AND role = 'OWNER'`,
        [org.organizationId],
      );
    expect(owners).toBe(1);
  });
});
