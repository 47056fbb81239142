// What changed between two submitted versions of an application, field by field: texts, the
// requested amount, budget lines (matched by name) and the sprint plan (by position). Amounts
// stay integer minor units (the snapshot holds them as strings).

export interface Snapshot {
  title?: string;
  summary?: string;
  problem?: string;
  approach?: string;
  contactName?: string;
  contactEmail?: string;
  requestedAmountMinor?: string | null;
  currency?: string | null;
  budgetLines?: { category: string; name: string; amountMinor: string }[];
  sprintPlan?: { goal: string; milestones: string[] }[];
}

export type Change =
  | { kind: 'text'; field: TextField; before: string; after: string }
  | { kind: 'amount'; before: number | null; after: number | null }
  | {
      kind: 'line';
      name: string;
      before: { category: string; minor: number } | null;
      after: { category: string; minor: number } | null;
    }
  | { kind: 'sprint'; number: number; before: string | null; after: string | null };

export const TEXT_FIELDS = [
  'title',
  'summary',
  'problem',
  'approach',
  'contactName',
  'contactEmail',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

const minor = (s: string | null | undefined) => (s === null || s === undefined ? null : Number(s));

function sprintText(s: { goal: string; milestones: string[] } | undefined): string | null {
  return s ? [s.goal, ...s.milestones.map((m) => `– ${m}`)].join('\n') : null;
}

export function versionDiff(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = [];
  for (const field of TEXT_FIELDS) {
    const a = before[field] ?? '';
    const b = after[field] ?? '';
    if (a !== b) changes.push({ kind: 'text', field, before: a, after: b });
  }
  if ((before.requestedAmountMinor ?? null) !== (after.requestedAmountMinor ?? null))
    changes.push({
      kind: 'amount',
      before: minor(before.requestedAmountMinor),
      after: minor(after.requestedAmountMinor),
    });
  const oldLines = new Map((before.budgetLines ?? []).map((l) => [l.name, l]));
  const newLines = new Map((after.budgetLines ?? []).map((l) => [l.name, l]));
  for (const name of new Set([...oldLines.keys(), ...newLines.keys()])) {
    const a = oldLines.get(name);
    const b = newLines.get(name);
    if (a && b && a.amountMinor === b.amountMinor && a.category === b.category) continue;
    changes.push({
      kind: 'line',
      name,
      before: a ? { category: a.category, minor: Number(a.amountMinor) } : null,
      after: b ? { category: b.category, minor: Number(b.amountMinor) } : null,
    });
  }
  const oldPlan = before.sprintPlan ?? [];
  const newPlan = after.sprintPlan ?? [];
  for (let i = 0; i < Math.max(oldPlan.length, newPlan.length); i++) {
    const a = sprintText(oldPlan[i]);
    const b = sprintText(newPlan[i]);
    if (a !== b) changes.push({ kind: 'sprint', number: i + 1, before: a, after: b });
  }
  return changes;
}
