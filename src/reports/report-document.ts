// A report as the writers see it: a title, key figures, an optional burn-down chart and tables
// whose rows arrive as async streams. CSV carries the first table; JSON and PDF carry all.
import type { BurnPoint } from './report-data';
import type { LabelSet } from './report-labels';

export type Cell = string | number | bigint | boolean | null;

export interface Column {
  key: string;
  label: string;
  /** Minor units of the row's `currency`: integers in CSV/JSON, formatted money in the PDF. */
  money?: boolean;
  /** Share of the PDF table's width (default 1). */
  width?: number;
  /** PDF: a value that must fit on one line of the column (e.g. a reference). */
  pdfSample?: string;
  /** Left out of the PDF (the page already names it, e.g. the grant's reference); CSV keeps it. */
  pdfHidden?: boolean;
  /** Codes shown as the reader's words (PDF, localised CSV); JSON keeps the code. */
  labels?: LabelSet;
  /** `date`: a calendar day YYYY-MM-DD; `datetime`: an instant, shown in the programme's time zone. */
  format?: 'date' | 'datetime';
}

export interface Table {
  key: string;
  title: string;
  columns: Column[];
  rows: AsyncIterable<Record<string, Cell>>;
  /**
   * PDF: the table in parts, one after the other, each with the columns named (those that name a
   * row in every part) — for tables too wide for one page. CSV and JSON keep one table.
   */
  pdfParts?: { title: string; keys: string[] }[];
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  /** The report's calendar day ("as of"): the Clock's today in the programme's time zone. */
  asOf: string;
  language: 'de' | 'en';
  /** Machine-readable facts (JSON) with the labels people read (PDF). */
  facts: { key: string; label: string; value: Cell; money?: boolean; labels?: LabelSet }[];
  /** The programme's time zone: instants are shown in it. */
  timeZone: string;
  /** What the footer of every PDF page names (the grant's reference, the programme's title). */
  reference: string;
  /** The funder's logo (PNG or JPEG), shown on the first PDF page. */
  logo: Buffer | null;
  currency: string | null;
  chart: { title: string; currency: string; points: BurnPoint[] } | null;
  tables: Table[];
  /**
   * CSV for a spreadsheet in the reader's locale: amounts in major units with the language's
   * decimal mark, codes as words, `;`-separated in German. Otherwise minor units and codes.
   */
  localizedCsv?: boolean;
  /** Filled in while writing: rows written per table. */
  counts: Record<string, number>;
}

/** JSON-safe value: bigint minor units become numbers when safe, else digit strings. */
export function plain(value: Cell): string | number | boolean | null {
  if (typeof value !== 'bigint') return value;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}
