import { cappedDelay, cappedSpan } from './retry-policy';

describe('mail retry policy', () => {
  it('doubles the delay up to the cap and stays there', () => {
    expect([1, 2, 3].map((n) => cappedDelay(n, 2000, 3_600_000))).toEqual([2000, 4000, 8000]);
    expect(cappedDelay(12, 2000, 3_600_000)).toBe(3_600_000);
    expect(cappedDelay(39, 2000, 3_600_000)).toBe(3_600_000);
  });

  it('spreads the default 40 attempts over more than a day', () => {
    const span = cappedSpan(40, 2000, 3_600_000);
    expect(span).toBeGreaterThan(24 * 3_600_000);
    expect(span).toBeLessThan(48 * 3_600_000);
  });
});
