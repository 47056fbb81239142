// Writers stream a ReportDocument into a file: CSV (csv-stringify), JSON (written value by value)
// and PDF (pdfkit, with the burn-down chart drawn as vector graphics). Each awaits the stream's
// back-pressure, so memory stays flat however many rows come. pdfkit and exceljs are loaded when a
// PDF or spreadsheet is first written: the API process shares these modules with the worker but
// writes such files rarely (the open-data spreadsheet), so it does not carry them from its start
// (together some 20 MiB of heap).
import { stringify } from 'csv-stringify';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CellValue } from 'exceljs';
import { Money } from '../core/money/money';
import { Cell, Column, plain, ReportDocument } from './report-document';
import { labelOf } from './report-labels';

/** CSV of the first table; cells that a spreadsheet would run as a formula are escaped. */
export async function writeCsv(doc: ReportDocument, out: Writable): Promise<void> {
  const table = doc.tables[0];
  const localized = !!doc.localizedCsv;
  const german = localized && doc.language === 'de';
  const csv = stringify({
    bom: true,
    header: true,
    escape_formulas: true,
    delimiter: german ? ';' : ',',
    columns: table.columns.map((c) => ({ key: c.key, header: c.label })),
    cast: { bigint: (v) => v.toString(), boolean: (v) => (v ? 'true' : 'false') },
  });
  // Major units as a decimal string (never through a float), with the language's decimal mark.
  const major = (v: Cell, currency: string | null): Cell => {
    if (typeof v !== 'bigint' || !currency) return v;
    const decimal = Money.of(v, currency).toDecimalString();
    return german ? decimal.replace('.', ',') : decimal;
  };
  const localize = (row: Record<string, Cell>): Record<string, Cell> => {
    if (!localized) return row;
    const currency = (row.currency as string | null) ?? doc.currency;
    const out: Record<string, Cell> = { ...row };
    for (const c of table.columns) {
      const v = row[c.key] ?? null;
      if (c.money) out[c.key] = major(v, currency);
      else if (c.labels && v !== null) out[c.key] = labelOf(c.labels, String(v), doc.language);
    }
    return out;
  };
  async function* rows() {
    let count = 0;
    for await (const row of table.rows) {
      yield localize(row);
      count++;
    }
    doc.counts[table.key] = count;
  }
  // pipeline: back-pressure, and an error anywhere (rows, stringifier, file) ends every stream.
  await pipeline(Readable.from(rows()), csv, out);
}

export async function writeJson(doc: ReportDocument, out: Writable): Promise<void> {
  async function* chunks() {
    const head = JSON.stringify({
      title: doc.title,
      subtitle: doc.subtitle,
      language: doc.language,
      currency: doc.currency,
      asOf: doc.asOf,
      generatedAt: new Date().toISOString(),
      facts: Object.fromEntries(doc.facts.map((f) => [f.key, plain(f.value)])),
      burnDown: doc.chart?.points.map((p) => ({
        sprint: p.sprint,
        planned: plain(p.planned),
        actual: plain(p.actual),
      })),
    });
    yield head.slice(0, -1);
    for (const table of doc.tables) {
      yield `,${JSON.stringify(table.key)}:[`;
      let count = 0;
      for await (const row of table.rows) {
        const clean = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]));
        yield `${count ? ',' : ''}${JSON.stringify(clean)}`;
        count++;
      }
      doc.counts[table.key] = count;
      yield ']';
    }
    yield '}\n';
  }
  await pipeline(Readable.from(chunks()), out);
}

const MARGIN = 40;

