// The rules of a sprint review's content, as pure functions: what a draft may hold (ids of this
// sprint and grant, the grant's currency, answers typed as the template says) and what a
// submission needs on top (every milestone, every required answer, confidence, a plan, learnings
// for a final review). Every problem is reported, not only the first.
import type { FieldProblem } from '../core/errors/app-error';
import type { ReviewQuestion } from '../programmes/programme-settings';
import { QuestionType } from '../programmes/programme.enums';
import type { ReviewContent, StoredPlan } from './review-content';

export interface ReviewScope {
  milestones: { id: string; title: string }[];
  lines: { id: string; name: string }[];
  currency: string;
  template: ReviewQuestion[];
}

const problem = (field: string, message: string, messageDe: string): FieldProblem => ({
  field,
  message,
  messageDe,
});

/** Problems a draft may not have: foreign ids, other currencies, answers of the wrong type. */
export function draftProblems(content: ReviewContent, scope: ReviewScope): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const milestoneIds = new Set(scope.milestones.map((m) => m.id));
  const seenMilestones = new Set<string>();
  content.outcomes.forEach((o, i) => {
    if (!milestoneIds.has(o.milestoneId))
      problems.push(
        problem(
          `outcomes.${i}.milestoneId`,
          'is not a milestone of this sprint',
          'ist kein Meilenstein dieses Sprints',
        ),
      );
    else if (seenMilestones.has(o.milestoneId))
      problems.push(
        problem(
          `outcomes.${i}.milestoneId`,
          'names a milestone twice',
          'nennt einen Meilenstein doppelt',
        ),
      );
    seenMilestones.add(o.milestoneId);
  });
  const lineIds = new Set(scope.lines.map((l) => l.id));
  const seenLines = new Set<string>();
  content.spend.forEach((s, i) => {
    if (!lineIds.has(s.lineId))
      problems.push(
        problem(
          `spend.${i}.lineId`,
          'is not a budget line of this grant',
          'ist keine Budgetzeile dieser Förderung',
        ),
      );
    else if (seenLines.has(s.lineId))
      problems.push(
        problem(`spend.${i}.lineId`, 'names a line twice', 'nennt eine Budgetzeile doppelt'),
      );
    seenLines.add(s.lineId);
    if (s.currency !== scope.currency)
      problems.push(
        problem(
          `spend.${i}.amount.currency`,
          `must be ${scope.currency}, the grant's currency`,
          `muss ${scope.currency} sein, die Währung der Förderung`,
        ),
      );
    if (BigInt(s.amountMinor) < 0n)
      problems.push(
        problem(`spend.${i}.amount.amount`, 'must not be negative', 'darf nicht negativ sein'),
      );
  });
  const questions = new Map(scope.template.map((q) => [q.key, q]));
  const seenKeys = new Set<string>();
  content.answers.forEach((a, i) => {
    const q = questions.get(a.key);
    const at = `answers.${i}`;
    if (!q) {
      problems.push(
        problem(
          `${at}.key`,
          "is not a question of the programme's review template",
          'ist keine Frage der Review-Vorlage des Programms',
        ),
      );
      return;
    }
    if (seenKeys.has(a.key))
      problems.push(
        problem(`${at}.key`, 'answers a question twice', 'beantwortet eine Frage doppelt'),
      );
    seenKeys.add(a.key);
    problems.push(...answerProblems(q, a, at));
  });
  // The next sprint's plan is one the grant will run: its goal and milestones are never blank,
  // and no milestone is named twice (application drafts may be half-typed; a review plan may not).
  if (content.nextSprint) {
    if (!content.nextSprint.goal.trim())
      problems.push(problem('nextSprint.goal', 'must not be empty', 'darf nicht leer sein'));
    const seen = new Set<string>();
    content.nextSprint.milestones.forEach((m, i) => {
      const title = m.trim();
      if (!title)
        problems.push(
          problem(`nextSprint.milestones.${i}`, 'must not be empty', 'darf nicht leer sein'),
        );
      else if (seen.has(title))
        problems.push(
          problem(
            `nextSprint.milestones.${i}`,
            'names a milestone twice',
            'nennt einen Meilenstein doppelt',
          ),
        );
      seen.add(title);
    });
  }
  return problems;
}

