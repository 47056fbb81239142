// What a reader of an email sees for codes and dates: kinds and formats as words of their language,
// calendar days as they write them ("1. Dezember 2026" / "1 December 2026") — never an enum name
// or an ISO date.
import { ReportFormat, ReportKind } from '../reports/report.enums';

type Words = Record<string, { de: string; en: string }>;

const words = (table: Words, code: string, de: boolean): string =>
  table[code]?.[de ? 'de' : 'en'] ?? (de ? 'Sonstiges' : 'other');

const NOTICE_KIND: Words = {
  PIVOT: { de: 'Kurswechsel (Pivot)', en: 'pivot' },
  DELAY: { de: 'Verschiebung', en: 'delay' },
  OTHER_FUNDING: { de: 'weitere Förderung', en: 'other funding' },
  GOAL_UNREACHABLE: { de: 'Ziel nicht erreichbar', en: 'goal out of reach' },
  STOP: { de: 'vorzeitiges Ende', en: 'ending early' },
};

const REPORT_KIND: Record<ReportKind, { de: string; en: string }> = {
  [ReportKind.PORTFOLIO]: { de: 'Portfolio-Bericht', en: 'portfolio report' },
  [ReportKind.GRANT]: { de: 'Förderbericht', en: 'grant report' },
  [ReportKind.LEARNINGS]: { de: 'Learnings-Übersicht', en: 'learnings digest' },
  [ReportKind.PROOF_OF_USE]: { de: 'Verwendungsnachweis', en: 'proof of use' },
};

const REPORT_FORMAT: Record<ReportFormat, { de: string; en: string }> = {
  [ReportFormat.CSV]: { de: 'CSV-Tabelle', en: 'CSV table' },
  [ReportFormat.JSON]: { de: 'JSON-Datei', en: 'JSON file' },
  [ReportFormat.PDF]: { de: 'PDF-Dokument', en: 'PDF document' },
  [ReportFormat.XLSX]: { de: 'Excel-Tabelle', en: 'Excel spreadsheet' },
};

const TRANCHE_KIND: Words = {
  AWARD: { de: 'Auszahlung zur Bewilligung', en: 'payment on award' },
  SPRINT: {
    de: 'Auszahlung nach angenommenem Sprint-Review',
    en: 'payment after an accepted sprint review',
  },
  HOLDBACK: { de: 'Schlusszahlung (Einbehalt)', en: 'final payment (holdback)' },
  AMENDMENT: { de: 'Auszahlung nach Änderungsbescheid', en: 'payment after an amendment' },
};

export const noticeKindWord = (kind: string, de: boolean) => words(NOTICE_KIND, kind, de);
export const reportKindWord = (kind: string, de: boolean) => words(REPORT_KIND, kind, de);
export const reportFormatWord = (format: string, de: boolean) => words(REPORT_FORMAT, format, de);
export const trancheKindWord = (kind: string, de: boolean) => words(TRANCHE_KIND, kind, de);

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(de: boolean, timeZone: string): Intl.DateTimeFormat {
  const key = `${de ? 'de' : 'en'}:${timeZone}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(de ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone });
    dayFormats.set(key, format);
  }
  return format;
}

/** A calendar day (`2026-12-01`, already in the programme's zone) as the reader writes it. */
export function calendarDay(day: string, de: boolean): string {
  return dayFormat(de, 'UTC').format(new Date(`${day}T00:00:00Z`));
}

/** The calendar day an instant falls on in `timeZone` (the programme's), as the reader writes it. */
export function dayIn(instant: Date, timeZone: string, de: boolean): string {
  return dayFormat(de, timeZone).format(instant);
}

/** An ISO week (`2026-W48`) as the reader names it: "KW 48/2026" / "week 48 of 2026". */
export function weekName(isoWeek: string, de: boolean): string {
  const [year, week] = isoWeek.split('-W');
  return de ? `KW ${Number(week)}/${year}` : `week ${Number(week)} of ${year}`;
}
