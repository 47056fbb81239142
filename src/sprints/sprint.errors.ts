// The reasons the sprints module (reviews and change notices) gives in `extensions.reason`, with
// their messages in German and English (GraphQL enum SprintErrorReason). A sprint that is not in
// the right status answers GrantErrorReason.INVALID_TRANSITION (the grants module owns sprints).
import type { FieldProblem } from '../core/errors/app-error';
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum SprintReason {
  REVIEW_INCOMPLETE = 'REVIEW_INCOMPLETE',
  GRANT_STOPPED = 'GRANT_STOPPED',
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  DELAY_PENDING = 'DELAY_PENDING',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  NOTHING_TO_STOP = 'NOTHING_TO_STOP',
  NOTHING_TO_DELAY = 'NOTHING_TO_DELAY',
}

export const sprintErrors = declareErrorReasons(
  'SprintErrorReason',
  'Why the sprints module refused a review or change notice (`extensions.reason`).',
  SprintReason,
  {
    [SprintReason.REVIEW_INCOMPLETE]: {
      meaning: 'The sprint review misses what a submission needs; `fields` lists every problem.',
      text: (problems: FieldProblem[]) => ({
        en: `The sprint review cannot be submitted yet — ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        de: `Das Sprint-Review kann noch nicht eingereicht werden — ${problems.map((p) => `${p.field}: ${p.messageDe ?? p.message}`).join('; ')}`,
      }),
    },
    [SprintReason.GRANT_STOPPED]: {
      meaning:
        'The grant was stopped: its final review can be accepted and commented on, not sent back.',
      text: () => ({
        en: 'The grant was stopped; its final review can be accepted and discussed in comments, not sent back.',
        de: 'Die Förderung wurde beendet; ihr Abschluss-Review kann angenommen und kommentiert, aber nicht zurückgegeben werden.',
      }),
    },
    [SprintReason.NOT_SUBMITTED]: {
      meaning: 'The review has no submitted version yet; its comment thread opens with the first.',
      text: () => ({
        en: 'The review was not submitted yet; the thread opens with the first version.',
        de: 'Das Review wurde noch nicht eingereicht; die Diskussion beginnt mit der ersten Version.',
      }),
    },
    [SprintReason.DELAY_PENDING]: {
      meaning: 'A delay request for the sprint already waits for the funder.',
      text: () => ({
        en: 'A delay request is already waiting for the funder.',
        de: 'Eine Verschiebung wartet bereits auf die Entscheidung des Förderers.',
      }),
    },
    [SprintReason.ALREADY_DECIDED]: {
      meaning: 'The change notice was already answered.',
      text: (status: string) => ({
        en: `The notice was already answered (${status}).`,
        de: `Die Mitteilung wurde bereits beantwortet (${status}).`,
      }),
    },
    [SprintReason.NOTHING_TO_STOP]: {
      meaning: 'Every sprint was accepted already; there is nothing left to stop.',
      text: () => ({
        en: 'Every sprint was accepted already.',
        de: 'Alle Sprints sind bereits angenommen.',
      }),
    },
    [SprintReason.NOTHING_TO_DELAY]: {
      meaning: 'The sprint already ends on or after the requested day.',
      text: (endDate: string) => ({
        en: `The sprint already ends on ${endDate}; the delay asks for nothing later.`,
        de: `Der Sprint endet bereits am ${endDate}; die Verschiebung verlangt nichts Späteres.`,
      }),
    },
  },
);
