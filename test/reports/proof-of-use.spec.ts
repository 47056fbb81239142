// Proof of use compiled from what was reported: a grant with three sprints, one pivot, one
// reallocation beyond the tolerance and one receipt per line. Its financial statement equals
// grantBudget to the cent, its list of receipts lists every spend entry, the PDF carries the
// pivot and the failure, and the XLSX opens with the figures as numbers.
import type { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { BUDGET, createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { Account } from '../helpers/identity';
import { DECIDE_REVIEW, submitReview } from '../helpers/sprints';
import { until } from '../helpers/wait';
import { startWorker } from '../helpers/worker';

const RECEIPT = Buffer.from('%PDF-1.4\n% Rechnung\n%%EOF\n');

describe('proof of use', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dir: string;
  let g: GrantFixture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meilenstein-proof-'));
    api = await startApi({ env: { STORAGE_DIR: dir } });
    worker = await startWorker({ STORAGE_DIR: dir });
    g = await createGrant(api);
    // One receipt per line, each with its invoice attached.
    for (const [i, lineId] of g.lineIds.entries()) {
      const spend = await g.grantee.gql(
        `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`,
        {
          i: {
            grantId: g.grantId,
            lineId,
            amount: { amount: (i + 1) * 1_000_00 + 17, currency: 'EUR' },
            spentOn: `2026-11-0${i + 2}`,
            note: `Rechnung ${i + 1}`,
            receiptReference: `RE-${i + 1}`,
          },
        },
      );
      expect(spend.errors).toBeUndefined();
      const uploaded = await fetch(
        `${api.url}/attachments/SPEND_ENTRY/${spend.data.reportSpend.id}?fileName=rechnung-${i + 1}.pdf`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${g.grantee.accessToken}` },
          body: RECEIPT,
        },
      );
      expect(uploaded.status).toBe(201);
    }
    // Sprint 1's review pivots sprint 2 and reports a failure; the funder accepts.
    const review = await submitReview(g.grantee, g.grantId, 1, {
      spend: [{ lineId: g.lineIds[0], amount: 5_000_00 }],
      nextSprint: { goal: 'Door-to-door visits instead of flyers', milestones: ['100 doors'] },
    });
    const accepted = await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'ACCEPT' },
    });
    expect(accepted.errors).toBeUndefined();
    // A reallocation beyond the tolerance (20 %), approved by the funder.
    const asked = await g.grantee.gql(REALLOCATE, {
      input: moveInput(g, 10_000_00, { from: 2, reason: 'Hosting costs tripled.' }),
    });
    expect(asked.data.requestReallocation).toMatchObject({
      status: 'PENDING',
      withinTolerance: false,
    });
    const approved = await g.manager.gql(
      `mutation($input: DecideReallocationInput!) { decideReallocation(input: $input) { status } }`,
      {
        input: {
          reallocationId: asked.data.requestReallocation.id,
          decision: 'APPROVE',
          comment: 'ok',
        },
      },
    );
    expect(approved.errors).toBeUndefined();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function make(who: Account, format: string): Promise<Buffer> {
    const res = await who.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input: { kind: 'PROOF_OF_USE', format, grantId: g.grantId } },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data.requestReport.id as string;
    await until(async () => {
      const r = await who.gql(`query($id: ID!) { report(reportId: $id) { status error } }`, { id });
      if (r.data.report.status === 'FAILED') throw new Error(r.data.report.error);
      return r.data.report.status === 'READY';
    }, 'the proof of use');
    const file = await fetch(`${api.url}/reports/${id}/download`, {
      headers: { authorization: `Bearer ${who.accessToken}` },
    });
    expect(file.status).toBe(200);
    return Buffer.from(await file.arrayBuffer());
  }

  it('opens as XLSX whose financial statement equals grantBudget to the cent and whose list of receipts lists every spend entry', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await make(g.grantee, 'XLSX')) as unknown as ArrayBuffer);
    const sheet = (name: string) => workbook.worksheets.find((w) => w.name === name)!;
    const rows = (name: string) => {
      const ws = sheet(name);
      const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const out: Record<string, unknown>[] = [];
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const values = (row.values as unknown[]).slice(1);
        out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
      });
      return out;
    };
    const cents = (v: unknown) => {
      expect(typeof v).toBe('number');
      return Math.round((v as number) * 100);
    };

    const budget = (await g.grantee.gql(BUDGET, { id: g.grantId })).data.grantBudget;
    const statement = rows('Financial statement');
    expect(statement).toHaveLength(budget.lines.length + 1);
    budget.lines.forEach((line: any, i: number) => {
      const row = statement[i]!;
      expect(cents(row.Planned)).toBe(Number(line.original.amount));
      expect(cents(row.Final)).toBe(Number(line.allocated.amount));
      expect(cents(row.Spent)).toBe(Number(line.spent.amount));
      expect(cents(row.Reallocated)).toBe(
        Number(line.allocated.amount) - Number(line.original.amount),
      );
    });
    const total = statement[budget.lines.length]!;
    expect(cents(total.Final)).toBe(Number(budget.allocated.amount));
    expect(cents(total.Spent)).toBe(Number(budget.spent.amount));
    // The line that received beyond its tolerance is explained by the reallocation's reason.
    expect(statement[1]!.Explanation).toBe('Reallocation: Hosting costs tripled.');
    expect(statement[0]!.Explanation).toBeNull();

    const entries = await api.app
      .get(DataSource)
      .query(`SELECT amount_minor, review_id, note FROM spend_entry WHERE grant_id = $1`, [
        g.grantId,
      ]);
    const receipts = rows('List of receipts');
    expect(receipts).toHaveLength(entries.length);
    // What a sprint review reported is named in the reader's language, not by a stored English
    // note; what a person booked keeps their words.
    const fromReviews = entries.filter((e: any) => e.review_id);
    expect(fromReviews.length).toBeGreaterThan(0);
    expect(fromReviews.every((e: any) => e.note === '')).toBe(true);
    expect(
      receipts.filter((r) => /^from the sprint \d review$/.test(String(r.Purpose))),
    ).toHaveLength(fromReviews.length);
    expect(receipts.map((r) => cents(r.Amount)).sort()).toEqual(
      entries.map((e: any) => Number(e.amount_minor)).sort(),
    );
    expect(receipts.filter((r) => /^rechnung-\d\.pdf$/.test(String(r.Attachment)))).toHaveLength(3);
    const tranches = rows('Tranches');
    expect(tranches.filter((t) => t.Status === 'released').length).toBeGreaterThan(0);
    expect(tranches.every((t) => typeof t.Amount === 'number')).toBe(true);
  });

  it('makes a PDF whose text carries the pivot with its reason and the failure learning', async () => {
    const pdf = await make(g.manager, 'PDF');
    if (process.env.REPORT_SAMPLES_DIR)
      writeFileSync(join(process.env.REPORT_SAMPLES_DIR, 'proof-of-use-de.pdf'), pdf);
    const text = pdfText(pdf);
    // The funder's manager reads German.
    expect(text).toContain('Verwendungsnachweis');
    expect(text).toContain('Sachbericht');
    expect(text).toMatch(/Sprint 2: learn something\W+neu:\s+Door-to-\s*door visits/);
    expect(text).toMatch(/Begründung: What sprint 1 was\s+about\./);
    expect(text).toMatch(/Fehlschlag: Sprint 1: Ehrenamtliche erreichen/);
    expect(text).toMatch(/Umschichtung: Hosting costs\s+tripled\./);
    expect(text).toContain('Belegliste');
    expect(text).toContain('rechnung-1.pdf');
    expect(text).toMatch(/aus dem Review zu\s+Sprint 1/);
    expect(text).not.toMatch(/review, version/);
    expect(text).not.toMatch(/\b(ACTIVE|FAILURE|RELEASED|PERSONNEL|GREEN)\b/);
  });

  it('is refused as CSV, and to another tenant', async () => {
    const csv = await g.grantee.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input: { kind: 'PROOF_OF_USE', format: 'CSV', grantId: g.grantId } },
    );
    expect(csv.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const other = await createGrant(api);
    const foreign = await other.grantee.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input: { kind: 'PROOF_OF_USE', format: 'PDF', grantId: g.grantId } },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const cp1252 = new TextDecoder('windows-1252');
  let ops = '';
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    let data = pdf.subarray(start, raw.indexOf('endstream', start));
    try {
      data = inflateSync(data);
    } catch {
      /* not compressed */
    }
    ops += `${data.toString('latin1')}\n`;
  }
  const parts: string[] = [];
  for (const op of ops.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hexes =
      op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[2]!];
    parts.push(hexes.map((h) => cp1252.decode(Buffer.from(h, 'hex'))).join(''));
  }
  return parts.join(' ');
}
