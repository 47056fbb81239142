// What the grantee's side of the web app needs from the API, through GraphQL over HTTP: one open
// call readable signed out, drafts saved half-typed as a team writes them, and a submission that
// names every missing part at its field, in German too.
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { applicationInput, createProgramme } from '../helpers/programmes';

const OPEN_CALL = `query($id: ID!) { openCall(programmeId: $id) { id title description currency sprintLengthDays maxSprints
  criteria { key name weight } reallocationPolicy { tolerancePercent }
  tranchePolicy { awardSharePercent finalHoldbackPercent } funder { name } totalBudget { amount } } }`;
const SAVE = `mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) {
  id status contactEmail budgetLines { name amount { amount } } sprintPlan { goal milestones } } }`;
const SUBMIT = `mutation($id: ID!) { submitApplication(applicationId: $id) { id status version } }`;
const CHANGE_STATUS = `mutation($id: ID!, $status: ProgrammeStatus!) { changeProgrammeStatus(programmeId: $id, status: $status) { status } }`;

describe('the grantee side of applications', () => {
  let api: TestApi;
  let db: DataSource;
  let manager: Account;
  let grantee: Account;
  let programme: any;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    const funder = await signUp(api, 'FUNDER', { name: 'Stiftung Offen' });
    manager = await addMember(api, funder, 'MANAGER');
    grantee = await signUp(api, 'GRANTEE');
    programme = await createProgramme(manager, {
      reallocationPolicy: { tolerancePercent: 15, approvalBeyondTolerance: true },
    });
  });
  afterAll(() => api.close());

  describe('openCall', () => {
    it('answers an open call to someone signed out, with its criteria and rules', async () => {
      const res = await api.gql(OPEN_CALL, { id: programme.id });
      expect(res.errors).toBeUndefined();
      expect(res.data.openCall).toMatchObject({
        id: programme.id,
        title: 'Digitale Nachbarschaft',
        currency: 'EUR',
        sprintLengthDays: 42,
        maxSprints: 4,
        criteria: [
          { key: 'impact', name: 'Wirkung', weight: 3 },
          { key: 'feasibility', name: 'Machbarkeit', weight: 1 },
        ],
        reallocationPolicy: { tolerancePercent: 15 },
        tranchePolicy: { awardSharePercent: 30, finalHoldbackPercent: 10 },
        funder: { name: 'Stiftung Offen' },
        totalBudget: { amount: 500_000_00 },
      });
    });

    it('answers NOT_FOUND for a draft or closed programme and for an unknown id', async () => {
      const draft = await createProgramme(manager, {}, false);
      const closed = await createProgramme(manager);
      const changed = await manager.gql(CHANGE_STATUS, { id: closed.id, status: 'CLOSED' });
      expect(changed.errors).toBeUndefined();
      for (const id of [draft.id, closed.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await api.gql(OPEN_CALL, { id });
        expect(res.data).toBeNull();
        expect(res.errors![0]!.extensions!.code).toBe('NOT_FOUND');
      }
    });
  });

  describe('drafts', () => {
    it('keeps half-typed parts (an unnamed line, a sprint without a goal, a partial address)', async () => {
      const res = await grantee.gql(SAVE, {
        input: {
          programmeId: programme.id,
          title: 'Werkzeug teilen',
          contactEmail: 'grete@',
          budgetLines: [
            { category: 'PERSONNEL', name: '', amount: { amount: 0, currency: 'EUR' } },
          ],
          sprintPlan: [{ goal: '', milestones: ['Prototyp', ''] }],
        },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.saveApplicationDraft).toMatchObject({
        status: 'DRAFT',
        contactEmail: 'grete@',
        budgetLines: [{ name: '', amount: { amount: 0 } }],
        sprintPlan: [{ goal: '', milestones: ['Prototyp'] }],
      });
    });

    it('names every missing part at its field when submitting, in English and German; nothing changes', async () => {
      const saved = await grantee.gql(SAVE, {
        input: {
          ...applicationInput(programme.id, [60_000_00, 30_000_00]),
          contactEmail: 'grete@',
          budgetLines: [
            { category: 'PERSONNEL', name: '', amount: { amount: 60_000_00, currency: 'EUR' } },
            {
              category: 'MATERIAL',
              name: 'Sachkosten',
              amount: { amount: 30_000_00, currency: 'EUR' },
            },
          ],
          requestedAmount: { amount: 100_000_00, currency: 'EUR' },
          sprintPlan: [{ goal: '', milestones: ['A', 'A'] }],
        },
      });
      expect(saved.errors).toBeUndefined();
      const id = saved.data.saveApplicationDraft.id;
      const audits = async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM audit_event WHERE subject_type = 'Application' AND subject_id = $1`,
            [id],
          )
        )[0].n as number;
      const before = await audits();
      const res = await grantee.gql(SUBMIT, { id }, { 'accept-language': 'de' });
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      const fields: { field: string; message: string }[] = res.errors![0]!.extensions!.fields;
      expect(fields.map((f) => f.field).sort()).toEqual(
        [
          'budgetLines',
          'budgetLines.0.name',
          'contactEmail',
          'sprintPlan.0.goal',
          'sprintPlan.0.milestones',
        ].sort(),
      );
      const sum = fields.find((f) => f.field === 'budgetLines')!;
      expect(sum.message).toBe(
        'Die Zeilen ergeben 90.000,00\u00a0€, beantragt sind 100.000,00\u00a0€; beides muss gleich sein.',
      );
      expect(fields.find((f) => f.field === 'contactEmail')!.message).toBe(
        'Das ist keine E-Mail-Adresse.',
      );
      const english = await grantee.gql(SUBMIT, { id }, { 'accept-language': 'en' });
      const fieldsEn: { field: string; message: string }[] = english.errors![0]!.extensions!.fields;
      expect(fieldsEn.find((f) => f.field === 'budgetLines')!.message).toBe(
        'The lines add up to €90,000.00 but the request is €100,000.00; they must be equal.',
      );
      expect(fieldsEn.find((f) => f.field === 'sprintPlan.0.goal')!.message).toBe(
        'A goal is required.',
      );
      const [row] = await db.query(`SELECT status, version FROM application WHERE id = $1`, [id]);
      expect(row).toEqual({ status: 'DRAFT', version: 0 });
      expect(await audits()).toBe(before);
    });
  });
});
