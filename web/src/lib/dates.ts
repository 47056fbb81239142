// Calendar days (LocalDate, "YYYY-MM-DD") stay calendar days: formatted from their parts, never
// turned into a Date at midnight UTC. Instants (DateTime) are shown in the browser's time zone.

export function formatLocalDate(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function formatDateTime(instant: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(instant),
  );
}
