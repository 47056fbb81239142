// Reports of every kind and format: made by the worker, their figures equal to the budget views,
// the PDF a real PDF with the burn-down chart, downloads only for the requesting organisation.
import type { INestApplicationContext } from '@nestjs/common';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/core/calendar/clock';
import { PruneReportsJob } from '../../src/reports/prune-reports.job';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { Account, addMember, signUp } from '../helpers/identity';
import { DECIDE, submitApplication } from '../helpers/programmes';
import {
  DECIDE_REVIEW,
  FILE_NOTICE,
  reviewInput,
  SAVE_REVIEW,
  sprintsOf,
  submitReview,
} from '../helpers/sprints';
import { startWorker } from '../helpers/worker';

describe('reports', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dir: string;
  let g: GrantFixture;
  let second: { grantee: Account; grantId: string };
  let stranger: Account;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meilenstein-reports-'));
    const env = { STORAGE_DIR: dir };
    api = await startApi({ env });
    worker = await startWorker(env);
    g = await createGrant(api);
    // A second grant in the same programme, from another grantee; and a stranger funder.
    const neighbour = await signUp(api, 'GRANTEE');
    const applicationId = await submitApplication(neighbour, g.programmeId, [40_000_00], 2);
    const decided = await g.manager.gql(DECIDE, {
      input: { applicationId, decision: 'APPROVE', comment: 'ok' },
    });
    second = { grantee: neighbour, grantId: decided.data.decideApplication.grant.id };
    stranger = await signUp(api, 'FUNDER');
    const review = await submitReview(g.grantee, g.grantId, 1, {
      spend: [
        { lineId: g.lineIds[0], amount: 12_000_00 },
        { lineId: g.lineIds[1], amount: 3_000_00 },
      ],
      nextSprint: { goal: 'A new goal', milestones: ['New milestone'] },
    });
    await g.manager.gql(DECIDE_REVIEW, { input: { reviewId: review.id, decision: 'ACCEPT' } });
    await g.grantee.gql(REALLOCATE, {
      input: moveInput(g, 2_000_00, { from: 2, reason: 'More hosting.' }),
    });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function make(who: Account, input: Record<string, unknown>) {
    const res = await who.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id status } }`,
      { input },
    );
    expect(res.errors).toBeUndefined();
    // The worker may already have taken it by the time the answer is read.
    expect(['QUEUED', 'RUNNING']).toContain(res.data.requestReport.status);
    const id = res.data.requestReport.id as string;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = await who.gql(
        `query($id: ID!) { report(reportId: $id) { status error fileName sizeBytes rowCount expiresAt language } }`,
        { id },
      );
      if (r.data.report.status === 'READY') return { id, ...r.data.report };
      if (r.data.report.status === 'FAILED') throw new Error(r.data.report.error);
      if (Date.now() > deadline) throw new Error(`report ${id} still ${r.data.report.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const download = (who: Account | null, id: string) =>
    fetch(`${api.url}/reports/${id}/download`, {
      headers: who ? { authorization: `Bearer ${who.accessToken}` } : {},
    });

  it('makes a portfolio as CSV and JSON whose figures equal the programme budget view', async () => {
    const budget = await g.funder.gql(
      `query($id: ID!) { programmeBudget(programmeId: $id) { grants(first: 100) { nodes { reference awarded { amount } released { amount } spent { amount } remaining { amount } } } } }`,
      { id: g.programmeId },
    );
    const expected = budget.data.programmeBudget.grants.nodes.map((r: any) => ({
      reference: r.reference,
      awarded: r.awarded.amount,
      released: r.released.amount,
      spent: r.spent.amount,
      remaining: r.remaining.amount,
    }));
    expect(expected).toHaveLength(2);

    const json = await make(g.funder, {
      kind: 'PORTFOLIO',
      format: 'JSON',
      programmeId: g.programmeId,
    });
    const res = await download(g.funder, json.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="portfolio-.*\.json"/,
    );
    const body = (await res.json()) as any;
    expect(
      body.grants.map((r: any) => ({
        reference: r.reference,
        awarded: r.awarded,
        released: r.released,
        spent: r.spent,
        remaining: r.remaining,
      })),
    ).toEqual(expected);
    const mine = body.grants.find((r: any) => r.reference === expected[0].reference);
    expect(mine).toMatchObject({
      pivots: 1,
      reallocations: 1,
      confidence: 'GREEN',
      learningsFailure: 1,
    });
    expect(body.burnDown[0]).toMatchObject({ sprint: 0 });

    const csv = await make(g.funder, {
      kind: 'PORTFOLIO',
      format: 'CSV',
      programmeId: g.programmeId,
    });
    expect(csv.rowCount).toBe(2);
    const text = await (await download(g.funder, csv.id)).text();
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const cols = header!.split(',');
    expect(cols.slice(0, 9)).toEqual([
      'Reference',
      'Project',
      'Grantee',
      'Status',
      'Currency',
      'Awarded',
      'Released',
      'Spent',
      'Remaining',
    ]);
    const parsed = rows.map((line) => {
      const cells = line.split(',');
      return {
        reference: cells[0],
        awarded: Number(cells[5]),
        released: Number(cells[6]),
        spent: Number(cells[7]),
        remaining: Number(cells[8]),
      };
    });
    expect(parsed).toEqual(expected);
  });

  it('makes grant reports (budget vs actual per line and sprint) and a German PDF with the chart', async () => {
    const budget = await g.grantee.gql(
      `query($id: ID!) { grantBudget(grantId: $id) { lines { line { name } original { amount } allocated { amount } spent { amount } remaining { amount } } } }`,
      { id: g.grantId },
    );
    const json = await make(g.grantee, { kind: 'GRANT', format: 'JSON', grantId: g.grantId });
    const body = (await (await download(g.grantee, json.id)).json()) as any;
    // The lines, then their total (which carries the grant's close-out: nothing while it runs).
    const total = body.lines.pop();
    expect(total).toMatchObject({ line: 'Total', returned: 0, claimed: 0, claimStatus: null });
    expect(
      body.lines.map((l: any) => [l.line, l.original, l.allocated, l.spent, l.remaining]),
    ).toEqual(
      budget.data.grantBudget.lines.map((l: any) => [
        l.line.name,
        l.original.amount,
        l.allocated.amount,
        l.spent.amount,
        l.remaining.amount,
      ]),
    );
    expect(body.lines[0]).toMatchObject({ sprint1: 12_000_00, sprint2: 0 });
    expect(body.timeline.map((e: any) => e.kind)).toContain('PIVOT');

    const csv = await make(g.funder, { kind: 'GRANT', format: 'CSV', grantId: g.grantId });
    expect((await (await download(g.funder, csv.id)).text()).split('\n')[0]).toContain('Sprint 1');

    // The PDF in German, for a German-speaking requester.
    await api.app
      .get(DataSource)
      .query(`UPDATE person SET language = 'de' WHERE id = $1`, [g.manager.personId]);
    const pdf = await make(g.manager, { kind: 'GRANT', format: 'PDF', grantId: g.grantId });
    expect(pdf.language).toBe('DE');
    const res = await download(g.manager, pdf.id);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    const content = pdfText(bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
    expect(content.text).toContain('Mittelabfluss über die Sprints (Burn-down)');
    expect(content.text).toContain('Budget und Ist je Zeile und Sprint');
    // The chart: lines drawn (m … l … S) and the sprint axis labelled.
    expect(content.ops).toMatch(/\d+(\.\d+)? \d+(\.\d+)? l\s/);
    expect(content.text).toContain('Sprint 3');
  });

  it('makes learnings digests by visibility, as every format', async () => {
    for (const format of ['CSV', 'JSON', 'PDF']) {
      const report = await make(second.grantee, {
        kind: 'LEARNINGS',
        format,
        programmeId: g.programmeId,
      });
      expect(report.sizeBytes).toBeGreaterThan(100);
    }
    const json = await make(second.grantee, {
      kind: 'LEARNINGS',
      format: 'JSON',
      programmeId: g.programmeId,
    });
    const body = (await (await download(second.grantee, json.id)).json()) as any;
    // The other grantee sees the PROGRAMME-wide learning of sprint 1.
    expect(body.learnings.map((l: any) => l.visibility)).toEqual(['PROGRAMME']);
    const pdf = await make(g.funder, {
      kind: 'PORTFOLIO',
      format: 'PDF',
      programmeId: g.programmeId,
    });
    expect(
      pdfText(Buffer.from(await (await download(g.funder, pdf.id)).arrayBuffer())).text,
    ).toContain('Budget burn-down over the sprints');
  });

  it("shows a stopped grant's close-out (returned, claimed, claim status) in grant and portfolio reports, equal to its settlement", async () => {
    // 100.000 € in 3 sprints, 12.000 € + 3.000 € spent, stopped in sprint 1.
    const s = await createGrant(api, { sprints: 3, programme: { totalBudget: 150_000_00 } });
    const spent = await s.grantee.gql(
      `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`,
      {
        i: {
          grantId: s.grantId,
          lineId: s.lineIds[0],
          amount: { amount: 12_000_00, currency: 'EUR' },
          spentOn: '2026-11-20',
          note: 'laptops',
        },
      },
    );
    expect(spent.errors).toBeUndefined();
    const [s1] = await sprintsOf(s.grantee, s.grantId);
    const saved = await s.grantee.gql(SAVE_REVIEW, {
      input: reviewInput(s1, { spend: [{ lineId: s.lineIds[1], amount: 3_000_00 }] }),
    });
    expect(saved.errors).toBeUndefined();
    const filed = await s.grantee.gql(FILE_NOTICE, {
      input: { grantId: s.grantId, kind: 'STOP', description: 'We end here, honestly.' },
    });
    expect(filed.errors).toBeUndefined();

    const { grant } = (
      await s.funder.gql(
        `query($id: ID!) { grant(grantId: $id) { reference status settlement { returned { amount } claimed { amount } refundClaim { status } } } }`,
        { id: s.grantId },
      )
    ).data;
    const { programmeBudget } = (
      await s.funder.gql(
        `query($id: ID!) { programmeBudget(programmeId: $id) { returned { amount } available { amount } } }`,
        { id: s.programmeId },
      )
    ).data;
    expect(grant.status).toBe('STOPPED');
    const expected = {
      returned: grant.settlement.returned.amount,
      claimed: grant.settlement.claimed.amount,
      claimStatus: grant.settlement.refundClaim.status,
    };
    expect(expected).toEqual({ returned: 70_000_00, claimed: 15_000_00, claimStatus: 'OPEN' });
    expect(programmeBudget.returned.amount).toBe(70_000_00);

    // GRANT, JSON: the facts and the lines' total row.
    const grantJson = await make(s.funder, { kind: 'GRANT', format: 'JSON', grantId: s.grantId });
    const gj = (await (await download(s.funder, grantJson.id)).json()) as any;
    expect(gj.facts).toMatchObject(expected);
    expect(gj.lines[gj.lines.length - 1]).toMatchObject({ line: 'Total', ...expected });
    // GRANT, CSV: the total row's close-out columns.
    const grantCsv = await make(s.funder, { kind: 'GRANT', format: 'CSV', grantId: s.grantId });
    const gc = csvRecords(await (await download(s.funder, grantCsv.id)).text());
    const totalRow = gc.find((r) => r.Line === 'Total')!;
    expect({
      returned: Number(totalRow.Returned),
      claimed: Number(totalRow.Claimed),
      claimStatus: totalRow['Claim status'],
    }).toEqual(expected);

    // PORTFOLIO, JSON: the grant's row, and the programme's returned and available money.
    const portJson = await make(s.funder, {
      kind: 'PORTFOLIO',
      format: 'JSON',
      programmeId: s.programmeId,
    });
    const pj = (await (await download(s.funder, portJson.id)).json()) as any;
    expect(pj.grants).toHaveLength(1);
    expect(pj.grants[0]).toMatchObject({ reference: grant.reference, ...expected });
    expect(pj.facts).toMatchObject({
      returned: programmeBudget.returned.amount,
      available: programmeBudget.available.amount,
      claimed: expected.claimed,
    });
    // PORTFOLIO, CSV.
    const portCsv = await make(s.funder, {
      kind: 'PORTFOLIO',
      format: 'CSV',
      programmeId: s.programmeId,
    });
    const [row] = csvRecords(await (await download(s.funder, portCsv.id)).text());
    expect({
      reference: row!.Reference,
      returned: Number(row!.Returned),
      claimed: Number(row!.Claimed),
      claimStatus: row!['Claim status'],
    }).toEqual({ reference: grant.reference, ...expected });
  });

  it("dates a report and counts overdue sprints by the programme's calendar day (the Clock)", async () => {
    // A programme far east of Berlin: at 12:00 UTC it is already the next day there.
    const k = await createGrant(api, { programme: { timeZone: 'Pacific/Kiritimati' } });
    const db = api.app.get(DataSource);
    await db.query(
      `UPDATE sprint SET end_date = '2027-03-10' WHERE grant_id = $1 AND number = 1 AND status = 'ACTIVE'`,
      [k.grantId],
    );
    const clock = worker.get(Clock);
    const portfolio = async () => {
      const report = await make(k.funder, {
        kind: 'PORTFOLIO',
        format: 'JSON',
        programmeId: k.programmeId,
      });
      const body = (await (await download(k.funder, report.id)).json()) as any;
      return { fileName: report.fileName, asOf: body.asOf, overdue: body.grants[0].overdueItems };
    };
    try {
      // 09:00 UTC on the 10th: 23:00 on the 10th in Kiritimati — the sprint ends today.
      clock.set('2027-03-10T09:00:00Z');
      expect(await portfolio()).toEqual({
        fileName: expect.stringMatching(/-2027-03-10\.json$/),
        asOf: '2027-03-10',
        overdue: 0,
      });
      // 12:00 UTC on the 10th: the 11th in Kiritimati (still the 10th in UTC and Berlin).
      clock.set('2027-03-10T12:00:00Z');
      expect(await portfolio()).toEqual({
        fileName: expect.stringMatching(/-2027-03-11\.json$/),
        asOf: '2027-03-11',
        overdue: 1,
      });
      const grantReport = await make(k.funder, {
        kind: 'GRANT',
        format: 'CSV',
        grantId: k.grantId,
      });
      expect(grantReport.fileName).toMatch(/-2027-03-11\.csv$/);
    } finally {
      clock.set(null);
    }
  });

  it('downloads through a short-lived signed link without an access token, as the person it was issued to', async () => {
    const report = await make(g.funder, {
      kind: 'PORTFOLIO',
      format: 'CSV',
      programmeId: g.programmeId,
    });
    const LINK = `mutation($id: ID!) { createReportDownloadLink(reportId: $id) { url expiresAt } }`;
    const issued = await g.funder.gql(LINK, { id: report.id });
    expect(issued.errors).toBeUndefined();
    const { url, expiresAt } = issued.data.createReportDownloadLink;
    expect(url).toMatch(/^\/downloads\/[\w-]+\.[\w-]+$/);
    const ttl = new Date(expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(300_000);

    const res = await fetch(`${api.url}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="portfolio-/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.text()).toBe(await (await download(g.funder, report.id)).text());
    // The download is audited as the person the link was issued to.
    const [audit] = await api.app
      .get(DataSource)
      .query(
        `SELECT actor_user_id FROM audit_event WHERE action = 'report.downloaded' AND subject_id = $1 ORDER BY created_at LIMIT 1`,
        [report.id],
      );
    expect(audit.actor_user_id).toBe(g.funder.personId);

    // A changed character, a link for another kind of file, another tenant: nothing to download.
    const forged = url.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(`${api.url}${forged}`)).status).toBe(404);
    expect((await fetch(`${api.url}/downloads/not-a-link`)).status).toBe(404);
    const foreign = await stranger.gql(LINK, { id: report.id });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await g.grantee.gql(LINK, { id: report.id })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    // Once the report expires, the link it gave is gone and no new one is issued.
    await api.app
      .get(DataSource)
      .query(`UPDATE report SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        report.id,
      ]);
    expect((await fetch(`${api.url}${url}`)).status).toBe(410);
    const late = await g.funder.gql(LINK, { id: report.id });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXPIRED' });
  });

  it('lets only the requesting organisation download, and only what it may see', async () => {
    const report = await make(g.funder, {
      kind: 'PORTFOLIO',
      format: 'CSV',
      programmeId: g.programmeId,
    });
    expect((await download(null, report.id)).status).toBe(401);
    expect((await download(g.grantee, report.id)).status).toBe(404);
    expect((await download(stranger, report.id)).status).toBe(404);
    const colleague = await addMember(api, g.funder, 'AUDITOR');
    expect((await download(colleague, report.id)).status).toBe(200);
    // Grantees get no portfolio; other tenants' grants do not exist.
    const portfolio = await g.grantee.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input: { kind: 'PORTFOLIO', format: 'CSV', programmeId: g.programmeId } },
    );
    expect(portfolio.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const foreign = await stranger.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input: { kind: 'GRANT', format: 'CSV', grantId: g.grantId } },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const wrongScope = await g.funder.gql(
      `mutation { requestReport(input: { kind: GRANT, format: CSV }) { id } }`,
    );
    expect(wrongScope.errors?.[0]?.extensions?.fields[0].field).toBe('grantId');
    // Expired: gone, and the worker deletes the file.
    await api.app
      .get(DataSource)
      .query(`UPDATE report SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        report.id,
      ]);
    expect((await download(g.funder, report.id)).status).toBe(410);
    expect((await worker.get(PruneReportsJob).run()).deleted).toBeGreaterThanOrEqual(1);
    const pruned = await g.funder.gql(`query($id: ID!) { report(reportId: $id) { status } }`, {
      id: report.id,
    });
    expect(pruned.data.report.status).toBe('EXPIRED');
    expect(existsSync(join(dir, 'reports', `${report.id}.csv`))).toBe(false);
    expect((await download(g.funder, report.id)).status).toBe(410);
  });
});

/** A CSV report's records by header label (cells without commas or quotes, as these tests make). */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const cols = header!.split(',');
  return rows.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** The text (standard-font hex strings decoded) and drawing operators of a PDF's content streams. */
function pdfText(pdf: Buffer): { text: string; ops: string } {
  let text = '';
  let ops = '';
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let data = pdf.subarray(start, end);
    try {
      data = inflateSync(data);
    } catch {
      /* not compressed */
    }
    const s = data.toString('latin1');
    ops += s;
    for (const hex of s.matchAll(/<([0-9a-fA-F]+)>/g))
      text += Buffer.from(hex[1]!, 'hex').toString('latin1');
    text += ' ';
  }
  return { text: Buffer.from(text, 'latin1').toString('latin1'), ops };
}
