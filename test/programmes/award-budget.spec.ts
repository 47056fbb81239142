// Approvals spend a programme's budget: never beyond it, not even when two managers approve at
// the same moment; a refused approval writes nothing; grant references count up per year; and
// the grantee hears about the decision by email, once, in their language.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const TABLES = ['grant', 'budget_line', 'sprint', 'tranche', 'audit_event', 'outbox_event'];

describe('awards and the programme budget', () => {
  let api: TestApi;
  let db: DataSource;
  let funder: Account;
  let managerA: Account;
  let managerB: Account;
  let grantee: Account;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    funder = await signUp(api, 'FUNDER');
    managerA = await addMember(api, funder, 'MANAGER', 'manager-a');
    managerB = await addMember(api, funder, 'MANAGER', 'manager-b');
    grantee = await signUp(api, 'GRANTEE');
  });
  afterAll(() => api.close());

  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[table] = n;
    }
    return counts;
  };
  const applicationRow = async (id: string) =>
    (
      await db.query(
        `SELECT status, last_decision, decision_feedback, decided_at, version FROM application WHERE id = $1`,
        [id],
      )
    )[0];
  const grantsOf = async (programmeId: string) =>
    (await db.query(
      `SELECT application_id, awarded_amount_minor::text AS awarded FROM "grant" WHERE programme_id = $1`,
      [programmeId],
    )) as { application_id: string; awarded: string }[];
  const approve = (manager: Account, applicationId: string, extra: Record<string, unknown> = {}) =>
    manager.gql(DECIDE, {
      input: { applicationId, decision: 'APPROVE', comment: 'Gern.', ...extra },
    });
  const fieldsOf = (res: any): string[] =>
    (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

  it('refuses an approval beyond the remaining budget, with the figures, and writes nothing', async () => {
    const programme = await createProgramme(managerA, { totalBudget: 100_000_00 });
    const first = await submitApplication(grantee, programme.id, [50_000_00, 20_000_00]);
    const second = await submitApplication(grantee, programme.id, [30_000_00, 10_000_00]);

    const ok = await approve(managerA, first);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.decideApplication.status).toBe('APPROVED');

    const countsBefore = await rowCounts();
    const rowBefore = await applicationRow(second);
    const refused = await approve(managerA, second);
    expect(refused.data).toBeNull();
    expect(refused.errors![0]!.message).toMatch(/would exceed the programme budget/);
    expect(refused.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'PROGRAMME_BUDGET_EXCEEDED',
      totalBudget: '10000000',
      alreadyAwarded: '7000000',
      available: '3000000',
      requested: '4000000',
    });
    expect(await rowCounts()).toEqual(countsBefore);
    expect(await applicationRow(second)).toEqual(rowBefore);
    expect(rowBefore).toMatchObject({ status: 'SUBMITTED', last_decision: null, decided_at: null });
    expect(await grantsOf(programme.id)).toEqual([{ application_id: first, awarded: '7000000' }]);

    // What is left can still be awarded: 30,000 of the requested 40,000.
    const partial = await approve(managerA, second, {
      awardedAmount: eur(30_000_00),
      budgetLines: [
        { category: 'PERSONNEL', name: 'Entwicklung', amount: eur(25_000_00) },
        { category: 'MATERIAL', name: 'Sachkosten 1', amount: eur(5_000_00) },
      ],
    });
    expect(partial.errors).toBeUndefined();
    expect(partial.data.decideApplication.status).toBe('APPROVED');
  });

  it('two managers approving at the same moment never overspend: exactly one wins (3 rounds)', async () => {
    for (let round = 1; round <= 3; round++) {
      const programme = await createProgramme(managerA, {
        title: `Wettlauf ${round}`,
        totalBudget: 50_000_00,
      });
      const one = await submitApplication(grantee, programme.id, [30_000_00, 10_000_00]);
      const two = await submitApplication(grantee, programme.id, [30_000_00, 10_000_00]);

      const results = await Promise.all([approve(managerA, one), approve(managerB, two)]);
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(winners[0]!.data.decideApplication.status).toBe('APPROVED');
      expect(losers[0]!.errors![0]!.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'PROGRAMME_BUDGET_EXCEEDED',
        alreadyAwarded: '4000000',
        available: '1000000',
      });

      const grants = await grantsOf(programme.id);
      expect(grants).toHaveLength(1);
      expect(grants[0]!.awarded).toBe('4000000');
      const winnerId = winners[0]!.data.decideApplication.id;
      const loserId = winnerId === one ? two : one;
      expect(grants[0]!.application_id).toBe(winnerId);
      expect((await applicationRow(loserId)).status).toBe('SUBMITTED');
      const [{ lines }] = await db.query(
        `SELECT count(*)::int AS lines FROM budget_line bl JOIN "grant" g ON g.id = bl.grant_id WHERE g.programme_id = $1`,
        [programme.id],
      );
      expect(lines).toBe(2);
    }
  });

  describe('the awarded amount and its lines', () => {
    let programme: any;
    let applicationId: string;

    beforeAll(async () => {
      programme = await createProgramme(managerA, { title: 'Bewilligungsregeln' });
      applicationId = await submitApplication(grantee, programme.id, [60_000_00, 40_000_00]);
    });

    const refusedWithoutWriting = async (extra: Record<string, unknown>) => {
      const countsBefore = await rowCounts();
      const rowBefore = await applicationRow(applicationId);
      const res = await approve(managerA, applicationId, extra);
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(await rowCounts()).toEqual(countsBefore);
      expect(await applicationRow(applicationId)).toEqual(rowBefore);
      expect(rowBefore.status).toBe('SUBMITTED');
      return res;
    };

    it('refuses awarding more than requested', async () => {
      const res = await refusedWithoutWriting({
        awardedAmount: eur(100_000_01),
        budgetLines: [
          { category: 'PERSONNEL', name: 'Entwicklung', amount: eur(60_000_01) },
          { category: 'MATERIAL', name: 'Sachkosten 1', amount: eur(40_000_00) },
        ],
      });
      expect(res.errors![0]!.extensions!.fields).toEqual([
        { field: 'awardedAmount.amount', message: 'may not exceed the requested 10000000' },
      ]);
    });

    it('refuses a lower award without adjusted budget lines, naming budgetLines', async () => {
      const res = await refusedWithoutWriting({ awardedAmount: eur(90_000_00) });
      expect(fieldsOf(res).length).toBeGreaterThan(0);
      expect(new Set(fieldsOf(res))).toEqual(new Set(['budgetLines']));
      expect(res.errors![0]!.extensions!.fields).toContainEqual({
        field: 'budgetLines',
        message: 'are needed when the awarded amount is lower than requested',
      });
    });

    it('refuses budget lines that do not add up to the award', async () => {
      const res = await refusedWithoutWriting({
        awardedAmount: eur(90_000_00),
        budgetLines: [
          { category: 'PERSONNEL', name: 'Entwicklung', amount: eur(60_000_00) },
          { category: 'MATERIAL', name: 'Sachkosten 1', amount: eur(20_000_00) },
        ],
      });
      expect(res.errors![0]!.extensions!.fields).toEqual([
        {
          field: 'budgetLines',
          message: 'add up to 8000000, not the awarded 9000000 (minor units)',
        },
      ]);
    });

    it('refuses an award in another currency', async () => {
      const res = await refusedWithoutWriting({
        awardedAmount: { amount: 90_000_00, currency: 'USD' },
        budgetLines: [
          {
            category: 'PERSONNEL',
            name: 'Entwicklung',
            amount: { amount: 60_000_00, currency: 'USD' },
          },
          {
            category: 'MATERIAL',
            name: 'Sachkosten 1',
            amount: { amount: 30_000_00, currency: 'USD' },
          },
        ],
      });
      expect(fieldsOf(res)).toEqual(['awardedAmount.currency']);
    });

    it('still approves the same application with a correct award afterwards', async () => {
      const res = await approve(managerA, applicationId, {
        awardedAmount: eur(90_000_00),
        budgetLines: [
          { category: 'PERSONNEL', name: 'Entwicklung', amount: eur(60_000_00) },
          { category: 'MATERIAL', name: 'Sachkosten 1', amount: eur(30_000_00) },
        ],
      });
      expect(res.errors).toBeUndefined();
      expect(await grantsOf(programme.id)).toEqual([
        { application_id: applicationId, awarded: '9000000' },
      ]);
    });
  });

  it('counts grant references up per year of the start date', async () => {
    const programme = await createProgramme(managerA, { title: 'Referenzen' });
    const one = await submitApplication(grantee, programme.id, [10_000_00]);
    const two = await submitApplication(grantee, programme.id, [20_000_00]);
    const first = await approve(managerA, one, { startDate: '2028-02-01' });
    expect(first.errors).toBeUndefined();
    expect(first.data.decideApplication.grant.reference).toBe('MS-2028-0001');
    // A refused approval does not use up a number.
    const refused = await approve(managerB, two, {
      startDate: '2028-03-01',
      awardedAmount: eur(15_000_00),
    });
    expect(refused.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const second = await approve(managerB, two, { startDate: '2028-03-01' });
    expect(second.errors).toBeUndefined();
    expect(second.data.decideApplication.grant.reference).toBe('MS-2028-0002');
    const [{ last }] = await db.query(`SELECT last FROM grant_reference_counter WHERE year = 2028`);
    expect(last).toBe(2);
  });

  describe('the decision email', () => {
    let smtp: TestSmtp;
    let mailApi: TestApi;
    let worker: INestApplicationContext;

    beforeAll(async () => {
      smtp = await startSmtp();
      const env = {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        PUBLIC_APP_URL: 'https://app.example.org',
      };
      mailApi = await startApi({ env });
      worker = await startWorker(env);
    });
    afterAll(async () => {
      await worker.close();
      await mailApi.close();
      await smtp.close();
    });

    const mailsTo = (email: string) =>
      smtp.messages.filter((m) => (m.to as { text: string } | undefined)?.text === email);
    const waitForMailTo = async (email: string, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!mailsTo(email).length) {
        if (Date.now() > deadline) throw new Error(`no email to ${email}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mailsTo(email);
    };

    it("emails the grantee's owner once, in German, with the feedback, after a rejection", async () => {
      const owner = await signUp(mailApi, 'FUNDER');
      const applicant = await signUp(mailApi, 'GRANTEE', { language: 'de' });
      const programme = await createProgramme(owner, { title: 'Nachbarschaft digital' });
      const id = await submitApplication(applicant, programme.id, [30_000_00]);
      const feedback = 'Leider passt das Vorhaben diesmal nicht zum Schwerpunkt des Programms.';
      const rejected = await owner.gql(DECIDE, {
        input: { applicationId: id, decision: 'REJECT', comment: feedback },
      });
      expect(rejected.errors).toBeUndefined();
      expect(rejected.data.decideApplication.status).toBe('REJECTED');

      const [mail] = await waitForMailTo(applicant.email);
      // The organisation says "Sie" (the default): the formal "Ihr".
      expect(mail!.subject).toBe('Ihr Antrag „Nachbarschafts-App“ wurde nicht bewilligt');
      expect(mail!.text).toContain(feedback);
      expect(mail!.text).toContain(`https://app.example.org/applications/${id}`);
      expect(mail!.html).toContain('lang="de"');

      // Give the worker a moment: the decision is never mailed twice.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(mailsTo(applicant.email)).toHaveLength(1);
      // Nobody at the funder is mailed about it.
      expect(mailsTo(owner.email)).toHaveLength(0);
    });
  });
});
