// The editor's live example of a tranche policy: the same split the API makes when it awards a
// grant (src/grants/tranche-schedule.ts) — a share at award, equal tranches released by the
// accepted reviews of sprints 1 … n-1, the holdback released by the final review — in integer
// minor units, adding up to the amount exactly.

export interface TranchePolicyValues {
  awardSharePercent: number;
  releaseOnAcceptedReview: boolean;
  finalHoldbackPercent: number;
}

export interface PreviewTranche {
  kind: 'AWARD' | 'SPRINT' | 'HOLDBACK';
  /** For SPRINT and HOLDBACK: the sprint whose accepted review releases it. */
  sprint: number | null;
  minor: bigint;
}

/** Splits `total` by `weights`, largest remainders first (ties by position), exactly. */
export function allocate(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n || weights.some((w) => w < 0n))
    throw new RangeError('weights must be non-negative and not all zero');
  const parts = weights.map((w) => (total * w) / sum);
  let remainder = total - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, rest: (total * w) % sum }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (let k = 0; remainder > 0n; k = (k + 1) % order.length, remainder--) parts[order[k].i] += 1n;
  return parts;
}

/** The tranches of an award of `minor` over `sprints` sprints; null when the shares exceed 100 %. */
export function tranchePreview(
  minor: bigint,
  sprints: number,
  policy: TranchePolicyValues,
): PreviewTranche[] | null {
  let award = BigInt(policy.awardSharePercent);
  const holdback = BigInt(policy.finalHoldbackPercent);
  let middle = 100n - award - holdback;
  if (middle < 0n || award < 0n || holdback < 0n || minor <= 0n || sprints < 1) return null;
  const sprintTranches = policy.releaseOnAcceptedReview ? Math.max(sprints - 1, 0) : 0;
  if (sprintTranches === 0) {
    award += middle;
    middle = 0n;
  }
  const n = BigInt(Math.max(sprintTranches, 1));
  const plan: { kind: PreviewTranche['kind']; sprint: number | null; weight: bigint }[] = [
    { kind: 'AWARD', sprint: null, weight: award * n },
    ...Array.from({ length: sprintTranches }, (_, i) => ({
      kind: 'SPRINT' as const,
      sprint: i + 1,
      weight: middle,
    })),
    { kind: 'HOLDBACK', sprint: sprints, weight: holdback * n },
  ];
  if (plan.every((p) => p.weight === 0n)) return null;
  const amounts = allocate(
    minor,
    plan.map((p) => p.weight),
  );
  return plan
    .map((p, i) => ({ kind: p.kind, sprint: p.sprint, minor: amounts[i] }))
    .filter((t) => t.minor !== 0n);
}
