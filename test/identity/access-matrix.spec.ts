// Walks every query and mutation in the schema and checks, for each, that it declares who may call
// it, that callers without a sign-in get UNAUTHENTICATED, callers whose role or key may not get
// FORBIDDEN, and that another organisation's ids answer NOT_FOUND without data.
import { DataSource } from 'typeorm';
import type { AccessPolicy } from '../../src/core/auth/public.decorator';
import { GraphQLResponse, startApi, TestApi } from '../helpers/api';
import { randomUUID } from 'node:crypto';
import { Account, addMember, createApiKey, logIn, signUp } from '../helpers/identity';
import { createProgramme, DECIDE, SCORE, submitApplication } from '../helpers/programmes';
import { callFor, Operation, operations } from '../helpers/schema-walk';
import {
  COMMENT,
  DECIDE_NOTICE,
  DECIDE_REVIEW,
  FILE_NOTICE,
  SAVE_REVIEW,
  SUBMIT_REVIEW,
  sprintsOf,
  submitReview,
} from '../helpers/sprints';

interface Caller {
  label: string;
  kind: 'anonymous' | 'person' | 'apiKey';
  orgKind?: 'FUNDER' | 'GRANTEE';
  roles: string[];
  scopes?: string[];
  /** A person who has not verified their email address yet. */
  unverified?: boolean;
  call: (query: string, variables: Record<string, unknown>) => Promise<GraphQLResponse<any>>;
}

/** What the declared policy says this caller gets: a refusal code, or undefined for "let through". */
function expectedRefusal(
  policy: AccessPolicy,
  caller: Caller,
  isMutation: boolean,
): 'UNAUTHENTICATED' | 'FORBIDDEN' | undefined {
  if (policy.kind === 'public') return undefined;
  if (caller.kind === 'anonymous') return 'UNAUTHENTICATED';
  if (policy.kind === 'signedIn') return caller.kind === 'person' ? undefined : 'FORBIDDEN';
  // None of the callers here is a platform administrator.
  if (policy.kind === 'platformAdmin') return 'FORBIDDEN';
  if (caller.kind === 'apiKey') {
    if (policy.humansOnly) return 'FORBIDDEN';
    if (isMutation && !caller.scopes!.includes('write')) return 'FORBIDDEN';
  }
  if (policy.orgKinds && !policy.orgKinds.includes(caller.orgKind!)) return 'FORBIDDEN';
  if (policy.roles && !caller.roles.some((r) => policy.roles!.includes(r))) return 'FORBIDDEN';
  if (isMutation && caller.roles.every((r) => r === 'AUDITOR')) return 'FORBIDDEN';
  if (policy.verifiedEmail && caller.unverified) return 'FORBIDDEN';
  return undefined;
}

/** Operations whose success would end the caller's own session or account mid-test. */
const SELF_DESTRUCTIVE = new Set(['logOut', 'deleteMyAccount']);

