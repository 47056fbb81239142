// What a reader of an email sees for codes and dates: kinds and formats as words of their language,
// calendar days as they write them ("1. Dezember 2026" / "1 December 2026") — never an enum name
// or an ISO date.
// The words are in the email catalogues (`words.*`).
import { emailTexts } from './email-texts';

/** The word for `code` in one of the catalogue's tables (`words.<table>.<code>`), else "other". */
function words(table: string, code: string, de: boolean): string {
  const say = emailTexts({ de, du: false });
  return say(`words.${table}.${code}`, { defaultValue: say('words.other') });
}

export const noticeKindWord = (kind: string, de: boolean) => words('noticeKind', kind, de);
export const reportKindWord = (kind: string, de: boolean) => words('reportKind', kind, de);
export const reportFormatWord = (format: string, de: boolean) => words('reportFormat', format, de);
export const trancheKindWord = (kind: string, de: boolean) => words('trancheKind', kind, de);

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
  return emailTexts({ de, du: false })('words.week', { week: Number(week), year });
}
