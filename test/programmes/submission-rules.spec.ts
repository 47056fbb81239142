// The rules a submission (and a programme's settings) must follow, through GraphQL over HTTP.
// Every refusal names a stable code and the failing fields, and leaves the database untouched.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { applicationInput, createProgramme, DECIDE, programmeInput } from '../helpers/programmes';

const SAVE = `mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id status version summary } }`;
const SUBMIT = `mutation($id: ID!) { submitApplication(applicationId: $id) { id status version } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawApplication(applicationId: $id) { id status } }`;
const CREATE_PROGRAMME = `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { id status } }`;
const DAY = 86_400_000;

describe('submission rules', () => {
  let api: TestApi;
  let db: DataSource;
  let funder: Account;
  let manager: Account;
  let grantee: Account;
  let programme: any;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    funder = await signUp(api, 'FUNDER');
    manager = await addMember(api, funder, 'MANAGER');
    grantee = await signUp(api, 'GRANTEE');
    programme = await createProgramme(manager, { maxSprints: 4 });
  });
  afterAll(() => api.close());

  /** What a refused call must not change: the row, its versions and its audit trail. */
  const state = async (id: string) => {
    const [row] = await db.query(
      `SELECT status, version, submitted_at, summary, requested_amount_minor, currency, budget_lines, updated_at
         FROM application WHERE id = $1`,
      [id],
    );
    const [{ versions }] = await db.query(
      `SELECT count(*)::int AS versions FROM application_version WHERE application_id = $1`,
      [id],
    );
    const [{ audits }] = await db.query(
      `SELECT count(*)::int AS audits FROM audit_event WHERE subject_type = 'Application' AND subject_id = $1`,
      [id],
    );
    return { ...row, versions, audits };
  };
  const applicationCount = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM application WHERE grantee_organization_id = $1`,
        [grantee.organizationId],
      )
    )[0].n as number;

  const saveDraft = async (input: Record<string, unknown>): Promise<string> => {
    const res = await grantee.gql(SAVE, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data.saveApplicationDraft.status).toBe('DRAFT');
    return res.data.saveApplicationDraft.id;
  };
  const fieldsOf = (res: any): string[] =>
    (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

  describe('the call window', () => {
    it('refuses a submission before the call opens, with CALL_NOT_OPEN and the window', async () => {
      const opensAt = new Date(Date.now() + 10 * DAY);
      const closesAt = new Date(Date.now() + 40 * DAY);
      const future = await createProgramme(manager, {
        title: 'Noch nicht offen',
        callOpensAt: opensAt.toISOString(),
        callClosesAt: closesAt.toISOString(),
      });
      expect(future.status).toBe('OPEN');
      const id = await saveDraft(applicationInput(future.id));
      const before = await state(id);

      const res = await grantee.gql(SUBMIT, { id });
      expect(res.data).toBeNull();
      expect(res.errors![0]!.message).toMatch(/not open for submissions/);
      expect(res.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'CALL_NOT_OPEN',
        programmeStatus: 'OPEN',
      });
      expect(new Date(res.errors![0]!.extensions!.callOpensAt).getTime()).toBe(opensAt.getTime());
      expect(await state(id)).toEqual(before);
      expect(before).toMatchObject({
        status: 'DRAFT',
        version: 0,
        versions: 0,
        submitted_at: null,
      });
    });

    it('refuses a submission after the call closed, with CALL_NOT_OPEN', async () => {
      const closing = await createProgramme(manager, { title: 'Bald geschlossen' });
      const id = await saveDraft(applicationInput(closing.id));
      await db.query(
        `UPDATE programme SET call_opens_at = now() - interval '10 days', call_closes_at = now() - interval '1 second' WHERE id = $1`,
        [closing.id],
      );
      const before = await state(id);

      const res = await grantee.gql(SUBMIT, { id });
      expect(res.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'CALL_NOT_OPEN',
      });
      expect(await state(id)).toEqual(before);
      expect(before).toMatchObject({ status: 'DRAFT', version: 0, versions: 0 });
    });
  });

  describe('the content of a submission', () => {
    it('refuses budget lines that do not add up to the request, naming budgetLines', async () => {
      const input = applicationInput(programme.id, [60_000_00, 40_000_00]);
      const id = await saveDraft({
        ...input,
        requestedAmount: { amount: 90_000_00, currency: 'EUR' },
      });
      const before = await state(id);
      const res = await grantee.gql(SUBMIT, { id });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.fields).toEqual([
        {
          field: 'budgetLines',
          message: expect.stringMatching(
            /The lines add up to €100,000.00 but the request is €90,000.00/,
          ),
        },
      ]);
      expect(res.errors![0]!.message).toMatch(/budgetLines/);
      expect(await state(id)).toEqual(before);
    });

    it('lists every missing field of an incomplete draft at once', async () => {
      const id = await saveDraft({ programmeId: programme.id, title: 'Nur ein Titel' });
      const before = await state(id);
      const res = await grantee.gql(SUBMIT, { id });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res).sort()).toEqual(
        [
          'summary',
          'problem',
          'approach',
          'contactName',
          'contactEmail',
          'requestedAmount',
          'budgetLines',
          'sprintPlan',
        ].sort(),
      );
      expect(await state(id)).toEqual(before);
    });

    it('refuses negative amounts when saving a draft, naming the field', async () => {
      const count = await applicationCount();
      const negativeRequest = await grantee.gql(SAVE, {
        input: {
          ...applicationInput(programme.id),
          requestedAmount: { amount: -100, currency: 'EUR' },
        },
      });
      expect(negativeRequest.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(negativeRequest)).toContain('requestedAmount.amount');

      const input = applicationInput(programme.id, [60_000_00, 40_000_00]);
      const negativeLine = await grantee.gql(SAVE, {
        input: {
          ...input,
          budgetLines: [
            input.budgetLines[0],
            { ...input.budgetLines[1], amount: { amount: -1, currency: 'EUR' } },
          ],
        },
      });
      expect(negativeLine.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(negativeLine)).toEqual(['budgetLines.1.amount.amount']);
      expect(await applicationCount()).toBe(count);

      // Updating an existing draft with a negative amount changes nothing either.
      const id = await saveDraft(applicationInput(programme.id));
      const before = await state(id);
      const update = await grantee.gql(SAVE, {
        input: { applicationId: id, requestedAmount: { amount: -5, currency: 'EUR' } },
      });
      expect(fieldsOf(update)).toEqual(['requestedAmount.amount']);
      expect(await state(id)).toEqual(before);
    });

    it('refuses fractional amounts before any resolver runs', async () => {
      const count = await applicationCount();
      const fractionalRequest = await grantee.gql(SAVE, {
        input: {
          ...applicationInput(programme.id),
          requestedAmount: { amount: 10.5, currency: 'EUR' },
        },
      });
      expect(fractionalRequest.data ?? null).toBeNull();
      expect(fractionalRequest.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      const input = applicationInput(programme.id, [100]);
      const fractionalLine = await grantee.gql(SAVE, {
        input: {
          ...input,
          budgetLines: [{ ...input.budgetLines[0], amount: { amount: 99.99, currency: 'EUR' } }],
        },
      });
      expect(fractionalLine.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(await applicationCount()).toBe(count);
    });

    it("refuses a request in another currency than the programme's, naming requestedAmount.currency", async () => {
      const input = applicationInput(programme.id, [60_000_00, 40_000_00]);
      const id = await saveDraft({
        ...input,
        requestedAmount: { ...input.requestedAmount, currency: 'USD' },
        budgetLines: input.budgetLines.map((l) => ({
          ...l,
          amount: { ...l.amount, currency: 'USD' },
        })),
      });
      const before = await state(id);
      const res = await grantee.gql(SUBMIT, { id });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.fields).toEqual([
        {
          field: 'requestedAmount.currency',
          message: "The currency must be EUR, the programme's.",
        },
      ]);
      expect(await state(id)).toEqual(before);

      // Lines in another currency than the request are refused right when saving.
      const count = await applicationCount();
      const mixed = await grantee.gql(SAVE, {
        input: {
          ...input,
          budgetLines: [
            input.budgetLines[0],
            { ...input.budgetLines[1], amount: { amount: 40_000_00, currency: 'USD' } },
          ],
        },
      });
      expect(fieldsOf(mixed)).toEqual(['budgetLines.1.amount.currency']);
      expect(await applicationCount()).toBe(count);
    });

    it("refuses more sprints than the programme's maxSprints, naming sprintPlan", async () => {
      const id = await saveDraft(applicationInput(programme.id, [60_000_00, 40_000_00], 5));
      const before = await state(id);
      const res = await grantee.gql(SUBMIT, { id });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.fields).toEqual([
        { field: 'sprintPlan', message: 'The programme allows at most 4 sprints.' },
      ]);
      expect(await state(id)).toEqual(before);
    });
  });

  describe('the life of a submission', () => {
    it('refuses submitting twice with ALREADY_SUBMITTED; the version stays 1', async () => {
      const id = await saveDraft(applicationInput(programme.id));
      const first = await grantee.gql(SUBMIT, { id });
      expect(first.errors).toBeUndefined();
      expect(first.data.submitApplication).toEqual({ id, status: 'SUBMITTED', version: 1 });
      const before = await state(id);
      expect(before).toMatchObject({ status: 'SUBMITTED', version: 1, versions: 1 });

      const second = await grantee.gql(SUBMIT, { id });
      expect(second.errors![0]!.message).toMatch(/already submitted/);
      expect(second.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'ALREADY_SUBMITTED',
        current: 'SUBMITTED',
      });
      expect(await state(id)).toEqual(before);
    });

    it('after a request for information the grantee edits and resubmits as version 2; version 1 is kept', async () => {
      const input = applicationInput(programme.id);
      const id = await saveDraft(input);
      expect((await grantee.gql(SUBMIT, { id })).data.submitApplication.version).toBe(1);

      const questions = 'Wie viele Nachbar:innen wollt ihr im ersten Sprint erreichen?';
      const asked = await manager.gql(DECIDE, {
        input: { applicationId: id, decision: 'REQUEST_INFO', comment: questions },
      });
      expect(asked.errors).toBeUndefined();
      expect(asked.data.decideApplication).toMatchObject({
        status: 'INFO_REQUESTED',
        decisionFeedback: questions,
        grant: null,
      });
      const seen = await grantee.gql(
        `{ application(applicationId: "${id}") { status decisionFeedback lastDecision version } }`,
      );
      expect(seen.data.application).toEqual({
        status: 'INFO_REQUESTED',
        decisionFeedback: questions,
        lastDecision: 'REQUEST_INFO',
        version: 1,
      });

      const newSummary = 'An app for lending tools — first 200 neighbours in Linden-Süd.';
      const edited = await grantee.gql(SAVE, { input: { applicationId: id, summary: newSummary } });
      expect(edited.errors).toBeUndefined();
      expect(edited.data.saveApplicationDraft).toMatchObject({
        status: 'INFO_REQUESTED',
        summary: newSummary,
      });
      const resubmitted = await grantee.gql(SUBMIT, { id });
      expect(resubmitted.errors).toBeUndefined();
      expect(resubmitted.data.submitApplication).toEqual({ id, status: 'SUBMITTED', version: 2 });

      const versions = await grantee.gql(
        `{ application(applicationId: "${id}") { versions { version content } } }`,
      );
      const list = versions.data.application.versions;
      expect(list.map((v: any) => v.version)).toEqual([1, 2]);
      expect(list[0].content.summary).toBe(input.summary);
      expect(list[1].content.summary).toBe(newSummary);
      // The funder sees the same history.
      const forFunder = await manager.gql(
        `{ application(applicationId: "${id}") { status versions { version content } } }`,
      );
      expect(forFunder.data.application.status).toBe('SUBMITTED');
      expect(forFunder.data.application.versions).toEqual(list);
    });

    it('withdraws a submitted application; withdrawing or deciding it afterwards is a conflict', async () => {
      const id = await saveDraft(applicationInput(programme.id));
      await grantee.gql(SUBMIT, { id });
      const withdrawn = await grantee.gql(WITHDRAW, { id });
      expect(withdrawn.errors).toBeUndefined();
      expect(withdrawn.data.withdrawApplication).toEqual({ id, status: 'WITHDRAWN' });
      const before = await state(id);
      expect(before.status).toBe('WITHDRAWN');

      const again = await grantee.gql(WITHDRAW, { id });
      expect(again.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'INVALID_STATE',
        current: 'WITHDRAWN',
      });
      const decided = await manager.gql(DECIDE, {
        input: { applicationId: id, decision: 'APPROVE', comment: 'Zu spät.' },
      });
      expect(decided.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'INVALID_STATE',
        current: 'WITHDRAWN',
        allowed: ['SUBMITTED'],
      });
      const resubmit = await grantee.gql(SUBMIT, { id });
      expect(resubmit.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
      expect(await state(id)).toEqual(before);
      const [{ grants }] = await db.query(
        `SELECT count(*)::int AS grants FROM "grant" WHERE application_id = $1`,
        [id],
      );
      expect(grants).toBe(0);
    });
  });

  describe('programme settings', () => {
    const programmeCount = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM programme WHERE funder_organization_id = $1`,
          [funder.organizationId],
        )
      )[0].n as number;

    it('refuses a call window that closes before it opens, naming callClosesAt', async () => {
      const count = await programmeCount();
      const res = await manager.gql(CREATE_PROGRAMME, {
        input: programmeInput({
          callOpensAt: new Date(Date.now() + 10 * DAY).toISOString(),
          callClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
        }),
      });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.fields).toEqual([
        { field: 'callClosesAt', message: 'must be after callOpensAt' },
      ]);
      // In German, as the programme editor shows it at the field.
      const german = await manager.gql(
        CREATE_PROGRAMME,
        {
          input: programmeInput({
            callOpensAt: new Date(Date.now() + 10 * DAY).toISOString(),
            callClosesAt: new Date(Date.now() + 5 * DAY).toISOString(),
          }),
        },
        { 'accept-language': 'de' },
      );
      expect(german.errors![0]!.extensions!.fields).toEqual([
        { field: 'callClosesAt', message: 'muss nach dem Beginn des Bewerbungszeitraums liegen' },
      ]);
      expect(await programmeCount()).toBe(count);
    });

    it('refuses an award share and holdback above 100 % together', async () => {
      const count = await programmeCount();
      const res = await manager.gql(CREATE_PROGRAMME, {
        input: programmeInput({
          tranchePolicy: {
            awardSharePercent: 95,
            releaseOnAcceptedReview: true,
            finalHoldbackPercent: 10,
          },
        }),
      });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['tranchePolicy.finalHoldbackPercent']);
      expect(await programmeCount()).toBe(count);
    });

    it('refuses a criterion weight of 0 and a tolerance of 101 %', async () => {
      const count = await programmeCount();
      const weight = await manager.gql(CREATE_PROGRAMME, {
        input: programmeInput({ criteria: [{ key: 'impact', name: 'Wirkung', weight: 0 }] }),
      });
      expect(weight.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(weight)).toEqual(['criteria.0.weight']);
      const tolerance = await manager.gql(CREATE_PROGRAMME, {
        input: programmeInput({
          reallocationPolicy: { tolerancePercent: 101, approvalBeyondTolerance: true },
        }),
      });
      expect(tolerance.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(tolerance)).toEqual(['reallocationPolicy.tolerancePercent']);
      expect(await programmeCount()).toBe(count);
    });

    it('refuses reopening an archived programme with INVALID_TRANSITION', async () => {
      const draft = await createProgramme(manager, { title: 'Archiviert' }, false);
      const change = `mutation($id: ID!, $status: ProgrammeStatus!) { changeProgrammeStatus(programmeId: $id, status: $status) { status } }`;
      const archived = await manager.gql(change, { id: draft.id, status: 'ARCHIVED' });
      expect(archived.data.changeProgrammeStatus.status).toBe('ARCHIVED');
      const reopen = await manager.gql(change, { id: draft.id, status: 'OPEN' });
      expect(reopen.errors![0]!.message).toMatch(/ARCHIVED programme cannot become OPEN/);
      expect(reopen.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'INVALID_TRANSITION',
        current: 'ARCHIVED',
        allowed: [],
      });
      const [{ status }] = await db.query(`SELECT status FROM programme WHERE id = $1`, [draft.id]);
      expect(status).toBe('ARCHIVED');
    });
  });
});
