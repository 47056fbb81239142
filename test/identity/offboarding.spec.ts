// Offboarding closes the doors an owner opened: when an owner is removed or demoted, the
// invitations they issued stop working, the webhook endpoints they created are disabled and get
// nothing more, and the remaining owners are told — all with the membership change.
import type { INestApplicationContext } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { InvitationService } from '../../src/identity/invitation.service';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { Account, addMember, uniqueEmail } from '../helpers/identity';
import { submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { settle, until } from '../helpers/wait';

const EVENTS = ['SPRINT_REVIEW_SUBMITTED', 'SPRINT_REVIEW_DECIDED'];

describe('offboarding an owner', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let receiver: Server;
  let base: string;
  let g: GrantFixture;
  const received: string[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.url!);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    smtp = await startSmtp();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_BACKOFF_MS: '50',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    g = await createGrant(api, { sprints: 3 });
    await api.app.get(DataSource).query(`UPDATE person SET language = 'en'`);
    // The remaining owner's own endpoint shows events keep flowing.
    await createEndpoint(g.funder, '/control');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await new Promise((r) => receiver.close(r));
  });

  const at = (path: string) => received.filter((p) => p === path).length;

  async function createEndpoint(owner: Account, path: string): Promise<string> {
    const res = await owner.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { input: { url: `${base}${path}`, eventTypes: EVENTS } },
    );
    expect(res.errors).toBeUndefined();
    return res.data.createWebhookEndpoint.endpoint.id;
  }

  /** Owner A with an endpoint and an OWNER invitation to a second address of theirs. */
  async function ownerWithDoors(label: string) {
    const a = await addMember(api, g.funder, 'OWNER', label);
    await api.app
      .get(DataSource)
      .query(`UPDATE person SET language = 'en' WHERE id = $1`, [a.personId]);
    const endpointId = await createEndpoint(a, `/${label}`);
    const invited = await a.gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id status } }`,
      { input: { email: uniqueEmail(`${label}-second`), role: 'OWNER' } },
    );
    expect(invited.data.inviteMember.status).toBe('PENDING');
    const token = api.app.get(InvitationService).tokenFor(invited.data.inviteMember.id);
    const membership = (
      await g.funder.gql('{ members(first: 100) { nodes { id person { id } } } }')
    ).data.members.nodes.find((m: any) => m.person.id === a.personId);
    return {
      a,
      endpointId,
      invitationId: invited.data.inviteMember.id,
      token,
      membershipId: membership.id,
    };
  }

  async function expectClosed(doors: Awaited<ReturnType<typeof ownerWithDoors>>, cause: RegExp) {
    // The invitation's link no longer works.
    const preview = await api.gql(
      `query($token: String!) { invitation(token: $token) { email } }`,
      {
        token: doors.token,
      },
    );
    expect(preview.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const accept = await api.gql(
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { person { id } } }`,
      {
        input: { token: doors.token, displayName: 'Second Me', password: 'a long enough password' },
      },
    );
    expect(accept.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVITATION_REVOKED',
    });
    const invitations = await g.funder.gql(
      '{ invitations(first: 100, status: REVOKED) { nodes { id } } }',
    );
    expect(invitations.data.invitations.nodes.map((i: any) => i.id)).toContain(doors.invitationId);

    // The endpoint is disabled, with the reason.
    const endpoints = await g.funder.gql(
      '{ webhookEndpoints(first: 100) { nodes { id status disabledReason } } }',
    );
    const endpoint = endpoints.data.webhookEndpoints.nodes.find(
      (e: any) => e.id === doors.endpointId,
    );
    expect(endpoint).toMatchObject({ status: 'DISABLED' });
    expect(endpoint.disabledReason).toMatch(cause);

    // Audited in the organisation's trail.
    const rows = await api.app
      .get(DataSource)
      .query(`SELECT action FROM audit_event WHERE subject_id IN ($1, $2)`, [
        doors.invitationId,
        doors.endpointId,
      ]);
    expect(rows.map((r: any) => r.action)).toEqual(
      expect.arrayContaining(['invitation.revoked', 'webhook-endpoint.disabled']),
    );
  }

  async function ownerWasTold(endpointId: string) {
    await until(
      () =>
        smtp.messages.some(
          (m) =>
            m.subject === 'Webhook endpoint disabled' &&
            (m.to as any).text === g.funder.email &&
            /no longer an owner/.test(m.text ?? '') &&
            (m.text ?? '').includes(endpointId),
        ),
      'an email to the remaining owner',
    );
    const inApp = await g.funder.gql('{ notifications(first: 50) { nodes { kind subjectId } } }');
    expect(inApp.data.notifications.nodes).toContainEqual({
      kind: 'WEBHOOK_DISABLED',
      subjectId: endpointId,
    });
  }

  it('closes them when the owner is removed', async () => {
    const doors = await ownerWithDoors('leaver');
    const removed = await g.funder.gql(
      `mutation($id: ID!) { removeMember(membershipId: $id) { id } }`,
      { id: doors.membershipId },
    );
    expect(removed.errors).toBeUndefined();
    await expectClosed(doors, /left the organisation/);

    await submitReview(g.grantee, g.grantId, 1);
    await until(() => at('/control') === 1, 'the control endpoint gets the event');
    await settle();
    expect(at('/leaver')).toBe(0);
    await ownerWasTold(doors.endpointId);
    // The person removed is not told (they have nothing to do here any more).
    expect(
      smtp.messages.some(
        (m) => (m.to as any).text === doors.a.email && m.subject === 'Webhook endpoint disabled',
      ),
    ).toBe(false);
  });

  it('closes them when the owner is demoted; an owner may enable the endpoint again', async () => {
    const doors = await ownerWithDoors('demoted');
    const demoted = await g.funder.gql(
      `mutation($id: ID!) { changeMemberRole(membershipId: $id, role: MANAGER) { role } }`,
      { id: doors.membershipId },
    );
    expect(demoted.errors).toBeUndefined();
    await expectClosed(doors, /no longer an owner/);

    const review = await g.grantee.gql(
      `query($id: ID!) { grant(grantId: $id) { sprints { review { id } } } }`,
      { id: g.grantId },
    );
    await g.manager.gql(
      `mutation($input: DecideSprintReviewInput!) { decideSprintReview(input: $input) { status } }`,
      { input: { reviewId: review.data.grant.sprints[0].review.id, decision: 'ACCEPT' } },
    );
    await until(() => at('/control') === 2, 'the control endpoint gets the decision');
    await settle();
    expect(at('/demoted')).toBe(0);
    await ownerWasTold(doors.endpointId);

    const enabled = await g.funder.gql(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { status disabledReason } }`,
      { input: { endpointId: doors.endpointId, enabled: true } },
    );
    expect(enabled.data.updateWebhookEndpoint).toEqual({ status: 'ENABLED', disabledReason: null });
  });
});
