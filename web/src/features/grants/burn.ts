// The burn-down of a grant: money left after each sprint as planned (the award spread evenly over
// the sprints) against as reported, in integer minor units.

export interface BurnPoint {
  label: string;
  planned: number;
  actual: number | null;
}

/**
 * Planned remaining after sprint k of n is award × (n − k) / n, in whole minor units (BigInt, so
 * no float creeps in); actual remaining is award minus the spend reported up to sprint k, shown
 * only for sprints that have begun.
 */
export function burnDown(
  awarded: number,
  sprints: { number: number; status: string }[],
  burn: { sprintNumber: number; spent: number }[],
  startLabel: string,
  sprintLabel: (n: number) => string,
): BurnPoint[] {
  const n = BigInt(sprints.length || 1);
  const total = BigInt(awarded);
  const spentBy = new Map(burn.map((b) => [b.sprintNumber, BigInt(b.spent)]));
  let cumulative = 0n;
  const points: BurnPoint[] = [{ label: startLabel, planned: awarded, actual: awarded }];
  for (const s of sprints) {
    cumulative += spentBy.get(s.number) ?? 0n;
    const begun = s.status !== 'PLANNED';
    points.push({
      label: sprintLabel(s.number),
      planned: Number((total * (n - BigInt(s.number))) / n),
      actual: begun ? Number(total - cumulative) : null,
    });
  }
  return points;
}
