import { describe, expect, it } from 'vitest';
import { versionDiff, type Snapshot } from './version-diff';

const v1: Snapshot = {
  title: 'Nachbarschafts-App',
  summary: 'Tools lending.',
  problem: 'P',
  approach: 'A',
  contactName: 'Grete',
  contactEmail: 'g@example.org',
  requestedAmountMinor: '10000000',
  currency: 'EUR',
  budgetLines: [
    { category: 'PERSONNEL', name: 'Entwicklung', amountMinor: '6000000' },
    { category: 'MATERIAL', name: 'Sachkosten', amountMinor: '4000000' },
  ],
  sprintPlan: [
    { goal: 'Learn', milestones: ['M1'] },
    { goal: 'Build', milestones: ['M2'] },
  ],
};

describe('version diff', () => {
  it('finds nothing between equal versions', () => {
    expect(versionDiff(v1, structuredClone(v1))).toEqual([]);
  });

  it('names changed texts, the amount, lines by name and sprints by position', () => {
    const v2: Snapshot = {
      ...structuredClone(v1),
      approach: 'A, now with a pilot district',
      requestedAmountMinor: '9000000',
      budgetLines: [
        { category: 'PERSONNEL', name: 'Entwicklung', amountMinor: '6000000' },
        { category: 'MATERIAL', name: 'Sachkosten', amountMinor: '2000000' },
        { category: 'TRAVEL', name: 'Reisen', amountMinor: '1000000' },
      ],
      sprintPlan: [{ goal: 'Learn', milestones: ['M1'] }],
    };
    expect(versionDiff(v1, v2)).toEqual([
      { kind: 'text', field: 'approach', before: 'A', after: 'A, now with a pilot district' },
      { kind: 'amount', before: 10_000_000, after: 9_000_000 },
      {
        kind: 'line',
        name: 'Sachkosten',
        before: { category: 'MATERIAL', minor: 4_000_000 },
        after: { category: 'MATERIAL', minor: 2_000_000 },
      },
      {
        kind: 'line',
        name: 'Reisen',
        before: null,
        after: { category: 'TRAVEL', minor: 1_000_000 },
      },
      { kind: 'sprint', number: 2, before: 'Build\n– M2', after: null },
    ]);
  });
});
