// A call's deadline as people read it: the day and time on the programme's calendar (its time
// zone), named, so a call closing at midnight in Berlin is not shown as the day before elsewhere.
export function formatInZone(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(instant));
}

export function formatDayInZone(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(instant));
}
