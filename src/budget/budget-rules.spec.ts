import {
  deviationPercent,
  judgeReallocation,
  reallocationOutcome,
  spendBeyondTolerance,
  toleranceCeiling,
} from './budget-rules';

const policy = { tolerancePercent: 20, absoluteCapMinor: null, approvalBeyondTolerance: true };
const line = (original: bigint, allocated = original, spent = 0n) => ({
  original,
  allocated,
  spent,
});

describe('budget rules', () => {
  it('computes the ANBest-P ceiling: 20 % above the original plan', () => {
    expect(toleranceCeiling(10_000n, 20)).toBe(12_000n);
    expect(toleranceCeiling(999n, 20)).toBe(1198n);
  });

  it('applies a move at once when the receiving line stays within tolerance', () => {
    expect(judgeReallocation(line(10_000n), line(10_000n), 2_000n, policy)).toEqual({
      ok: true,
      withinTolerance: true,
    });
    expect(judgeReallocation(line(10_000n), line(10_000n), 2_001n, policy)).toEqual({
      ok: true,
      withinTolerance: false,
    });
  });

  it('counts earlier moves toward the tolerance', () => {
    expect(judgeReallocation(line(10_000n), line(10_000n, 11_500n), 600n, policy)).toMatchObject({
      withinTolerance: false,
    });
  });

  it('respects the absolute cap per move', () => {
    expect(
      judgeReallocation(line(10_000n), line(10_000n), 600n, { ...policy, absoluteCapMinor: 500 }),
    ).toMatchObject({ withinTolerance: false });
  });

  it('never takes a line below what was spent or below zero', () => {
    expect(
      judgeReallocation(line(10_000n, 10_000n, 9_000n), line(10_000n), 1_001n, policy),
    ).toEqual({ ok: false, reason: 'BELOW_SPENT', available: 1_000n });
    expect(judgeReallocation(line(10_000n), line(10_000n), 10_001n, policy)).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_BALANCE',
      available: 10_000n,
    });
  });

  it('states the deviation exactly', () => {
    expect(deviationPercent(10_000n, 12_500n)).toBe('25.00');
    expect(deviationPercent(3n, 2n)).toBe('-33.33');
    expect(deviationPercent(10_000n, 10_000n)).toBe('0.00');
  });

  it('flags spend beyond the tolerance or an approved larger allocation', () => {
    expect(spendBeyondTolerance(line(10_000n, 10_000n, 12_000n), 20)).toBe(false);
    expect(spendBeyondTolerance(line(10_000n, 10_000n, 12_001n), 20)).toBe(true);
    expect(spendBeyondTolerance(line(10_000n, 15_000n, 14_000n), 20)).toBe(false);
  });

  it('decides one outcome for the mutation and its dry run', () => {
    expect(reallocationOutcome(line(10_000n), line(10_000n), 2_000n, policy)).toEqual({
      outcome: 'APPLIES_AT_ONCE',
    });
    expect(reallocationOutcome(line(10_000n), line(10_000n), 2_001n, policy)).toEqual({
      outcome: 'NEEDS_FUNDER_DECISION',
    });
    const strict = { ...policy, approvalBeyondTolerance: false };
    expect(
      reallocationOutcome(line(10_000n, 10_000n, 4_000n), line(10_000n), 2_001n, strict),
    ).toEqual({ outcome: 'REFUSED', reason: 'BEYOND_TOLERANCE', available: 6_000n });
    expect(
      reallocationOutcome(line(10_000n, 10_000n, 4_000n), line(10_000n), 6_001n, policy),
    ).toEqual({ outcome: 'REFUSED', reason: 'BELOW_SPENT', available: 6_000n });
    expect(reallocationOutcome(line(10_000n), line(10_000n), 10_001n, policy)).toEqual({
      outcome: 'REFUSED',
      reason: 'INSUFFICIENT_BALANCE',
      available: 10_000n,
    });
  });
});