describe('access control across the whole schema', () => {
  let api: TestApi;
  let ops: Operation[];
  let callers: Caller[];
  let funder: Account;
  let otherFunder: Account;
  let grantee: Account;
  let granteeWriteKey: string;

  const personCaller = (
    label: string,
    account: Account,
    orgKind: 'FUNDER' | 'GRANTEE',
    role: string,
  ): Caller => ({
    label,
    kind: 'person',
    orgKind,
    roles: [role],
    call: (q, v) => account.gql(q, v),
  });
  const keyCaller = (
    label: string,
    key: string,
    orgKind: 'FUNDER' | 'GRANTEE',
    scopes: string[],
  ): Caller => ({
    label,
    kind: 'apiKey',
    orgKind,
    roles:
      orgKind === 'GRANTEE'
        ? ['MEMBER']
        : scopes.includes('write')
          ? ['MANAGER', 'FINANCE', 'REVIEWER']
          : ['AUDITOR'],
    scopes,
    call: (q, v) => api.gql(q, v, { token: key }),
  });

  beforeAll(async () => {
    api = await startApi();
    ops = operations(api.app);
    funder = await signUp(api, 'FUNDER');
    otherFunder = await signUp(api, 'FUNDER');
    grantee = await signUp(api, 'GRANTEE');
    granteeWriteKey = await createApiKey(grantee, ['WRITE']);
    callers = [
      { label: 'anonymous', kind: 'anonymous', roles: [], call: (q, v) => api.gql(q, v) },
      personCaller('funder owner', funder, 'FUNDER', 'OWNER'),
      personCaller('funder manager', await addMember(api, funder, 'MANAGER'), 'FUNDER', 'MANAGER'),
      personCaller(
        'funder reviewer',
        await addMember(api, funder, 'REVIEWER'),
        'FUNDER',
        'REVIEWER',
      ),
      personCaller('funder finance', await addMember(api, funder, 'FINANCE'), 'FUNDER', 'FINANCE'),
      personCaller('funder auditor', await addMember(api, funder, 'AUDITOR'), 'FUNDER', 'AUDITOR'),
      {
        ...personCaller(
          'unverified funder owner',
          await signUp(api, 'FUNDER', { verify: false }),
          'FUNDER',
          'OWNER',
        ),
        unverified: true,
      },
      personCaller('grantee owner', grantee, 'GRANTEE', 'OWNER'),
      personCaller('grantee member', await addMember(api, grantee, 'MEMBER'), 'GRANTEE', 'MEMBER'),
      keyCaller('funder read key', await createApiKey(funder, ['READ']), 'FUNDER', ['read']),
      keyCaller('funder write key', await createApiKey(funder, ['WRITE']), 'FUNDER', [
        'read',
        'write',
      ]),
      keyCaller('grantee write key', granteeWriteKey, 'GRANTEE', ['read', 'write']),
    ];
  });
  afterAll(() => api.close());

  it('finds the operations and each declares an access policy', () => {
    expect(ops.length).toBeGreaterThan(15);
    expect(ops.filter((op) => !op.policy).map((op) => op.name)).toEqual([]);
  });

  it('holds every decision about money for a verified email address', () => {
    const verified = ops
      .filter((op) => op.policy?.kind === 'member' && op.policy.verifiedEmail)
      .map((op) => op.name)
      .sort();
    expect(verified).toEqual([
      'amendGrant',
      'decideApplication',
      'decideChangeNotice',
      // Accepting a proof of use discharges the grantee's duty to account for the money.
      'decideProofOfUse',
      'decideReallocation',
      'decideSprintReview',
      'releaseTranche',
    ]);
  });

  it('declares the account operations public or for signed-in people as intended', () => {
    const kinds = Object.fromEntries(ops.map((op) => [op.name, op.policy?.kind]));
    expect({
      signUp: kinds.signUp,
      verifyEmail: kinds.verifyEmail,
      requestPasswordReset: kinds.requestPasswordReset,
      resetPassword: kinds.resetPassword,
      confirmEmailChange: kinds.confirmEmailChange,
      invitation: kinds.invitation,
      acceptInvitation: kinds.acceptInvitation,
      refreshSession: kinds.refreshSession,
      resendVerificationEmail: kinds.resendVerificationEmail,
      changePassword: kinds.changePassword,
      requestEmailChange: kinds.requestEmailChange,
      updateMyProfile: kinds.updateMyProfile,
      resendInvitation: kinds.resendInvitation,
    }).toEqual({
      signUp: 'public',
      verifyEmail: 'public',
      requestPasswordReset: 'public',
      resetPassword: 'public',
      confirmEmailChange: 'public',
      invitation: 'public',
      acceptInvitation: 'public',
      refreshSession: 'public',
      resendVerificationEmail: 'signedIn',
      changePassword: 'signedIn',
      requestEmailChange: 'signedIn',
      updateMyProfile: 'signedIn',
      resendInvitation: 'member',
    });
  });

  it('refuses callers the declared policy excludes, with the right code, for every operation', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      for (const caller of callers) {
        const expected = expectedRefusal(op.policy!, caller, op.kind === 'mutation');
        if (!expected && (SELF_DESTRUCTIVE.has(op.name) || op.policy!.kind === 'public')) continue;
        const { query, variables } = callFor(op);
        const res = await caller.call(query, variables);
        const code = res.errors?.[0]?.extensions?.code;
        if (expected && code !== expected)
          wrong.push(`${op.name} as ${caller.label}: expected ${expected}, got ${code ?? 'data'}`);
        if (expected && res.data?.[op.name])
          wrong.push(`${op.name} as ${caller.label}: data in a refused answer`);
        const unverifiedOnly =
          caller.unverified &&
          expected &&
          !expectedRefusal(op.policy!, { ...caller, unverified: false }, op.kind === 'mutation');
        if (unverifiedOnly && res.errors?.[0]?.extensions?.reason !== 'EMAIL_NOT_VERIFIED')
          wrong.push(`${op.name} as ${caller.label}: expected reason EMAIL_NOT_VERIFIED`);
        if (!expected && (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN')) {
          wrong.push(
            `${op.name} as ${caller.label}: expected to be let through, got ${code} (${res.errors![0]!.message})`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses API keys the inputs that are human-only: a STOP notice is FORBIDDEN for a write key', async () => {
    const programme = await createProgramme(funder, { title: 'Nur Menschen' });
    const applicationId = await submitApplication(grantee, programme.id, [10_000_00], 2);
    const award = await funder.gql(DECIDE, {
      input: { applicationId, decision: 'APPROVE', comment: 'ok' },
    });
    const grantId = award.data.decideApplication.grant.id;
    const state = () =>
      grantee.gql(
        `query($id: ID!) { grant(grantId: $id) { status tranches { status } changeNotices(first: 100) { nodes { kind } } } }`,
        { id: grantId },
      );
    const before = (await state()).data.grant;
    const stop = { grantId, kind: 'STOP', description: 'We stop.' };

    const byKey = await api.gql(FILE_NOTICE, { input: stop }, { token: granteeWriteKey });
    expect(byKey.data).toBeNull();
    expect(byKey.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'HUMANS_ONLY',
    });
    expect(byKey.errors?.[0]?.message).toMatch(/API keys cannot do this/);
    expect((await state()).data.grant).toEqual(before);
    expect(before.status).toBe('ACTIVE');

    // Other kinds stay open to write keys; a person filing STOP passes the access check (and is
    // then told what the final review still needs).
    const pivot = await api.gql(
      FILE_NOTICE,
      { input: { grantId, kind: 'PIVOT', description: 'We pivot.' } },
      { token: granteeWriteKey },
    );
    expect(pivot.errors).toBeUndefined();
    const byPerson = await grantee.gql(FILE_NOTICE, { input: stop });
    expect(byPerson.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("answers NOT_FOUND without data for another organisation's ids, and changes nothing", async () => {
    // Objects of other tenants: otherFunder's people, keys and programme; otherGrantee's applications and grant.
    const foreignMember = await addMember(api, otherFunder, 'REVIEWER');
    const members = await otherFunder.gql('{ members { nodes { id person { id } } } }');
    const foreignMembershipId = members.data.members.nodes.find(
      (m: any) => m.person.id === foreignMember.personId,
    ).id;
    const invitation = await otherFunder.gql(
      'mutation { inviteMember(input: { email: "someone@example.org", role: REVIEWER }) { id } }',
    );
    const key = await otherFunder.gql(
      'mutation { createApiKey(input: { name: "theirs", scopes: [READ] }) { apiKey { id } } }',
    );
    const programme = await createProgramme(otherFunder);
    // Open calls are public; another funder's call that is not open does not exist for anyone.
    const draftProgramme = await createProgramme(otherFunder, { title: 'Noch nicht offen' }, false);
    const otherGrantee = await signUp(api, 'GRANTEE');
    const submitted = await submitApplication(otherGrantee, programme.id, [10_000_00], 2);
    const decided = await submitApplication(otherGrantee, programme.id, [20_000_00], 2);
    const draft = await otherGrantee.gql(
      `mutation { saveApplicationDraft(input: { programmeId: "${programme.id}", title: "theirs" }) { id } }`,
    );
    const draftId = draft.data.saveApplicationDraft.id;
    const award = await otherFunder.gql(DECIDE, {
      input: { applicationId: decided, decision: 'APPROVE', comment: 'ok' },
    });
    const grantId = award.data.decideApplication.grant.id;
    const review = await submitReview(otherGrantee, grantId, 1);
    const theirLearnings = await otherGrantee.gql(
      `query($id: ID!) { learnings(grantId: $id, first: 1) { nodes { id } } }`,
      { id: grantId },
    );
    const learningId = theirLearnings.data.learnings.nodes[0].id;
    const notice = await otherGrantee.gql(FILE_NOTICE, {
      input: { grantId, kind: 'GOAL_UNREACHABLE', description: 'The district said no.' },
    });
    const foreignSprint = (await sprintsOf(otherGrantee, grantId))[0];
    const proof = await otherGrantee.gql(
      `mutation($id: ID!) { startProofOfUse(input: { grantId: $id, kind: INTERIM, periodFrom: "2026-01-01", periodTo: "2026-12-31" }) { id } }`,
      { id: grantId },
    );
    const proofOfUseId = proof.data.startProofOfUse.id as string;
    const proofSubmitted = await otherGrantee.gql(
      `mutation($id: ID!) { submitProofOfUse(input: { proofOfUseId: $id, statement: "Ours." }) { status } }`,
      { id: proofOfUseId },
    );
    expect(proofSubmitted.data.submitProofOfUse.status).toBe('SUBMITTED');
    const endpoint = await otherFunder.gql(
      `mutation { createWebhookEndpoint(input: { url: "https://93.184.216.34/hook", eventTypes: [GRANT_COMPLETED] }) { endpoint { id } } }`,
    );
    const endpointId = endpoint.data.createWebhookEndpoint.endpoint.id;
    const report = await otherFunder.gql(
      `mutation($id: ID!) { requestReport(input: { kind: PORTFOLIO, format: CSV, programmeId: $id }) { id } }`,
      { id: programme.id },
    );
    const reportId = report.data.requestReport.id;
    const uploaded = await fetch(
      `${api.url}/attachments/CHANGE_NOTICE/${notice.data.fileChangeNotice.id}?fileName=plan.pdf`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${otherGrantee.accessToken}` },
        body: Buffer.from('%PDF-1.4\n%%EOF\n'),
      },
    );
    const attachmentId = ((await uploaded.json()) as { id: string }).id;
    const [delivery] = await api.app.get(DataSource).query(
      `INSERT INTO webhook_delivery (endpoint_id, event_id, event_type, body, status)
         VALUES ($1, gen_random_uuid(), 'grant.completed', '{}', 'FAILED') RETURNING id`,
      [endpointId],
    );

    const operator = await signUp(api, 'FUNDER');
    await api.app
      .get(DataSource)
      .query('UPDATE person SET platform_admin = true WHERE id = $1', [operator.personId]);
    const platformAdmin = await logIn(api, operator.email, operator.password);

    // Every operation with an id argument names the caller it is tried as and the foreign ids.
    const fixtures: Record<string, { as: Account; args: Record<string, unknown> }> = {
      changeMemberRole: {
        as: funder,
        args: { membershipId: foreignMembershipId, role: 'MANAGER' },
      },
      removeMember: { as: funder, args: { membershipId: foreignMembershipId } },
      // Dead letters belong to the platform, not to a tenant: an id that is none is NOT_FOUND.
      retryDeadLetter: { as: platformAdmin, args: { deadLetterId: randomUUID() } },
      revokeInvitation: { as: funder, args: { invitationId: invitation.data.inviteMember.id } },
      resendInvitation: { as: funder, args: { invitationId: invitation.data.inviteMember.id } },
      revokeApiKey: { as: funder, args: { apiKeyId: key.data.createApiKey.apiKey.id } },
      programme: { as: funder, args: { programmeId: programme.id } },
      openCall: { as: grantee, args: { programmeId: draftProgramme.id } },
      updateProgramme: {
        as: funder,
        args: { programmeId: programme.id, input: { title: 'Hijacked' } },
      },
      changeProgrammeStatus: { as: funder, args: { programmeId: programme.id, status: 'CLOSED' } },
      application: { as: funder, args: { applicationId: submitted } },
      submitApplication: { as: grantee, args: { applicationId: draftId } },
      withdrawApplication: { as: grantee, args: { applicationId: submitted } },
      grant: { as: funder, args: { grantId } },
      grantBudget: { as: funder, args: { grantId } },
      reallocations: { as: grantee, args: { grantId } },
      spendEntries: { as: grantee, args: { grantId } },
      programmeBudget: { as: funder, args: { programmeId: programme.id } },
      sprintReview: { as: funder, args: { reviewId: review.id } },
      grantTimeline: { as: grantee, args: { grantId } },
      webhookDeliveries: { as: funder, args: { endpointId } },
      report: { as: funder, args: { reportId } },
      createReportDownloadLink: { as: funder, args: { reportId } },
      proofsOfUse: { as: grantee, args: { grantId } },
      proofOfUse: { as: funder, args: { proofOfUseId } },
      attachments: {
        as: funder,
        args: { parentType: 'CHANGE_NOTICE', parentId: notice.data.fileChangeNotice.id },
      },
      createAttachmentDownloadLink: { as: funder, args: { attachmentId } },
      setGrantPublication: { as: funder, args: { grantId, input: { publishable: true } } },
      openGrantData: { as: funder, args: { programmeId: programme.id } },
      createOpenGrantDataDownloadLink: {
        as: funder,
        args: { programmeId: programme.id, format: 'JSON' },
      },
      deleteAttachment: { as: grantee, args: { attachmentId } },
      deleteWebhookEndpoint: { as: funder, args: { endpointId } },
      redeliverWebhook: { as: funder, args: { deliveryId: delivery.id } },
      node: { as: funder, args: { id: grantId } },
      learning: { as: funder, args: { learningId } },
      markLearningHelpful: { as: funder, args: { learningId } },
      unmarkLearningHelpful: { as: funder, args: { learningId } },
    };
    /** Lists filtered by a foreign id answer an empty page. */
    const listFixtures: Record<string, { as: Account; args: Record<string, unknown> }> = {
      applications: { as: funder, args: { programmeId: programme.id } },
      grants: { as: funder, args: { programmeId: programme.id } },
      learnings: { as: funder, args: { programmeId: programme.id } },
      searchLearnings: { as: funder, args: { programmeId: programme.id } },
      publicLearningSearch: { as: funder, args: { programmeId: programme.id } },
    };
    const idArg = (op: Operation) =>
      op.field.args.filter((a) => String(a.type).replace(/[![\]]/g, '') === 'ID');
    const withRequiredIds = ops.filter((op) => idArg(op).some((a) => String(a.type).endsWith('!')));
    // An operation with a required id as well (spendEntries: grant, optional line) is checked by
    // that id above: a foreign grant answers NOT_FOUND whatever the filter.
    const withOptionalIds = ops.filter(
      (op) => !withRequiredIds.includes(op) && idArg(op).some((a) => !String(a.type).endsWith('!')),
    );
    expect(withRequiredIds.filter((op) => !fixtures[op.name]).map((op) => op.name)).toEqual([]);
    expect(withOptionalIds.filter((op) => !listFixtures[op.name]).map((op) => op.name)).toEqual([]);

    for (const op of withRequiredIds) {
      const { as, args } = fixtures[op.name]!;
      const { query, variables } = callFor(op, args);
      const res = await as.gql(query, variables);
      expect({ op: op.name, code: res.errors?.[0]?.extensions?.code }).toEqual({
        op: op.name,
        code: 'NOT_FOUND',
      });
      expect(res.data?.[op.name] ?? null).toBeNull();
    }
    for (const op of withOptionalIds) {
      const { as, args } = listFixtures[op.name]!;
      const res = await as.gql(
        `query($id: ID!) { ${op.name}(programmeId: $id) { totalCount nodes { __typename } } }`,
        { id: args.programmeId },
      );
      expect({ op: op.name, page: res.data?.[op.name] }).toEqual({
        op: op.name,
        page: { totalCount: 0, nodes: [] },
      });
    }
    // Ids inside inputs are checked the same way.
    const embedded = [
      await funder.gql(SCORE, {
        input: {
          applicationId: submitted,
          scores: [{ criterionKey: 'impact', score: 5, comment: '' }],
        },
      }),
      await funder.gql(DECIDE, {
        input: { applicationId: submitted, decision: 'REJECT', comment: 'x' },
      }),
      await grantee.gql(
        'mutation($id: ID!) { saveApplicationDraft(input: { applicationId: $id, title: "x" }) { id } }',
        { id: draftId },
      ),
    ];
    const manager = await addMember(api, funder, 'MANAGER');
    embedded.push(
      await grantee.gql(SAVE_REVIEW, { input: { sprintId: foreignSprint.id, summary: 'x' } }),
      await grantee.gql(SUBMIT_REVIEW, { input: { sprintId: foreignSprint.id } }),
      await manager.gql(DECIDE_REVIEW, {
        input: { reviewId: review.id, decision: 'ACCEPT', comment: '' },
      }),
      await funder.gql(COMMENT, { input: { reviewId: review.id, body: 'x' } }),
      await grantee.gql(FILE_NOTICE, {
        input: { grantId, kind: 'GOAL_UNREACHABLE', description: 'not ours' },
      }),
      await funder.gql(
        `mutation($id: ID!) { updateWebhookEndpoint(input: { endpointId: $id, enabled: false }) { id } }`,
        { id: endpointId },
      ),
      await manager.gql(DECIDE_NOTICE, {
        input: { noticeId: notice.data.fileChangeNotice.id, decision: 'ACKNOWLEDGE', comment: '' },
      }),
      await grantee.gql(
        'mutation($id: ID!) { changeLearningVisibility(input: { learningId: $id, visibility: GRANT }) { id } }',
        { id: learningId },
      ),
      await manager.gql(
        'mutation($id: ID!) { requestLearningVisibility(input: { learningId: $id, visibility: PUBLIC }) { id } }',
        { id: learningId },
      ),
      await grantee.gql(
        'mutation($id: ID!) { decideLearningShareRequest(input: { learningId: $id, decision: CONSENT }) { id } }',
        { id: learningId },
      ),
      await grantee.gql(
        `mutation($id: ID!) { startProofOfUse(input: { grantId: $id, kind: INTERIM, periodFrom: "2027-01-01", periodTo: "2027-12-31" }) { id } }`,
        { id: grantId },
      ),
      await grantee.gql(
        'mutation($id: ID!) { updateProofOfUse(input: { proofOfUseId: $id, statement: "x" }) { id } }',
        { id: proofOfUseId },
      ),
      await grantee.gql(
        'mutation($id: ID!) { submitProofOfUse(input: { proofOfUseId: $id }) { id } }',
        { id: proofOfUseId },
      ),
      await manager.gql(
        'mutation($id: ID!) { decideProofOfUse(input: { proofOfUseId: $id, decision: ACCEPT }) { id } }',
        { id: proofOfUseId },
      ),
      await funder.gql(
        'mutation($id: ID!) { requestReport(input: { kind: PROOF_OF_USE, format: PDF, proofOfUseId: $id }) { id } }',
        { id: proofOfUseId },
      ),
      await manager.gql(
        'mutation($id: ID!) { writeLearning(input: { programmeId: $id, title: "x", tried: "x", happened: "x", learned: "x", kind: INSIGHT, visibility: PUBLIC }) { id } }',
        { id: programme.id },
      ),
    );
    expect(embedded.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(
      Array(embedded.length).fill('NOT_FOUND'),
    );
    const untouched = await otherGrantee.gql(
      `query($id: ID!) { grant(grantId: $id) { sprints { status } changeNotices(first: 100) { nodes { status } } } }`,
      { id: grantId },
    );
    expect(untouched.data.grant.sprints[0].status).toBe('IN_REVIEW');
    expect(untouched.data.grant.changeNotices.nodes.map((n: any) => n.status)).toEqual(['OPEN']);
    const theirHooks = await otherFunder.gql(
      '{ webhookEndpoints(first: 100) { nodes { id status } } }',
    );
    expect(theirHooks.data.webhookEndpoints.nodes).toEqual([{ id: endpointId, status: 'ENABLED' }]);

    const after = await otherFunder.gql(
      `{ members { nodes { id role } } invitations(status: PENDING) { totalCount } apiKeys { nodes { revokedAt } }
         programme(programmeId: "${programme.id}") { title status } application(applicationId: "${submitted}") { status } }`,
    );
    expect(after.errors).toBeUndefined();
    expect(after.data.members.nodes.find((m: any) => m.id === foreignMembershipId).role).toBe(
      'REVIEWER',
    );
    expect(after.data.invitations.totalCount).toBe(1);
    expect(after.data.apiKeys.nodes.every((k: any) => k.revokedAt === null)).toBe(true);
    expect(after.data.programme).toEqual({ title: 'Digitale Nachbarschaft', status: 'OPEN' });
    expect(after.data.application.status).toBe('SUBMITTED');
  });

  it('answers NOT_FOUND when a person names an organisation they do not belong to', async () => {
    const res = await funder.gql('{ currentOrganization { id name } }', undefined, {
      'x-organization-id': otherFunder.organizationId,
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
    expect(JSON.stringify(res)).not.toContain(otherFunder.email);
  });
});
