// The proof of use as a workflow between grantee and funder, through the API, the worker and a
// real SMTP server: an interim proof for a period compiles only that period's spend, receipts and
// tranches; under a programme that wants receipts attached it cannot be submitted while a spend
// entry lacks one (the error names it, nothing is written); submit → changes requested → edited
// and submitted again → accepted, each step audited, told to the other side by email and in-app,
// and idempotent with a key; the funder sees nothing of a draft, its auditor reads; the PDF and
// XLSX of the proof carry the period and the closing statement.
import type { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { addDays } from '../../src/core/calendar/calendar-day';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { Account, addMember } from '../helpers/identity';
import { pdfText } from '../helpers/pdf-text';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { until } from '../helpers/wait';
import { startWorker } from '../helpers/worker';

const RECEIPT = Buffer.from('%PDF-1.4\n% Rechnung\n%%EOF\n');

const START = `mutation($input: StartProofOfUseInput!) { startProofOfUse(input: $input) { id kind status periodFrom periodTo } }`;
const UPDATE = `mutation($input: UpdateProofOfUseInput!) { updateProofOfUse(input: $input) { id status statement } }`;
const SUBMIT = `mutation($input: SubmitProofOfUseInput!) { submitProofOfUse(input: $input) { id status submittedVersion statement } }`;
const DECIDE = `mutation($input: DecideProofOfUseInput!) { decideProofOfUse(input: $input) { id status submittedVersion } }`;
const PROOF = `query($id: ID!) { proofOfUse(proofOfUseId: $id) {
  id kind status statement submittedVersion periodFrom periodTo
  decisions { version decision comment }
  figures { periodFrom periodTo receiptRule missingReceipts
    awarded { amount } received { amount } spentInPeriod { amount } spentToDate { amount }
    lines { name original { amount } allocated { amount } spentInPeriod { amount } spentToDate { amount } deviationPercent beyondTolerance }
    receipts { spendEntryId spentOn lineName amount { amount currency } receiptReference receiptMissing attachments { id fileName } }
    tranches { number status amount { amount } }
    reallocations { id } } } }`;

describe('proof of use workflow', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dir: string;
  let g: GrantFixture;
  let auditor: Account;
  let today: string;
  const entries: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  let proofId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meilenstein-proof-flow-'));
    smtp = await startSmtp();
    const env = {
      STORAGE_DIR: dir,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_APP_URL: 'https://app.example.org',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    g = await createGrant(api, { programme: { receiptRule: 'ATTACHED' } });
    auditor = await addMember(api, g.funder, 'AUDITOR');
    // The manager reads German (Sie), the grantee English.
    await api.app
      .get(DataSource)
      .query(`UPDATE person SET language = 'de' WHERE id = $1`, [g.manager.personId]);
    const grant = await g.grantee.gql(`query($id: ID!) { grant(grantId: $id) { startDate } }`, {
      id: g.grantId,
    });
    today = grant.data.grant.startDate;
    // Two entries in the period (a with its receipt, b without), one after it (c).
    const spend = async (lineId: string, amount: number, spentOn: string, ref: string) => {
      const res = await g.grantee.gql(
        `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`,
        {
          i: {
            grantId: g.grantId,
            lineId,
            amount: { amount, currency: 'EUR' },
            spentOn,
            note: `Rechnung ${ref}`,
            receiptReference: ref,
          },
        },
      );
      expect(res.errors).toBeUndefined();
      return res.data.reportSpend.id as string;
    };
    entries.a = await spend(g.lineIds[0]!, 1_000_17, today, 'RE-A');
    entries.b = await spend(g.lineIds[1]!, 2_000_00, today, 'RE-B');
    entries.c = await spend(g.lineIds[2]!, 3_000_00, addDays(today, 40), 'RE-C');
    await attach(entries.a, 'rechnung-a.pdf');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function attach(entryId: string, fileName: string) {
    const res = await fetch(`${api.url}/attachments/SPEND_ENTRY/${entryId}?fileName=${fileName}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.grantee.accessToken}` },
      body: RECEIPT,
    });
    expect(res.status).toBe(201);
  }
  const proof = async (who: Account) => who.gql(PROOF, { id: proofId });
  const audit = async () =>
    (
      await api.app
        .get(DataSource)
        .query(
          `SELECT action FROM audit_event WHERE subject_type = 'ProofOfUse' AND subject_id = $1 ORDER BY created_at, id`,
          [proofId],
        )
    ).map((r: { action: string }) => r.action);
  const mailsTo = (who: Account) =>
    smtp.messages.filter(
      (m) =>
        (m.to as { text: string } | undefined)?.text === who.email &&
        /(Nachweis|proof of use)/i.test(m.subject ?? ''),
    );

  it('starts an interim proof of use once per period; the funder sees nothing of the draft', async () => {
    const input = {
      grantId: g.grantId,
      kind: 'INTERIM',
      periodFrom: addDays(today, -30),
      periodTo: today,
      idempotencyKey: 'start-1',
    };
    const first = await g.grantee.gql(START, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.startProofOfUse).toMatchObject({ kind: 'INTERIM', status: 'DRAFT' });
    proofId = first.data.startProofOfUse.id;
    // A double click answers the same proof of use; the same period again is a conflict.
    const replay = await g.grantee.gql(START, { input });
    expect(replay.data.startProofOfUse.id).toBe(proofId);
    const again = await g.grantee.gql(START, { input: { ...input, idempotencyKey: 'start-2' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'PERIOD_TAKEN',
      existingId: proofId,
    });
    const backwards = await g.grantee.gql(START, {
      input: { ...input, periodFrom: today, periodTo: addDays(today, -1), idempotencyKey: null },
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const final = await g.grantee.gql(START, { input: { grantId: g.grantId, kind: 'FINAL' } });
    expect(final.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'GRANT_RUNNING',
    });
    const started = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM proof_of_use WHERE grant_id = $1`, [g.grantId]);
    expect(started[0].n).toBe(1);

    expect((await proof(g.manager)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await g.manager.gql(
      `query($id: ID!) { proofsOfUse(grantId: $id, first: 10) { totalCount } }`,
      { id: g.grantId },
    );
    expect(list.data.proofsOfUse.totalCount).toBe(0);
    // Only the grantee starts one.
    const byFunder = await g.manager.gql(START, { input: { ...input, idempotencyKey: null } });
    expect(byFunder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('compiles only the period: its spend, its receipts with attachments, the tranches received in it', async () => {
    const res = await proof(g.grantee);
    expect(res.errors).toBeUndefined();
    const f = res.data.proofOfUse.figures;
    expect(f.receiptRule).toBe('ATTACHED');
    expect(f.receipts.map((r: any) => r.spendEntryId)).toEqual([entries.a, entries.b]);
    expect(f.receipts[0]).toMatchObject({
      lineName: expect.any(String),
      amount: { amount: 100017, currency: 'EUR' },
      receiptReference: 'RE-A',
      receiptMissing: false,
      attachments: [{ fileName: 'rechnung-a.pdf' }],
    });
    expect(f.receipts[1]).toMatchObject({ receiptMissing: true, attachments: [] });
    expect(f.missingReceipts).toBe(1);
    expect(f.spentInPeriod.amount).toBe(300017);
    expect(f.lines.map((l: any) => l.spentInPeriod.amount)).toEqual([100017, 200000, 0]);
    // The entry after the period counts neither in it nor up to its end.
    expect(f.spentToDate.amount).toBe(300017);
    // The award tranche was released today, inside the period.
    const released = g.tranches.filter((t) => t.status === 'RELEASED');
    expect(f.tranches.map((t: any) => t.number)).toHaveLength(released.length);
    expect(f.received.amount).toBe(released.reduce((s, t) => s + Number(t.amount), 0));
  });

  it('refuses to submit without a statement, and while a spend entry of the period lacks its receipt — naming it, writing nothing', async () => {
    const empty = await g.grantee.gql(SUBMIT, { input: { proofOfUseId: proofId } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'STATEMENT_MISSING',
    });
    const missing = await g.grantee.gql(SUBMIT, {
      input: { proofOfUseId: proofId, statement: 'We reached 80 households.' },
    });
    const ext = missing.errors?.[0]?.extensions ?? {};
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECEIPTS_MISSING' });
    expect(ext.spendEntryIds).toEqual([entries.b]);
    expect(ext.fields).toEqual([
      expect.objectContaining({
        field: `receipts.${entries.b}`,
        message: expect.stringContaining('2000.00 EUR (RE-B)'),
      }),
    ]);
    expect(missing.errors?.[0]?.message).toContain(`${today}`);
    // Nothing was written: neither the statement sent along nor a submission.
    const after = await proof(g.grantee);
    expect(after.data.proofOfUse).toMatchObject({
      status: 'DRAFT',
      submittedVersion: 0,
      statement: '',
    });
    expect(await audit()).toEqual(['proof-of-use.started']);
  });

  it('goes submit → changes requested → resubmitted → accepted, audited and told to the other side', async () => {
    await attach(entries.b, 'rechnung-b.pdf');
    const saved = await g.grantee.gql(UPDATE, {
      input: { proofOfUseId: proofId, statement: 'We reached 80 households.' },
    });
    expect(saved.data.updateProofOfUse.statement).toBe('We reached 80 households.');
    const submit = { proofOfUseId: proofId, idempotencyKey: 'submit-1' };
    const first = await g.grantee.gql(SUBMIT, { input: submit });
    expect(first.errors).toBeUndefined();
    expect(first.data.submitProofOfUse).toMatchObject({ status: 'SUBMITTED', submittedVersion: 1 });
    // A double click submits once.
    const replay = await g.grantee.gql(SUBMIT, { input: submit });
    expect(replay.data.submitProofOfUse.submittedVersion).toBe(1);

    // Submitted: the grantee cannot change it; the funder and its auditor read it.
    const locked = await g.grantee.gql(UPDATE, {
      input: { proofOfUseId: proofId, statement: 'changed' },
    });
    expect(locked.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'NOT_EDITABLE',
    });
    expect((await proof(auditor)).data.proofOfUse.statement).toBe('We reached 80 households.');
    const byAuditor = await auditor.gql(DECIDE, {
      input: { proofOfUseId: proofId, decision: 'ACCEPT' },
    });
    expect(byAuditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await until(() => mailsTo(g.manager).length === 1, 'the submission email');
    expect(mailsTo(g.manager)[0]!.subject).toMatch(/^Nachweis zu „.+“ eingereicht$/);
    expect(mailsTo(g.manager)[0]!.text).toContain(
      `https://app.example.org/grants/${g.grantId}/proof-of-use/${proofId}`,
    );

    const noComment = await g.manager.gql(DECIDE, {
      input: { proofOfUseId: proofId, decision: 'REQUEST_CHANGES' },
    });
    expect(noComment.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const back = await g.manager.gql(DECIDE, {
      input: {
        proofOfUseId: proofId,
        decision: 'REQUEST_CHANGES',
        comment: 'Please name the districts.',
        idempotencyKey: 'decide-1',
      },
    });
    expect(back.data.decideProofOfUse.status).toBe('CHANGES_REQUESTED');
    await until(() => mailsTo(g.grantee).length === 1, 'the decision email');
    const told = mailsTo(g.grantee)[0]!;
    expect(told.subject).toMatch(/^Proof of use of ".+": changes requested$/);
    expect(told.text).toContain('Please name the districts.');
    const inbox = await g.grantee.gql(`{ notifications(first: 10) { nodes { kind link } } }`);
    expect(inbox.data.notifications.nodes.map((n: any) => n.kind)).toContain(
      'PROOF_OF_USE_DECIDED',
    );

    const edited = await g.grantee.gql(SUBMIT, {
      input: {
        proofOfUseId: proofId,
        statement: 'We reached 80 households in Nord and Süd.',
        idempotencyKey: 'submit-2',
      },
    });
    expect(edited.data.submitProofOfUse).toMatchObject({
      status: 'SUBMITTED',
      submittedVersion: 2,
      statement: 'We reached 80 households in Nord and Süd.',
    });
    await until(() => mailsTo(g.manager).length === 2, 'the second submission email');
    expect(mailsTo(g.manager)[1]!.text).toContain('(Fassung 2)');

    const accepted = await g.manager.gql(DECIDE, {
      input: { proofOfUseId: proofId, decision: 'ACCEPT', idempotencyKey: 'decide-2' },
    });
    expect(accepted.data.decideProofOfUse.status).toBe('ACCEPTED');
    const twice = await g.manager.gql(DECIDE, {
      input: { proofOfUseId: proofId, decision: 'ACCEPT', idempotencyKey: 'decide-3' },
    });
    expect(twice.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'NOT_SUBMITTED',
    });
    const done = await proof(g.grantee);
    expect(done.data.proofOfUse.decisions).toEqual([
      { version: 1, decision: 'REQUEST_CHANGES', comment: 'Please name the districts.' },
      { version: 2, decision: 'ACCEPT', comment: '' },
    ]);
    // One transaction writes the saved statement and the submission (same instant): as a set.
    expect((await audit()).sort()).toEqual(
      [
        'proof-of-use.started',
        'proof-of-use.statement-saved',
        'proof-of-use.submitted',
        'proof-of-use.changes-requested',
        'proof-of-use.statement-saved',
        'proof-of-use.submitted',
        'proof-of-use.accepted',
      ].sort(),
    );
    await until(() => mailsTo(g.grantee).length === 2, 'the acceptance email');
    expect(mailsTo(g.grantee)[1]!.subject).toMatch(/: accepted$/);
  });

  async function report(who: Account, format: string): Promise<Buffer> {
    const res = await who.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id proofOfUseId grantId } }`,
      { input: { kind: 'PROOF_OF_USE', format, proofOfUseId: proofId } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.requestReport).toMatchObject({ proofOfUseId: proofId, grantId: g.grantId });
    const id = res.data.requestReport.id as string;
    await until(async () => {
      const r = await who.gql(`query($id: ID!) { report(reportId: $id) { status error } }`, { id });
      if (r.data.report.status === 'FAILED') throw new Error(r.data.report.error);
      return r.data.report.status === 'READY';
    }, 'the proof of use report');
    const file = await fetch(`${api.url}/reports/${id}/download`, {
      headers: { authorization: `Bearer ${who.accessToken}` },
    });
    expect(file.status).toBe(200);
    return Buffer.from(await file.arrayBuffer());
  }

  it('makes its PDF (funder, German) and XLSX (grantee) with the period and the closing statement', async () => {
    const text = pdfText(await report(g.manager, 'PDF'));
    expect(text).toContain('Zwischennachweis');
    expect(text).toContain('Abschließender Sachbericht');
    expect(text).toMatch(/We reached 80 households in Nord\s+and\s+Süd\./);
    expect(text).toContain('Zeitraum');
    expect(text).not.toMatch(/\b(INTERIM|ACCEPTED|RELEASED|PERSONNEL)\b/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await report(g.grantee, 'XLSX')) as unknown as ArrayBuffer);
    const closing = workbook.worksheets.find((w) => w.name === 'Closing statement')!;
    expect(closing.getRow(2).getCell(1).value).toBe('We reached 80 households in Nord and Süd.');
    const receipts = workbook.worksheets.find((w) => w.name === 'List of receipts')!;
    expect(receipts.rowCount).toBe(3); // header and the two entries of the period
    const statement = workbook.worksheets.find((w) => w.name === 'Financial statement')!;
    const header = (statement.getRow(1).values as unknown[]).slice(1);
    const inPeriod = header.indexOf('In the period') + 1;
    expect(inPeriod).toBeGreaterThan(0);
    expect(statement.getRow(2).getCell(inPeriod).value).toBe(1000.17);
  });
});