export async function writePdf(doc: ReportDocument, out: Writable): Promise<void> {
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: doc.title, Subject: doc.subtitle, Creator: 'Meilenstein' },
    lang: doc.language,
  });
  // The document streams into the file as it grows; an error on either side ends both.
  const written = pipeline(pdf, out);
  const state: { error?: Error } = {};
  written.catch((e: Error) => (state.error = e));
  const l = doc.language;
  const locale = l === 'de' ? 'de-DE' : 'en-GB';
  const money = (v: Cell, currency: string | null) =>
    typeof v === 'bigint' && currency ? Money.of(v, currency).format(l) : text(v);
  const text = (v: Cell) =>
    v === null || v === '' ? '–' : typeof v === 'boolean' ? (v ? '✓' : '–') : String(v);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: doc.timeZone,
  });
  const display = (column: Pick<Column, 'labels' | 'format'>, v: Cell): string => {
    if (v === null || v === '') return '–';
    if (column.labels) return labelOf(column.labels, String(v), l);
    if (column.format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(v)))
      return day.format(new Date(`${String(v)}T00:00:00Z`));
    if (column.format === 'datetime') return instant.format(new Date(String(v)));
    return text(v);
  };

  // Every page: a footer with the reference, the report's day and the page number. Drawn as each
  // page begins, so the document still streams (no buffered pages).
  let page = 0;
  const footer = () => {
    page++;
    const { x, y } = pdf;
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor('#555')
      .text(
        `${doc.reference} · ${l === 'de' ? 'Stand' : 'As of'} ${day.format(new Date(`${doc.asOf}T00:00:00Z`))}`,
        MARGIN,
        pdf.page.height - MARGIN + 12,
        { lineBreak: false },
      )
      .text(
        `${l === 'de' ? 'Seite' : 'Page'} ${page}`,
        pdf.page.width - MARGIN - 80,
        pdf.page.height - MARGIN + 12,
        {
          width: 80,
          align: 'right',
          lineBreak: false,
        },
      )
      .fillColor('black');
    pdf.page.margins.bottom = bottom;
    pdf.x = x;
    pdf.y = y;
  };
  footer();
  pdf.on('pageAdded', footer);

  if (doc.logo) {
    try {
      pdf.image(doc.logo, pdf.page.width - MARGIN - 140, MARGIN, {
        fit: [140, 50],
        align: 'right',
      });
    } catch {
      // A logo pdfkit cannot read is left out rather than failing the report.
    }
    pdf.x = MARGIN;
    pdf.y = MARGIN;
  }
  pdf
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(doc.title, { width: pdf.page.width - 2 * MARGIN - 160 });
  pdf.font('Helvetica').fontSize(10).fillColor('#555').text(doc.subtitle).fillColor('black');
  pdf.moveDown();
  for (const f of doc.facts)
    pdf
      .font('Helvetica-Bold')
      .text(`${f.label}: `, { continued: true })
      .font('Helvetica')
      .text(f.money ? money(f.value, doc.currency) : display(f, f.value));
  if (doc.chart) drawChart(pdf, doc.chart, doc.language);

  try {
    for (const table of doc.tables) {
      const visible = table.columns.filter((c) => !c.pdfHidden);
      // A table too wide for one page is written in parts, each with the columns that name a row.
      const sections = table.pdfParts?.length
        ? table.pdfParts.map((part) => ({
            title: part.title,
            columns: visible.filter((c) => part.keys.includes(c.key)),
          }))
        : [{ title: table.title, columns: visible }];
      const buffered: Record<string, Cell>[] | null = sections.length > 1 ? [] : null;
      if (buffered) for await (const row of table.rows) buffered.push(row);
      let count = 0;
      for (const [i, section] of sections.entries()) {
        // A table (or a table's later part) follows on the same page while a fair share of the
        // page is left, so a short summary or table does not leave a page nearly empty.
        if (pdf.y > pdf.page.height * 0.6) pdf.addPage();
        else pdf.moveDown(i === 0 ? 1.5 : 2);
        pdf.font('Helvetica-Bold').fontSize(13).text(section.title);
        pdf.moveDown(0.5);
        const columns = section.columns;
        const width = pdf.page.width - 2 * MARGIN;
        const widths = columnWidths(pdf, columns, width, money(999_999_99n, doc.currency));
        // Header cells wrap between words only: a label is set smaller until its longest word fits
        // the column, which columnWidths made wide enough for it at 6.5 pt where the page allows.
        // One size for the whole header row: the largest at which every label fits.
        const headerSize = Math.min(
          ...columns.map((c, i) => {
            pdf.font('Helvetica-Bold');
            let size = 7.5;
            const longest = (w: number) =>
              Math.max(...c.label.split(/\s+/).map((word) => pdf.fontSize(w).widthOfString(word)));
            while (size > 4 && longest(size) > widths[i] - 4) size -= 0.25;
            return size;
          }),
        );
        const rowOut = (cells: string[], bold: boolean) => {
          pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
          // Amounts stay on one line: an amount wider than its column is set smaller.
          const sizes = cells.map((c, i) => {
            if (bold) return headerSize;
            let size = 7.5;
            if (columns[i].money)
              while (size > 5 && pdf.fontSize(size).widthOfString(c) > widths[i] - 4) size -= 0.25;
            return size;
          });
          const sizeOf = (i: number) => sizes[i];
          const height = Math.max(
            ...cells.map((c, i) =>
              pdf.fontSize(sizeOf(i)).heightOfString(c, { width: widths[i] - 4 }),
            ),
          );
          if (pdf.y + height > pdf.page.height - MARGIN) {
            pdf.addPage();
            // A table that runs on to the next page repeats its header there.
            if (!bold) rowOut(header, true);
            pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica');
          }
          const y = pdf.y;
          let x = MARGIN;
          cells.forEach((c, i) => {
            pdf.fontSize(sizeOf(i)).text(c, x + 2, y, {
              width: widths[i] - 4,
              align: columns[i].money ? 'right' : 'left',
            });
            x += widths[i];
          });
          pdf.x = MARGIN;
          pdf.y = y + height + 3;
          if (bold) {
            pdf
              .moveTo(MARGIN, pdf.y - 1.5)
              .lineTo(MARGIN + width, pdf.y - 1.5)
              .lineWidth(0.5)
              .strokeColor('#999')
              .stroke()
              .strokeColor('black');
            pdf.y += 1.5;
          }
        };
        const header = columns.map((c) => c.label);
        rowOut(header, true);
        count = 0;
        for await (const row of buffered ?? table.rows) {
          if (state.error) throw state.error;
          const currency = (row.currency as string | null) ?? doc.currency;
          rowOut(
            columns.map((c) =>
              c.money ? money(row[c.key] ?? null, currency) : display(c, row[c.key] ?? null),
            ),
            false,
          );
          count++;
        }
      }
      doc.counts[table.key] = count;
    }
  } catch (error) {
    // Rows failed: end the document and the file with the error.
    pdf.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  pdf.end();
  await written;
}

