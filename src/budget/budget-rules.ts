// The budget rules as pure functions, so they can be tested on their own. (The property test
// checks them against a model written separately, not against these.)
import { ratioToDecimal2 } from '../core/money/decimal';
import type { ReallocationPolicy } from '../programmes/programme-settings';
import { BudgetReason } from './budget.errors';

export interface LineState {
  original: bigint;
  allocated: bigint;
  spent: bigint;
}

/** Highest allocation a line may reach without approval: original × (100 + tolerance) / 100, rounded down. */
export function toleranceCeiling(original: bigint, tolerancePercent: number): bigint {
  return (original * BigInt(100 + tolerancePercent)) / 100n;
}

export type ReallocationVerdict =
  | { ok: true; withinTolerance: boolean }
  | {
      ok: false;
      reason: BudgetReason.INSUFFICIENT_BALANCE | BudgetReason.BELOW_SPENT;
      available: bigint;
    };

/**
 * Whether `amount` may move from `from` to `to`. The hard rule — the source keeps at least what was
 * spent (and never goes negative) — always holds; the tolerance (receiving line at most N % above
 * its original plan, and the optional cap per move) decides whether it applies at once.
 */
export function judgeReallocation(
  from: LineState,
  to: LineState,
  amount: bigint,
  policy: ReallocationPolicy,
): ReallocationVerdict {
  const floor = from.spent > 0n ? from.spent : 0n;
  const available = from.allocated - floor;
  if (amount > available) {
    return {
      ok: false,
      reason:
        from.allocated - amount < 0n ? BudgetReason.INSUFFICIENT_BALANCE : BudgetReason.BELOW_SPENT,
      available: available > 0n ? available : 0n,
    };
  }
  const withinCeiling =
    to.allocated + amount <= toleranceCeiling(to.original, policy.tolerancePercent);
  const withinCap =
    policy.absoluteCapMinor === null ||
    policy.absoluteCapMinor === undefined ||
    amount <= BigInt(policy.absoluteCapMinor);
  return { ok: true, withinTolerance: withinCeiling && withinCap };
}

/** Deviation of the allocation from the original plan in percent, exact to two places ("12.50"). */
export function deviationPercent(original: bigint, allocated: bigint): string {
  if (original === 0n) return allocated === 0n ? '0.00' : 'Infinity';
  return ratioToDecimal2((allocated - original) * 100n, original);
}

/** Whether reported spend on a line is beyond what its tolerance (or a larger approved allocation) covers. */
export function spendBeyondTolerance(line: LineState, tolerancePercent: number): boolean {
  const ceiling = toleranceCeiling(line.original, tolerancePercent);
  return line.spent > (line.allocated > ceiling ? line.allocated : ceiling);
}

/** What a reallocation request leads to; the mutation acts on it and the dry run reports it. */
export type ReallocationOutcome =
  | { outcome: 'APPLIES_AT_ONCE' }
  | { outcome: 'NEEDS_FUNDER_DECISION' }
  | {
      outcome: 'REFUSED';
      reason:
        | BudgetReason.INSUFFICIENT_BALANCE
        | BudgetReason.BELOW_SPENT
        | BudgetReason.BEYOND_TOLERANCE;
      available: bigint;
    };

/**
 * The one decision of `requestReallocation`, shared with `reallocationPreview` so the verdict the
 * team sees before sending can never differ from what sending does: refused when the source line
 * cannot give the amount, or beyond the tolerance in a programme that allows no exceptions;
 * otherwise applied at once within the tolerance, or waiting for the funder beyond it.
 */
export function reallocationOutcome(
  from: LineState,
  to: LineState,
  amount: bigint,
  policy: ReallocationPolicy,
): ReallocationOutcome {
  const verdict = judgeReallocation(from, to, amount, policy);
  if (!verdict.ok)
    return { outcome: 'REFUSED', reason: verdict.reason, available: verdict.available };
  if (verdict.withinTolerance) return { outcome: 'APPLIES_AT_ONCE' };
  if (!policy.approvalBeyondTolerance) {
    const floor = from.spent > 0n ? from.spent : 0n;
    return {
      outcome: 'REFUSED',
      reason: BudgetReason.BEYOND_TOLERANCE,
      available: from.allocated - floor,
    };
  }
  return { outcome: 'NEEDS_FUNDER_DECISION' };
}
