import { describe, expect, it } from 'vitest';
import { burnDown } from '../grants/burn';
import { fieldKey, planChange, toInput, type ReviewValues } from './model';

const values: ReviewValues = {
  summary: 'S',
  outcomes: {
    m1: { outcome: null, note: '' },
    m2: { outcome: 'PARTLY', note: 'half' },
  },
  spend: { l1: { amount: null, explanation: '' }, l2: { amount: 123456, explanation: 'why' } },
  answers: {
    users: { text: '', number: 40, choice: null },
    mood: { text: '', number: null, choice: null },
  },
  learnings: [
    {
      title: '',
      kind: 'INSIGHT',
      tried: '',
      happened: '',
      learned: '',
      tags: [],
      visibility: null,
    },
    {
      title: 'T',
      kind: 'FAILURE',
      tried: 'a',
      happened: 'b',
      learned: 'c',
      tags: ['x'],
      visibility: 'GRANT',
    },
  ],
  nextGoal: ' New goal ',
  nextMilestones: ['A', ' ', 'B'],
  confidence: null,
  confidenceNote: '',
};
const template = [
  { key: 'users', type: 'NUMBER' },
  { key: 'mood', type: 'SCALE' },
];

describe('review form ↔ API', () => {
  it('saves only what a draft can hold, in minor units, and remembers where each item came from', () => {
    const { input, sent } = toInput(values, 's1', 'EUR', template, true, false);
    expect(input.outcomes).toEqual([{ milestoneId: 'm2', outcome: 'PARTLY', note: 'half' }]);
    expect(input.spend).toEqual([
      { lineId: 'l2', amount: { amount: 123456, currency: 'EUR' }, explanation: 'why' },
    ]);
    expect(input.answers).toEqual([{ key: 'users', number: 40 }]);
    expect(input.learnings.map((l) => l.title)).toEqual(['T']);
    expect(input.nextSprint).toEqual({ goal: 'New goal', milestones: ['A', 'B'] });
    expect(input.confidence).toBeUndefined();
    expect(sent).toEqual({ outcomes: ['m2'], spend: ['l2'], answers: ['users'], learnings: [1] });
  });

  it('submits every learning, so the API names the incomplete one', () => {
    const { input, sent } = toInput(values, 's1', 'EUR', template, false, true);
    expect(input.learnings).toHaveLength(2);
    expect(sent.learnings).toEqual([0, 1]);
    expect(input.nextSprint).toBeUndefined();
  });

  it('puts the API’s indexed problems back at their fields', () => {
    const sent = { outcomes: ['m2'], spend: ['l2'], answers: ['users'], learnings: [1] };
    expect(fieldKey('input.outcomes.0.note', sent)).toBe('outcomes.m2.note');
    expect(fieldKey('spend.0.amount.amount', sent)).toBe('spend.l2.amount.amount');
    expect(fieldKey('learnings.0.title', sent)).toBe('learnings.1.title');
    expect(fieldKey('answers.0.number', sent)).toBe('answers.users.number');
    expect(fieldKey('nextSprint.milestones', sent)).toBe('nextSprint.milestones');
    expect(fieldKey('confidence', sent)).toBe('confidence');
  });

  it('names a pivot only where the goal changed', () => {
    const before = { goal: 'Prototype', milestones: ['A', 'B'] };
    expect(planChange(before, { goal: 'Prototype', milestones: ['A', 'B'] }).changed).toBe(false);
    const milestonesOnly = planChange(before, { goal: 'Prototype', milestones: ['A', 'C'] });
    expect(milestonesOnly).toMatchObject({
      changed: true,
      goalChanged: false,
      added: ['C'],
      removed: ['B'],
    });
    expect(planChange(before, { goal: 'Library', milestones: ['A', 'B'] }).goalChanged).toBe(true);
  });
});

describe('burn-down', () => {
  it('spreads the award evenly in whole minor units and shows actual spend only for begun sprints', () => {
    const points = burnDown(
      1000,
      [
        { number: 1, status: 'ACCEPTED' },
        { number: 2, status: 'ACTIVE' },
        { number: 3, status: 'PLANNED' },
      ],
      [{ sprintNumber: 1, spent: 400 }],
      'Start',
      (n) => `S${n}`,
    );
    expect(points).toEqual([
      { label: 'Start', planned: 1000, actual: 1000 },
      { label: 'S1', planned: 666, actual: 600 },
      { label: 'S2', planned: 333, actual: 600 },
      { label: 'S3', planned: 0, actual: null },
    ]);
  });
});