/**
 * Column widths of a PDF table: shares of the width by `width` weight, but never narrower than
 * the longest word of the header (bold 6.5 pt) or, for money, than a six-digit amount (7 pt) —
 * so headers do not shrink to unreadable sizes and amounts stay on one line. Columns held at
 * their minimum leave the rest to the others; when even the minimums do not fit, they shrink alike
 * and the cells are set smaller instead.
 */
function columnWidths(
  pdf: PDFKit.PDFDocument,
  columns: Column[],
  width: number,
  /** A six-digit amount as the table shows it. */
  sampleAmount: string,
): number[] {
  pdf.font('Helvetica-Bold').fontSize(6.5);
  const mins = columns.map((c) => {
    const header = Math.max(...c.label.split(/\s+/).map((w) => pdf.widthOfString(w))) + 5;
    pdf.font('Helvetica').fontSize(7);
    // Text wraps between words; room for a short word or a reference keeps it from breaking
    // inside one.
    const sample = pdf.widthOfString(c.pdfSample ?? 'Sachkosten') + 5;
    pdf.font('Helvetica-Bold').fontSize(6.5);
    if (!c.money) return Math.max(header, sample);
    pdf.font('Helvetica').fontSize(7);
    const amount = pdf.widthOfString(sampleAmount) + 5;
    pdf.font('Helvetica-Bold').fontSize(6.5);
    return Math.max(header, amount);
  });
  const weights = columns.map((c) => c.width ?? 1);
  const needed = mins.reduce((a, b) => a + b, 0);
  if (needed > width) {
    // Too many columns for their minimums: text keeps its room (words never split), amounts share
    // what is left and are set smaller; only when even the text does not fit does all shrink.
    const text = columns.reduce((a, c, i) => (c.money ? a : a + mins[i]), 0);
    const moneyCount = columns.filter((c) => c.money).length;
    if (moneyCount > 0 && text < width * 0.7)
      return columns.map((c, i) => (c.money ? (width - text) / moneyCount : mins[i]));
    return mins.map((m) => (m * width) / needed);
  }
  const fixed = new Set<number>();
  for (;;) {
    const fixedWidth = [...fixed].reduce((a, i) => a + mins[i], 0);
    const free = weights.reduce((a, w, i) => (fixed.has(i) ? a : a + w), 0);
    const widths = weights.map((w, i) =>
      fixed.has(i) ? mins[i] : (w / free) * (width - fixedWidth),
    );
    const short = widths.findIndex((w, i) => !fixed.has(i) && w < mins[i]);
    if (short < 0) return widths;
    fixed.add(short);
  }
}

