import { describe, expect, it } from 'vitest';
import { dayIn, moneyOverTime } from './money-over-time';

describe('money over time', () => {
  it('adds up awards and releases per day, cumulatively, in the programme time zone', () => {
    const points = moneyOverTime(
      [
        {
          createdAt: '2026-03-01T23:30:00Z', // 2 March in Berlin
          awardedMinor: 100_000_00,
          tranches: [
            { releasedAt: '2026-03-01T23:30:00Z', minor: 30_000_00 },
            { releasedAt: null, minor: 60_000_00 },
          ],
        },
        {
          createdAt: '2026-04-10T10:00:00Z',
          awardedMinor: 5_01,
          tranches: [{ releasedAt: '2026-05-01T10:00:00Z', minor: 2_00 }],
        },
      ],
      'Europe/Berlin',
    );
    expect(points).toEqual([
      { day: '2026-03-02', awarded: 100_000_00, released: 30_000_00 },
      { day: '2026-04-10', awarded: 100_005_01, released: 30_000_00 },
      { day: '2026-05-01', awarded: 100_005_01, released: 30_002_00 },
    ]);
  });

  it('has no points without grants', () => {
    expect(moneyOverTime([], 'Europe/Berlin')).toEqual([]);
  });

  it('takes the calendar day of the zone, not of UTC', () => {
    expect(dayIn('2026-01-01T23:30:00Z', 'Europe/Berlin')).toBe('2026-01-02');
    expect(dayIn('2026-01-01T23:30:00Z', 'UTC')).toBe('2026-01-01');
  });
});
