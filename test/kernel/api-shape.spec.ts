// The shared shape of the API, by example: `node(id)` refetches what the caller may see and
// nothing else, impossible calendar days are refused by the LocalDate scalar, a reallocation links
// to its lines and people, and decisions take an optional comment that the rules require only
// where a "no" needs a reason.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { signUp } from '../helpers/identity';
import { DECIDE as DECIDE_APPLICATION, submitApplication } from '../helpers/programmes';
import { submitReview } from '../helpers/sprints';

const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on Grant { reference } ... on Programme { title } ... on Sprint { number }
  ... on BudgetLine { name } ... on Reallocation { reallocationStatus: status } ... on SprintReview { reviewStatus: status }
  ... on Organization { name } ... on Person { displayName } } }`;
const DECIDE_REALLOCATION = `mutation($input: DecideReallocationInput!) { decideReallocation(input: $input) {
  id status decisionComment fromLine { id name } toLine { id name }
  requestedBy { id } decidedBy { id } } }`;
const REALLOCATIONS = `query($id: ID!) { reallocations(grantId: $id, first: 10) { totalCount
  nodes { id fromLine { id } toLine { id } requestedBy { id } decidedBy { id } } } }`;

describe('API shape', () => {
  let api: TestApi;
  let g: GrantFixture;
  let pendingId: string;
  beforeAll(async () => {
    // Endpoints on this machine are fine here: nothing is delivered in this file.
    api = await startApi({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
    g = await createGrant(api, {
      programme: { reallocationPolicy: { tolerancePercent: 20, approvalBeyondTolerance: true } },
    });
    const res = await g.grantee.gql(REALLOCATE, {
      input: moveInput(g, 6_000_01, { reason: 'user research showed a need' }),
    });
    expect(res.data.requestReallocation.status).toBe('PENDING');
    pendingId = res.data.requestReallocation.id;
  });
  afterAll(() => api.close());

  const error = (res: { errors?: any[] }) => res.errors?.[0]?.extensions;

  describe('node(id)', () => {
    it('refetches objects of several types the caller may see, with their own ids', async () => {
      const review = await submitReview(g.grantee, g.grantId, 1);
      const sprints = await g.funder.gql(
        `query($id: ID!) { grant(grantId: $id) { sprints { id } } }`,
        {
          id: g.grantId,
        },
      );
      const cases: [string, string, object][] = [
        ['Grant', g.grantId, {}],
        ['Programme', g.programmeId, {}],
        ['Sprint', sprints.data.grant.sprints[0].id, { number: 1 }],
        ['BudgetLine', g.lineIds[0]!, {}],
        ['Reallocation', pendingId, { reallocationStatus: 'PENDING' }],
        ['SprintReview', review.id, { reviewStatus: 'SUBMITTED' }],
        ['Organization', g.grantee.organizationId, {}],
        ['Person', g.grantee.personId, {}],
      ];
      for (const [type, id, extra] of cases) {
        const res = await g.funder.gql(NODE, { id });
        expect(res.errors).toBeUndefined();
        expect(res.data.node).toMatchObject({ __typename: type, id, ...extra });
      }
      // The grantee side too, through the same ids.
      const own = await g.grantee.gql(NODE, { id: g.grantId });
      expect(own.data.node).toMatchObject({ __typename: 'Grant', id: g.grantId });
    });

    it("answers another organisation's object like an unknown id: NOT_FOUND and null", async () => {
      const stranger = await signUp(api, 'GRANTEE');
      for (const id of [
        g.grantId,
        pendingId,
        g.lineIds[0]!,
        g.funder.personId,
        g.funder.organizationId,
      ]) {
        const res = await stranger.gql(NODE, { id });
        expect(error(res)?.code).toBe('NOT_FOUND');
        expect(res.data?.node ?? null).toBeNull();
      }
      const unknown = await stranger.gql(NODE, { id: '00000000-0000-4000-8000-000000000000' });
      expect(error(unknown)?.code).toBe('NOT_FOUND');
      expect(JSON.stringify(unknown)).not.toContain('Grant');
    });

    it("follows each type's own rules: tranches and applications by grant side, endpoints for owners only", async () => {
      const tranche = await g.grantee.gql(NODE, { id: g.tranches[0]!.id });
      expect(tranche.data.node).toMatchObject({ __typename: 'Tranche', id: g.tranches[0]!.id });
      const applications = await g.funder.gql('{ applications(first: 1) { nodes { id } } }');
      const applicationId = applications.data.applications.nodes[0].id;
      const application = await g.grantee.gql(NODE, { id: applicationId });
      expect(application.data.node).toMatchObject({ __typename: 'Application', id: applicationId });
      const created = await g.funder.gql(
        `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hooks", eventTypes: [GRANT_COMPLETED] }) { endpoint { id } } }`,
      );
      expect(created.errors).toBeUndefined();
      const endpointId = created.data.createWebhookEndpoint.endpoint.id;
      expect((await g.funder.gql(NODE, { id: endpointId })).data.node).toMatchObject({
        __typename: 'WebhookEndpoint',
      });
      // Managers do not see the owners' webhook endpoints, in the list or by id.
      const asManager = await g.manager.gql(NODE, { id: endpointId });
      expect(error(asManager)?.code).toBe('NOT_FOUND');
    });

    it('refuses an id that is not a UUID as BAD_USER_INPUT', async () => {
      const res = await g.funder.gql(NODE, { id: 'R3JhbnQ6MQ==' });
      expect(error(res)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'id' }] });
    });
  });

  describe('calendar days are LocalDate', () => {
    it('refuses 2027-02-30 as a spend date, blaming the date, and writes nothing', async () => {
      const res = await g.grantee.gql(
        `mutation($input: ReportSpendInput!) { reportSpend(input: $input) { id } }`,
        {
          input: {
            grantId: g.grantId,
            lineId: g.lineIds[0],
            amount: { amount: 100, currency: 'EUR' },
            spentOn: '2027-02-30',
            note: 'invoice',
          },
        },
      );
      expect(error(res)?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/spentOn/);
      expect(res.errors![0].message).toMatch(/LocalDate: 2027-02-30/);
      const budget = await g.grantee.gql(
        `query($id: ID!) { grantBudget(grantId: $id) { spent { amount } } }`,
        { id: g.grantId },
      );
      expect(budget.data.grantBudget.spent.amount).toBe(0);
    });

    it("refuses 2027-02-30 as an approval's start date", async () => {
      const applicationId = await submitApplication(g.grantee, g.programmeId, [10_000_00], 1);
      const res = await g.manager.gql(DECIDE_APPLICATION, {
        input: { applicationId, decision: 'APPROVE', startDate: '2027-02-30' },
      });
      expect(error(res)?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/startDate.*LocalDate: 2027-02-30/s);
      const ok = await g.manager.gql(DECIDE_APPLICATION, {
        input: { applicationId, decision: 'APPROVE', startDate: '2027-02-28' },
      });
      // Approving needs no comment.
      expect(ok.errors).toBeUndefined();
      expect(ok.data.decideApplication.status).toBe('APPROVED');
    });
  });

  describe('decisions', () => {
    it('require a comment to reject an application, as a problem on the comment field', async () => {
      const applicationId = await submitApplication(g.grantee, g.programmeId, [10_000_00], 1);
      const res = await g.manager.gql(DECIDE_APPLICATION, {
        input: { applicationId, decision: 'REJECT' },
      });
      expect(error(res)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'comment' }] });
    });

    it('require a comment to reject a reallocation, but not to approve one', async () => {
      const noReason = await g.manager.gql(DECIDE_REALLOCATION, {
        input: { reallocationId: pendingId, decision: 'REJECT' },
      });
      expect(error(noReason)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'comment' }],
      });
      const approved = await g.manager.gql(DECIDE_REALLOCATION, {
        input: { reallocationId: pendingId, decision: 'APPROVE' },
      });
      expect(approved.errors).toBeUndefined();
      expect(approved.data.decideReallocation).toMatchObject({
        id: pendingId,
        status: 'APPLIED',
        decisionComment: null,
        // A reallocation links to its lines and to the people who asked and decided.
        fromLine: { id: g.lineIds[0] },
        toLine: { id: g.lineIds[1] },
        requestedBy: { id: g.grantee.personId },
        decidedBy: { id: g.manager.personId },
      });
    });
  });

  it('lists reallocations as a connection with their links', async () => {
    const res = await g.funder.gql(REALLOCATIONS, { id: g.grantId });
    expect(res.errors).toBeUndefined();
    expect(res.data.reallocations).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: pendingId,
          fromLine: { id: g.lineIds[0] },
          toLine: { id: g.lineIds[1] },
          requestedBy: { id: g.grantee.personId },
          decidedBy: { id: g.manager.personId },
        },
      ],
    });
  });

  it('loads the links of a page of reallocations in batches, not per reallocation', async () => {
    for (let i = 0; i < 4; i++) {
      const moved = await g.grantee.gql(REALLOCATE, {
        input: moveInput(g, 100_00, { from: 2, to: 0, reason: `small move ${i}` }),
      });
      expect(moved.data.requestReallocation.status).toBe('APPLIED');
    }
    // Count every statement the API sends to PostgreSQL while it answers one page.
    const runner = api.app.get(DataSource).createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as {
      query: (...args: unknown[]) => Promise<unknown>;
    };
    await runner.release();
    const original = proto.query;
    let statements = 0;
    proto.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return original.apply(this, args);
    };
    const measure = async (first: number) => {
      statements = 0;
      const res = await g.funder.gql(
        `query($id: ID!, $first: Int!) { reallocations(grantId: $id, first: $first) { nodes {
          fromLine { name } toLine { name } requestedBy { displayName } decidedBy { displayName } } } }`,
        { id: g.grantId, first },
      );
      expect(res.data.reallocations.nodes).toHaveLength(first);
      return statements;
    };
    try {
      expect(await measure(5)).toBe(await measure(1));
    } finally {
      proto.query = original;
    }
  });
});
