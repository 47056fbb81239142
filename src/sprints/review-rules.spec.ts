import { QuestionType } from '../programmes/programme.enums';
import { EMPTY_CONTENT, ReviewContent } from './review-content';
import { draftProblems, planDiff, submissionProblems, ReviewScope } from './review-rules';

const scope: ReviewScope = {
  milestones: [{ id: 'm1', title: 'Prototype' }],
  lines: [{ id: 'l1', name: 'Personal' }],
  currency: 'EUR',
  template: [
    {
      key: 'users',
      labelDe: 'Nutzer',
      labelEn: 'Users',
      type: QuestionType.NUMBER,
      required: true,
      min: 0,
      max: 1000,
    },
    {
      key: 'channel',
      labelDe: 'Kanal',
      labelEn: 'Channel',
      type: QuestionType.SINGLE_CHOICE,
      required: false,
      options: ['web', 'app'],
    },
    {
      key: 'story',
      labelDe: 'Geschichte',
      labelEn: 'Story',
      type: QuestionType.TEXT,
      required: true,
    },
  ],
};
const answer = (key: string, v: Partial<ReviewContent['answers'][number]>) => ({
  key,
  text: null,
  number: null,
  choice: null,
  ...v,
});

describe('review rules', () => {
  it('checks answers against the template: type, range, options, emptiness', () => {
    const content: ReviewContent = {
      ...EMPTY_CONTENT,
      answers: [
        answer('users', { number: 1001 }),
        answer('channel', { choice: 'fax' }),
        answer('story', { text: '  ' }),
        answer('users', { text: 'x' }),
      ],
    };
    expect(draftProblems(content, scope).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'answers.0.number: must be at most 1000',
      'answers.1.choice: must be one of: web, app',
      'answers.2.text: must not be empty',
      'answers.3.key: answers a question twice',
      'answers.3.text: "users" is a NUMBER question: answer with `number`',
    ]);
  });

  it('lists everything a submission lacks, with German messages', () => {
    const problems = submissionProblems(EMPTY_CONTENT, scope, { nextSprint: true, final: false });
    expect(problems.map((p) => p.field)).toEqual([
      'outcomes',
      'answers',
      'answers',
      'confidence',
      'confidenceNote',
      'nextSprint',
    ]);
    expect(problems.every((p) => p.messageDe)).toBe(true);
    const final = submissionProblems(EMPTY_CONTENT, scope, { nextSprint: true, final: true });
    expect(final.map((p) => p.field)).toContain('learnings');
    expect(final.map((p) => p.field)).not.toContain('nextSprint');
  });

  it('describes a changed plan as a readable diff', () => {
    const diff = planDiff(
      { goal: 'Launch the app', milestones: ['Store listing', 'Beta group'] },
      { goal: 'Door to door', milestones: ['Beta group', 'Ten hosts'] },
    );
    expect(diff).toMatchObject({
      changed: true,
      goalChanged: true,
      milestonesAdded: ['Ten hosts'],
      milestonesRemoved: ['Store listing'],
      milestonesKept: ['Beta group'],
    });
    expect(diff.text.split('\n')).toEqual([
      '- goal: Launch the app',
      '+ goal: Door to door',
      '- milestone: Store listing',
      '  milestone: Beta group',
      '+ milestone: Ten hosts',
    ]);
    expect(
      planDiff({ goal: 'a', milestones: ['x'] }, { goal: 'a ', milestones: ['x'] }).changed,
    ).toBe(false);
    expect(
      planDiff({ goal: 'a', milestones: ['x', 'y'] }, { goal: 'a', milestones: ['y', 'x'] })
        .changed,
    ).toBe(true);
  });
});
