// Reports a board accepts: a German grant report as PDF names every status in words, shows times in
// the programme's time zone and locale, carries the funder's logo, the sprint reviews' content and
// a footer with reference, date and page number on every page; the localised CSV is for a German
// spreadsheet. The text is extracted from the PDF and scanned, not taken on trust.
import type { INestApplicationContext } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { BudgetCategory } from '../../src/applications/application.enums';
import { GrantStatus, RefundClaimStatus, SprintStatus } from '../../src/grants/grant.enums';
import { LearningKind } from '../../src/learnings/learning.enums';
import { LearningVisibility } from '../../src/programmes/programme.enums';
import { Confidence, MilestoneOutcome, TimelineKind } from '../../src/sprints/sprint.enums';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture, moveInput, REALLOCATE } from '../helpers/grants';
import { Account } from '../helpers/identity';
import { DECIDE_REVIEW, submitReview } from '../helpers/sprints';
import { until } from '../helpers/wait';
import { startWorker } from '../helpers/worker';

/** Every code a report could show: none may reach a reader. */
const ENUM_TOKENS = [
  GrantStatus,
  SprintStatus,
  Confidence,
  BudgetCategory,
  TimelineKind,
  RefundClaimStatus,
  LearningKind,
  LearningVisibility,
  MilestoneOutcome,
].flatMap((e) => Object.values(e) as string[]);

