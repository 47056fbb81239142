import { addDays, calendarDay, daysBetween, isTimeZone } from './calendar-day';
import { Clock } from './clock';

describe('calendar days', () => {
  it('takes the day in the zone, not in UTC', () => {
    const newYearBerlin = new Date('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Berlin
    expect(calendarDay(newYearBerlin)).toBe('2027-01-01');
    expect(calendarDay(newYearBerlin, 'UTC')).toBe('2026-12-31');
    expect(calendarDay(new Date('2026-07-01T21:59:00Z'), 'Europe/Berlin')).toBe('2026-07-01');
    expect(calendarDay(new Date('2026-07-01T22:00:00Z'), 'Europe/Berlin')).toBe('2026-07-02');
    expect(calendarDay(new Date('2026-07-01T03:00:00Z'), 'America/New_York')).toBe('2026-06-30');
  });

  it('adds and counts days across month, year and DST changes', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-10-20', '2026-10-30')).toBe(10);
    expect(daysBetween('2026-10-30', '2026-10-20')).toBe(-10);
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('has a clock tests can stop', () => {
    const clock = new Clock();
    clock.set('2026-12-31T23:30:00Z');
    expect(clock.today()).toBe('2027-01-01');
    expect(clock.today('UTC')).toBe('2026-12-31');
    clock.set(null);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
