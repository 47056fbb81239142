// A report as the writers see it: a title, key figures, an optional burn-down chart and tables
// whose rows arrive as async streams. CSV carries the first table; JSON and PDF carry all.
import type { BurnPoint } from './report-data';

export type Cell = string | number | bigint | boolean | null;

export interface Column {
  key: string;
  label: string;
  /** Minor units of the row's `currency`: integers in CSV/JSON, formatted money in the PDF. */
  money?: boolean;
  /** Share of the PDF table's width (default 1). */
  width?: number;
}

export interface Table {
  key: string;
  title: string;
  columns: Column[];
  rows: AsyncIterable<Record<string, Cell>>;
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  /** The report's calendar day ("as of"): the Clock's today in the programme's time zone. */
  asOf: string;
  language: 'de' | 'en';
  /** Machine-readable facts (JSON) with the labels people read (PDF). */
  facts: { key: string; label: string; value: Cell; money?: boolean }[];
  currency: string | null;
  chart: { title: string; currency: string; points: BurnPoint[] } | null;
  tables: Table[];
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
