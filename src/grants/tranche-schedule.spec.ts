import fc from 'fast-check';
import { Money } from '../core/money/money';
import { TrancheKind } from './grant.enums';
import { sprintDates, trancheSchedule } from './tranche-schedule';

describe('tranche schedule', () => {
  const policy = { awardSharePercent: 30, releaseOnAcceptedReview: true, finalHoldbackPercent: 10 };

  it('pays a share at award, funds each next sprint on acceptance and holds back the rest', () => {
    const plan = trancheSchedule(Money.of(100_000_00, 'EUR'), 4, policy);
    expect(plan.map((t) => [t.kind, t.releasedBySprint, t.amount.amountMinor])).toEqual([
      [TrancheKind.AWARD, null, 30_000_00n],
      [TrancheKind.SPRINT, 1, 20_000_00n],
      [TrancheKind.SPRINT, 2, 20_000_00n],
      [TrancheKind.SPRINT, 3, 20_000_00n],
      [TrancheKind.HOLDBACK, 4, 10_000_00n],
    ]);
  });

  it('puts the middle share into the award tranche for one sprint or without review releases', () => {
    expect(
      trancheSchedule(Money.of(1000, 'EUR'), 1, policy).map((t) => t.amount.amountMinor),
    ).toEqual([900n, 100n]);
    expect(
      trancheSchedule(Money.of(1000, 'EUR'), 3, { ...policy, releaseOnAcceptedReview: false }).map(
        (t) => t.amount.amountMinor,
      ),
    ).toEqual([900n, 100n]);
  });

  it('always adds up to the award exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 11n }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (amount, sprints, award, holdback, release) => {
          fc.pre(award + holdback <= 100);
          const plan = trancheSchedule(Money.of(amount, 'EUR'), sprints, {
            awardSharePercent: award,
            finalHoldbackPercent: holdback,
            releaseOnAcceptedReview: release,
          });
          expect(plan.reduce((s, t) => s + t.amount.amountMinor, 0n)).toBe(amount);
          expect(plan.every((t) => t.amount.amountMinor > 0n)).toBe(true);
        },
      ),
    );
  });

  it('lays sprints end to end', () => {
    expect(sprintDates('2026-01-01', 1, 42)).toEqual({
      startDate: '2026-01-01',
      endDate: '2026-02-11',
    });
    expect(sprintDates('2026-01-01', 2, 42)).toEqual({
      startDate: '2026-02-12',
      endDate: '2026-03-25',
    });
  });
});
