import { Money } from '../core/money/money';
import type { TranchePolicy } from '../programmes/programme-settings';
import { TrancheKind } from './grant.enums';

export interface PlannedTranche {
  kind: TrancheKind;
  /** For SPRINT tranches: the sprint whose accepted review releases it. */
  releasedBySprint: number | null;
  amount: Money;
}

/**
 * Splits an award into tranches by the policy: a share at award, equal tranches released by the
 * accepted reviews of sprints 1 … n-1 (each funds the next sprint), and the holdback released by
 * the final review. Amounts add up to the award exactly; empty tranches are left out.
 */
export function trancheSchedule(
  awarded: Money,
  sprintCount: number,
  policy: TranchePolicy,
): PlannedTranche[] {
  let awardShare = BigInt(policy.awardSharePercent);
  const holdback = BigInt(policy.finalHoldbackPercent);
  let middle = 100n - awardShare - holdback;
  if (middle < 0n) throw new RangeError('award share and holdback exceed 100 %');
  const sprintTranches = policy.releaseOnAcceptedReview ? Math.max(sprintCount - 1, 0) : 0;
  if (sprintTranches === 0) {
    awardShare += middle;
    middle = 0n;
  }
  const n = BigInt(Math.max(sprintTranches, 1));
  const plan: { kind: TrancheKind; releasedBySprint: number | null; weight: bigint }[] = [
    { kind: TrancheKind.AWARD, releasedBySprint: null, weight: awardShare * n },
    ...Array.from({ length: sprintTranches }, (_, i) => ({
      kind: TrancheKind.SPRINT,
      releasedBySprint: i + 1,
      weight: middle,
    })),
    { kind: TrancheKind.HOLDBACK, releasedBySprint: sprintCount, weight: holdback * n },
  ];
  const amounts = awarded.allocate(plan.map((p) => p.weight));
  return plan
    .map((p, i) => ({ kind: p.kind, releasedBySprint: p.releasedBySprint, amount: amounts[i] }))
    .filter((t) => !t.amount.isZero());
}

/** Dates of sprint `number` (from 1) for a grant starting on `startDate` (YYYY-MM-DD). */
export function sprintDates(
  startDate: string,
  number: number,
  lengthDays: number,
): { startDate: string; endDate: string } {
  const start = new Date(`${startDate}T00:00:00Z`);
  const day = 86_400_000;
  const from = new Date(start.getTime() + (number - 1) * lengthDays * day);
  const to = new Date(from.getTime() + (lengthDays - 1) * day);
  return { startDate: from.toISOString().slice(0, 10), endDate: to.toISOString().slice(0, 10) };
}