describe('reports a board accepts', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dir: string;
  let g: GrantFixture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meilenstein-board-'));
    api = await startApi({ env: { STORAGE_DIR: dir } });
    worker = await startWorker({ STORAGE_DIR: dir });
    g = await createGrant(api);
    const logo = await fetch(
      `${api.url}/attachments/ORGANIZATION_LOGO/${g.funder.organizationId}?fileName=logo.png`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${g.funder.accessToken}` },
        body: new Uint8Array(png(120, 40, [27, 106, 201])),
      },
    );
    expect(logo.status).toBe(201);
    const review = await submitReview(g.grantee, g.grantId, 1, {
      spend: [
        { lineId: g.lineIds[0], amount: 12_000_00 },
        { lineId: g.lineIds[1], amount: 3_000_50 },
      ],
    });
    await g.manager.gql(DECIDE_REVIEW, { input: { reviewId: review.id, decision: 'ACCEPT' } });
    await g.grantee.gql(REALLOCATE, {
      input: moveInput(g, 1_000_00, { from: 2, reason: 'More hosting.' }),
    });
    await api.app
      .get(DataSource)
      .query(`UPDATE person SET language = 'de' WHERE id = $1`, [g.manager.personId]);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function make(who: Account, input: Record<string, unknown>): Promise<Buffer> {
    const res = await who.gql(
      `mutation($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
      { input },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data.requestReport.id as string;
    await until(async () => {
      const r = await who.gql(`query($id: ID!) { report(reportId: $id) { status error } }`, { id });
      if (r.data.report.status === 'FAILED') throw new Error(r.data.report.error);
      return r.data.report.status === 'READY';
    }, 'the report');
    const file = await fetch(`${api.url}/reports/${id}/download`, {
      headers: { authorization: `Bearer ${who.accessToken}` },
    });
    return Buffer.from(await file.arrayBuffer());
  }

  it('makes a German grant PDF with no enum token, no ISO timestamp, the logo, the reviews and a footer on every page', async () => {
    const pdf = await make(g.manager, { kind: 'GRANT', format: 'PDF', grantId: g.grantId });
    if (process.env.REPORT_SAMPLES_DIR) {
      mkdirSync(process.env.REPORT_SAMPLES_DIR, { recursive: true });
      writeFileSync(join(process.env.REPORT_SAMPLES_DIR, 'grant-de.pdf'), pdf);
    }
    const { text, ops } = pdfText(pdf);
    const tokens = ENUM_TOKENS.filter((token) => new RegExp(`\\b${token}\\b`).test(text));
    expect(tokens).toEqual([]);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    // Words, German dates and times in Berlin, the review's content.
    expect(text).toContain('läuft');
    expect(text).toContain('Personal');
    expect(text).toContain('Bewilligung');
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(text).toContain('Sprint-Reviews');
    expect(text).toMatch(/M1\.1: erreicht\W+Shipped\./);
    expect(text).toMatch(/M1\.2: teilweise\W+Half of it/);
    expect(text).toMatch(/grün\W+auf Kurs/);
    // Answers stand under the question as the programme asked it, not its key.
    expect(text).toMatch(/Wie viele Menschen\?\W+\d+/);
    expect(text).not.toContain('users_reached');
    // A footer with the reference, the day and the page number on every page.
    const reference = (
      await g.funder.gql(`query($id: ID!) { grant(grantId: $id) { reference } }`, { id: g.grantId })
    ).data.grant.reference as string;
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    // Tables follow each other on a page while there is room: this grant's report takes two.
    expect(pages).toBe(2);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Seite ${page}`);
    expect(text.split(`${reference} · Stand`).length - 1).toBe(pages);
    // The funder's logo is drawn as an image.
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(ops).toMatch(/\/I\d+ Do/);
  });

  it('makes a German portfolio PDF with no enum token and no ISO date, the logo and a footer on every page', async () => {
    const pdf = await make(g.manager, {
      kind: 'PORTFOLIO',
      format: 'PDF',
      programmeId: g.programmeId,
    });
    if (process.env.REPORT_SAMPLES_DIR) {
      mkdirSync(process.env.REPORT_SAMPLES_DIR, { recursive: true });
      writeFileSync(join(process.env.REPORT_SAMPLES_DIR, 'portfolio-de.pdf'), pdf);
    }
    const { text, ops } = pdfText(pdf);
    const tokens = ENUM_TOKENS.filter((token) => new RegExp(`\\b${token}\\b`).test(text));
    expect(tokens).toEqual([]);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).toContain('läuft');
    // Twenty columns in two readable parts instead of one table squeezed onto the page.
    expect(text).toContain('Förderungen: Geld');
    expect(text).toContain('Förderungen: Verlauf');
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Seite ${page}`);
    expect(ops).toMatch(/\/I\d+ Do/);
  });

  it('writes a localised German CSV: semicolons, major units with a decimal comma, words, currency, reference and title', async () => {
    const csv = (
      await make(g.manager, {
        kind: 'GRANT',
        format: 'CSV',
        grantId: g.grantId,
        localizedCsv: true,
      })
    )
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const [header, first] = csv.split('\n');
    expect(header!.split(';').slice(0, 6)).toEqual([
      'Nummer',
      'Projekt',
      'Zeile',
      'Art',
      'Währung',
      'Plan',
    ]);
    const cells = first!.split(';');
    expect(cells[0]).toMatch(/^MS-\d{4}-\d{4}$/);
    expect(cells[3]).toBe('Personal');
    expect(cells[4]).toBe('EUR');
    expect(cells).toContain('12000,00');
    expect(csv).toContain('3000,50');
    // Without the option the CSV stays machine-readable: minor units and codes, commas.
    const plain = (await make(g.manager, { kind: 'GRANT', format: 'CSV', grantId: g.grantId }))
      .toString('utf8')
      .split('\n')[1]!;
    expect(plain).toContain(',PERSONNEL,EUR,');
    expect(plain).toContain(',1200000,');
  });
});

/** The text a PDF shows: the strings of its text operators, parts of one operator joined. */
function pdfText(pdf: Buffer): { text: string; ops: string } {
  let ops = '';
  const raw = pdf.toString('latin1');
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
  // The standard PDF fonts are WinAnsi-encoded: – and € are bytes 0x96 and 0x80 there.
  const cp1252 = new TextDecoder('windows-1252');
  const parts: string[] = [];
  for (const op of ops.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hexes =
      op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[2]!];
    parts.push(hexes.map((h) => cp1252.decode(Buffer.from(h, 'hex'))).join(''));
  }
  return { text: parts.join(' '), ops };
}

/** A real PNG of one colour (pdfkit decodes it), made here rather than read from a file. */
function png(width: number, height: number, [r, g, b]: number[]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill([r, g, b]).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
