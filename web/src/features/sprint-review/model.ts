// The review editor's form values and their way to and from the API: values are keyed by what
// they belong to (milestone, budget line, question), so a problem the API names by list index
// (`outcomes.1.note`) finds its field again however many items were sent.
import type { ReviewContent, ReviewGrant, ReviewSprint } from './operations';

export type Outcome = 'DONE' | 'PARTLY' | 'NOT_DONE' | 'DROPPED';
export type Kind = 'INSIGHT' | 'FAILURE' | 'SURPRISE';
export type Visibility = 'GRANT' | 'PROGRAMME' | 'PUBLIC';
export type Confidence = 'GREEN' | 'AMBER' | 'RED';

export interface LearningValues {
  title: string;
  kind: Kind;
  tried: string;
  happened: string;
  learned: string;
  tags: string[];
  visibility: Visibility | null;
}

export interface ReviewValues {
  summary: string;
  outcomes: Record<string, { outcome: Outcome | null; note: string }>;
  spend: Record<string, { amount: number | null; explanation: string }>;
  answers: Record<string, { text: string; number: number | null; choice: string | null }>;
  learnings: LearningValues[];
  nextGoal: string;
  nextMilestones: string[];
  confidence: Confidence | null;
  confidenceNote: string;
}

export function emptyLearning(kind: Kind = 'INSIGHT'): LearningValues {
  return { title: '', kind, tried: '', happened: '', learned: '', tags: [], visibility: null };
}

/** The form's values from a saved draft (or a submitted version), completed for every item. */
export function valuesFrom(
  content: ReviewContent | null | undefined,
  sprint: ReviewSprint,
  grant: ReviewGrant,
  nextSprint: ReviewSprint | undefined,
): ReviewValues {
  const outcomes: ReviewValues['outcomes'] = {};
  for (const m of sprint.milestones) {
    const saved = content?.outcomes.find((o) => o.milestoneId === m.id);
    outcomes[m.id] = { outcome: (saved?.outcome as Outcome) ?? null, note: saved?.note ?? '' };
  }
  const spend: ReviewValues['spend'] = {};
  for (const l of grant.budgetLines) {
    const saved = content?.spend.find((s) => s.lineId === l.id);
    spend[l.id] = {
      amount: saved ? saved.amount.amount : null,
      explanation: saved?.explanation ?? '',
    };
  }
  const answers: ReviewValues['answers'] = {};
  for (const q of grant.programme.reviewTemplate) {
    const saved = content?.answers.find((a) => a.key === q.key);
    answers[q.key] = {
      text: saved?.text ?? '',
      number: saved?.number ?? null,
      choice: saved?.choice ?? null,
    };
  }
  const plan = content?.nextSprint ?? (nextSprint ? planOf(nextSprint) : null);
  return {
    summary: content?.summary ?? '',
    outcomes,
    spend,
    answers,
    learnings: (content?.learnings ?? []).map((l) => ({
      title: l.title,
      kind: l.kind,
      tried: l.tried,
      happened: l.happened,
      learned: l.learned,
      tags: [...l.tags],
      visibility: l.visibility ?? null,
    })),
    nextGoal: plan?.goal ?? '',
    nextMilestones: plan ? [...plan.milestones] : [],
    confidence: (content?.confidence as Confidence | null) ?? null,
    confidenceNote: content?.confidenceNote ?? '',
  };
}

export function planOf(sprint: ReviewSprint): { goal: string; milestones: string[] } {
  return { goal: sprint.goal, milestones: sprint.milestones.map((m) => m.title) };
}

const complete = (l: LearningValues) =>
  [l.title, l.tried, l.happened, l.learned].every((s) => s.trim() !== '');

export interface ReviewInput {
  sprintId: string;
  summary: string;
  outcomes: { milestoneId: string; outcome: Outcome; note: string }[];
  spend: { lineId: string; amount: { amount: number; currency: string }; explanation?: string }[];
  answers: { key: string; text?: string; number?: number; choice?: string }[];
  learnings: {
    title: string;
    kind: Kind;
    tried: string;
    happened: string;
    learned: string;
    tags: string[];
    visibility?: Visibility;
  }[];
  nextSprint?: { goal: string; milestones: string[] };
  confidence?: Confidence;
  confidenceNote: string;
}