function answerProblems(
  q: ReviewQuestion,
  a: ReviewContent['answers'][number],
  at: string,
): FieldProblem[] {
  const given = (['text', 'number', 'choice'] as const).filter((k) => a[k] !== null);
  const expected =
    q.type === QuestionType.TEXT
      ? 'text'
      : q.type === QuestionType.SINGLE_CHOICE
        ? 'choice'
        : 'number';
  const wrong = given.filter((k) => k !== expected);
  if (wrong.length)
    return [
      problem(
        `${at}.${wrong[0]}`,
        `"${q.key}" is a ${q.type} question: answer with \`${expected}\``,
        `„${q.key}“ ist eine Frage vom Typ ${q.type}: Antwort in \`${expected}\``,
      ),
    ];
  if (!given.length)
    return [
      problem(
        `${at}.${expected}`,
        `gives no answer to "${q.key}"`,
        `enthält keine Antwort auf „${q.key}“`,
      ),
    ];
  if (q.type === QuestionType.SCALE && (a.number! < 1 || a.number! > 5))
    return [problem(`${at}.number`, 'must be between 1 and 5', 'muss zwischen 1 und 5 liegen')];
  if (q.type === QuestionType.NUMBER) {
    if (typeof q.min === 'number' && a.number! < q.min)
      return [
        problem(`${at}.number`, `must be at least ${q.min}`, `muss mindestens ${q.min} sein`),
      ];
    if (typeof q.max === 'number' && a.number! > q.max)
      return [problem(`${at}.number`, `must be at most ${q.max}`, `darf höchstens ${q.max} sein`)];
  }
  if (q.type === QuestionType.SINGLE_CHOICE && !(q.options ?? []).includes(a.choice!))
    return [
      problem(
        `${at}.choice`,
        `must be one of: ${(q.options ?? []).join(', ')}`,
        `muss eine der Optionen sein: ${(q.options ?? []).join(', ')}`,
      ),
    ];
  if (q.type === QuestionType.TEXT && q.required && !a.text!.trim())
    return [problem(`${at}.text`, 'must not be empty', 'darf nicht leer sein')];
  return [];
}

/** Problems that keep a draft from being submitted (on top of the draft problems). */
export function submissionProblems(
  content: ReviewContent,
  scope: ReviewScope,
  needs: { nextSprint: boolean; final: boolean },
): FieldProblem[] {
  const problems = draftProblems(content, scope);
  const outcomeFor = new Set(content.outcomes.map((o) => o.milestoneId));
  for (const m of scope.milestones) {
    if (!outcomeFor.has(m.id))
      problems.push(
        problem(
          'outcomes',
          `needs the outcome of milestone "${m.title}"`,
          `braucht das Ergebnis des Meilensteins „${m.title}“`,
        ),
      );
  }
  const answered = new Set(content.answers.map((a) => a.key));
  for (const q of scope.template) {
    if (q.required && !answered.has(q.key))
      problems.push(
        problem(
          'answers',
          `needs an answer to the required question "${q.key}" (${q.labelEn})`,
          `braucht eine Antwort auf die Pflichtfrage „${q.key}“ (${q.labelDe})`,
        ),
      );
  }
  if (!content.confidence)
    problems.push(
      problem('confidence', 'needs one of the three signals', 'braucht eines der drei Signale'),
    );
  if (!content.confidenceNote.trim())
    problems.push(
      problem(
        'confidenceNote',
        'needs a sentence on the confidence signal',
        'braucht einen Satz zum Stimmungssignal',
      ),
    );
  if (needs.final) {
    if (!content.learnings.length)
      problems.push(
        problem(
          'learnings',
          'a final review needs at least one learning',
          'ein Abschluss-Review braucht mindestens ein Learning',
        ),
      );
  } else if (needs.nextSprint) {
    if (!content.nextSprint)
      problems.push(
        problem(
          'nextSprint',
          'needs the plan for the next sprint (goal and milestones)',
          'braucht den Plan für den nächsten Sprint (Ziel und Meilensteine)',
        ),
      );
    else if (!content.nextSprint.milestones.length)
      problems.push(
        problem(
          'nextSprint.milestones',
          'needs at least one milestone',
          'braucht mindestens einen Meilenstein',
        ),
      );
  } else if (content.nextSprint) {
    problems.push(
      problem(
        'nextSprint',
        'this is the last sprint; there is no next sprint to plan',
        'das ist der letzte Sprint; es gibt keinen nächsten Sprint',
      ),
    );
  }
  return problems;
}

export interface PlanDiffResult {
  changed: boolean;
  goalBefore: string;
  goalAfter: string;
  goalChanged: boolean;
  milestonesAdded: string[];
  milestonesRemoved: string[];
  milestonesKept: string[];
  /** A readable diff: unchanged lines start with two spaces, removed with "- ", added with "+ ". */
  text: string;
}

/** The difference between the plan as it stood and the plan a review proposes. */
export function planDiff(before: StoredPlan, after: StoredPlan): PlanDiffResult {
  const beforeSet = new Set(before.milestones);
  const afterSet = new Set(after.milestones);
  const kept = after.milestones.filter((m) => beforeSet.has(m));
  const added = after.milestones.filter((m) => !beforeSet.has(m));
  const removed = before.milestones.filter((m) => !afterSet.has(m));
  const goalChanged = before.goal.trim() !== after.goal.trim();
  const lines: string[] = [];
  if (goalChanged) lines.push(`- goal: ${before.goal}`, `+ goal: ${after.goal}`);
  else lines.push(`  goal: ${after.goal}`);
  for (const m of before.milestones)
    lines.push(afterSet.has(m) ? `  milestone: ${m}` : `- milestone: ${m}`);
  for (const m of added) lines.push(`+ milestone: ${m}`);
  const reordered =
    !goalChanged &&
    !added.length &&
    !removed.length &&
    before.milestones.join('\n') !== after.milestones.join('\n');
  return {
    changed: goalChanged || added.length > 0 || removed.length > 0 || reordered,
    goalBefore: before.goal,
    goalAfter: after.goal,
    goalChanged,
    milestonesAdded: added,
    milestonesRemoved: removed,
    milestonesKept: kept,
    text: lines.join('\n'),
  };
}
