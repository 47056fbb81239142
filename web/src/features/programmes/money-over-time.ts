// The dashboard chart's series: awarded and released money of a programme, cumulative, one point
// per calendar day on which either changed. Sums are integer minor units (the chart shows them
// formatted; it never adds floats).

export interface GrantMoney {
  createdAt: string;
  awardedMinor: number;
  tranches: { releasedAt: string | null; minor: number }[];
}

export interface MoneyPoint {
  day: string;
  awarded: number;
  released: number;
}

/** The day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

export function moneyOverTime(grants: GrantMoney[], timeZone: string): MoneyPoint[] {
  const deltas = new Map<string, { awarded: bigint; released: bigint }>();
  const add = (day: string, kind: 'awarded' | 'released', minor: number) => {
    const entry = deltas.get(day) ?? { awarded: 0n, released: 0n };
    entry[kind] += BigInt(minor);
    deltas.set(day, entry);
  };
  for (const grant of grants) {
    add(dayIn(grant.createdAt, timeZone), 'awarded', grant.awardedMinor);
    for (const tranche of grant.tranches)
      if (tranche.releasedAt) add(dayIn(tranche.releasedAt, timeZone), 'released', tranche.minor);
  }
  let awarded = 0n;
  let released = 0n;
  return [...deltas.keys()].sort().map((day) => {
    awarded += deltas.get(day)!.awarded;
    released += deltas.get(day)!.released;
    return { day, awarded: Number(awarded), released: Number(released) };
  });
}