/** Where each sent list item came from, to put the API's problems back at their fields. */
export interface SentKeys {
  outcomes: string[];
  spend: string[];
  answers: string[];
  learnings: number[];
}

/**
 * The input for saving (`forSubmit` false: only what the API can store as a draft — chosen
 * outcomes, typed amounts, given answers, learnings with every text) or submitting (everything
 * typed, so the API names each problem).
 */
export function toInput(
  values: ReviewValues,
  sprintId: string,
  currency: string,
  template: { key: string; type: string }[],
  hasNextSprint: boolean,
  forSubmit: boolean,
): { input: ReviewInput; sent: SentKeys } {
  const sent: SentKeys = { outcomes: [], spend: [], answers: [], learnings: [] };
  const outcomes: ReviewInput['outcomes'] = [];
  for (const [milestoneId, o] of Object.entries(values.outcomes)) {
    if (!o.outcome) continue;
    outcomes.push({ milestoneId, outcome: o.outcome, note: o.note });
    sent.outcomes.push(milestoneId);
  }
  const spend: ReviewInput['spend'] = [];
  for (const [lineId, s] of Object.entries(values.spend)) {
    if (s.amount === null) continue;
    spend.push({
      lineId,
      amount: { amount: s.amount, currency },
      ...(s.explanation.trim() ? { explanation: s.explanation } : {}),
    });
    sent.spend.push(lineId);
  }
  const answers: ReviewInput['answers'] = [];
  for (const q of template) {
    const a = values.answers[q.key];
    if (!a) continue;
    if (q.type === 'TEXT' && a.text.trim()) answers.push({ key: q.key, text: a.text });
    else if ((q.type === 'NUMBER' || q.type === 'SCALE') && a.number !== null)
      answers.push({ key: q.key, number: a.number });
    else if (q.type === 'SINGLE_CHOICE' && a.choice) answers.push({ key: q.key, choice: a.choice });
    else continue;
    sent.answers.push(q.key);
  }
  const learnings: ReviewInput['learnings'] = [];
  values.learnings.forEach((l, i) => {
    if (!forSubmit && !complete(l)) return;
    learnings.push({
      title: l.title,
      kind: l.kind,
      tried: l.tried,
      happened: l.happened,
      learned: l.learned,
      tags: l.tags,
      ...(l.visibility ? { visibility: l.visibility } : {}),
    });
    sent.learnings.push(i);
  });
  const milestones = values.nextMilestones.map((m) => m.trim()).filter(Boolean);
  const input: ReviewInput = {
    sprintId,
    summary: values.summary,
    outcomes,
    spend,
    answers,
    learnings,
    confidenceNote: values.confidenceNote,
    ...(values.confidence ? { confidence: values.confidence } : {}),
    ...(hasNextSprint && values.nextGoal.trim()
      ? { nextSprint: { goal: values.nextGoal.trim(), milestones } }
      : {}),
  };
  return { input, sent };
}

/**
 * The form key of a problem the API names by input path: `outcomes.2.note` → `outcomes.<id>.note`,
 * `learnings.0.title` → `learnings.<form index>.title`; section paths (`outcomes`) stay as they are.
 */
export function fieldKey(path: string, sent: SentKeys): string {
  const parts = path.replace(/^input\./, '').split('.');
  const [section, index, ...rest] = parts;
  if (index !== undefined && /^\d+$/.test(index) && section in sent) {
    const list = sent[section as keyof SentKeys] as (string | number)[];
    const key = list[Number(index)];
    if (key !== undefined) return [section, String(key), ...rest].join('.');
  }
  if (section === 'nextSprint') return rest.length || index ? `nextSprint.${index}` : 'nextSprint';
  return parts.join('.');
}

/** A plan's change against the plan as it stands: a pivot when the goal changed. */
export function planChange(
  before: { goal: string; milestones: string[] },
  after: { goal: string; milestones: string[] },
) {
  const afterList = after.milestones.map((m) => m.trim()).filter(Boolean);
  const kept = afterList.filter((m) => before.milestones.includes(m));
  const added = afterList.filter((m) => !before.milestones.includes(m));
  const removed = before.milestones.filter((m) => !afterList.includes(m));
  const goalChanged = before.goal.trim() !== after.goal.trim();
  return {
    goalChanged,
    kept,
    added,
    removed,
    changed: goalChanged || added.length > 0 || removed.length > 0,
  };
}