/** The budget burn-down: what is left after each sprint, planned (dashed) and actual. */
function drawChart(
  pdf: PDFKit.PDFDocument,
  chart: NonNullable<ReportDocument['chart']>,
  language: 'de' | 'en',
): void {
  const left = MARGIN + 70;
  const top = pdf.y + 30;
  const width = pdf.page.width - 2 * MARGIN - 90;
  const height = 220;
  const points = chart.points;
  const max = points.reduce((m, p) => (p.planned > m ? p.planned : m), 0n);
  const n = points.length - 1;
  const x = (sprint: number) => left + (n ? (sprint / n) * width : 0);
  const y = (value: bigint) =>
    top + height - (max > 0n ? Number((value * 10_000n) / max) / 10_000 : 0) * height;

  pdf
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(chart.title, MARGIN, top - 24);
  pdf.lineWidth(0.8).strokeColor('#333');
  pdf
    .moveTo(left, top)
    .lineTo(left, top + height)
    .lineTo(left + width, top + height)
    .stroke();
  pdf.font('Helvetica').fontSize(7);
  for (const step of [0n, 1n, 2n, 3n, 4n]) {
    const value = (max * step) / 4n;
    pdf.text(Money.of(value, chart.currency).format(language), MARGIN, y(value) - 4, {
      width: 66,
      align: 'right',
    });
  }
  for (const p of points)
    pdf.text(`Sprint ${p.sprint}`, x(p.sprint) - 20, top + height + 4, {
      width: 40,
      align: 'center',
    });
  // Planned: dashed grey line.
  pdf.strokeColor('#999').dash(4, { space: 3 });
  points.forEach((p, i) =>
    i === 0 ? pdf.moveTo(x(p.sprint), y(p.planned)) : pdf.lineTo(x(p.sprint), y(p.planned)),
  );
  pdf.stroke().undash();
  // Actual: solid line with dots, as far as the sprints have run.
  const actual = points.filter((p) => p.actual !== null);
  pdf.strokeColor('#1b6ac9').lineWidth(2);
  actual.forEach((p, i) =>
    i === 0 ? pdf.moveTo(x(p.sprint), y(p.actual!)) : pdf.lineTo(x(p.sprint), y(p.actual!)),
  );
  if (actual.length > 1) pdf.stroke();
  for (const p of actual) pdf.circle(x(p.sprint), y(p.actual!), 2.5).fill('#1b6ac9');
  pdf.fillColor('black').strokeColor('black').lineWidth(1);
  const legendY = top + height + 20;
  pdf
    .fontSize(8)
    .text(
      language === 'de'
        ? '— tatsächlich verbleibend   - - - geplant verbleibend'
        : '— actually remaining   - - - planned remaining',
      left,
      legendY,
    );
  pdf.x = MARGIN;
  pdf.y = legendY + 20;
}

/**
 * XLSX (exceljs, streamed): a sheet of key figures, then one sheet per table. Amounts are numbers
 * in major units with a two-decimal number format, so a spreadsheet sums them; codes are words.
 */
export async function writeXlsx(doc: ReportDocument, out: Writable): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'Meilenstein';
  workbook.title = doc.title;
  const l = doc.language;
  const amount = (v: Cell, currency: string | null): Cell | number => {
    if (typeof v !== 'bigint' || !currency) return v;
    // The exact decimal string of the minor units, read as the spreadsheet's number.
    return Number(Money.of(v, currency).toDecimalString());
  };
  const sheetName = (title: string, used: Set<string>) => {
    const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base} ${i}`;
    used.add(name);
    return name;
  };
  const used = new Set<string>();
  const summary = workbook.addWorksheet(sheetName(l === 'de' ? 'Überblick' : 'Summary', used));
  summary.columns = [{ width: 36 }, { width: 24 }];
  summary.addRow([doc.title]).font = { bold: true, size: 14 };
  summary.addRow([doc.subtitle]).commit();
  summary.addRow([]).commit();
  for (const f of doc.facts) {
    const value = f.money
      ? amount(f.value, doc.currency)
      : f.labels && f.value !== null
        ? labelOf(f.labels, String(f.value), l)
        : plain(f.value);
    const row = summary.addRow([f.label, value as CellValue]);
    if (f.money) row.getCell(2).numFmt = '#,##0.00';
    row.commit();
  }
  summary.commit();
  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, used));
    sheet.columns = table.columns.map((c) => ({
      header: c.label,
      key: c.key,
      width: Math.round(14 * (c.width ?? 1)),
      style: c.money ? { numFmt: '#,##0.00' } : { alignment: { wrapText: true } },
    }));
    sheet.getRow(1).font = { bold: true };
    let count = 0;
    for await (const row of table.rows) {
      const currency = (row.currency as string | null) ?? doc.currency;
      const values: Record<string, CellValue> = {};
      for (const c of table.columns) {
        const v = row[c.key] ?? null;
        values[c.key] = (
          c.money
            ? amount(v, currency)
            : c.labels && v !== null
              ? labelOf(c.labels, String(v), l)
              : plain(v)
        ) as CellValue;
      }
      sheet.addRow(values).commit();
      count++;
    }
    doc.counts[table.key] = count;
    sheet.commit();
  }
  await workbook.commit();
}
