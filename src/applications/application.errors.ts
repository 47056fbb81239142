// The reasons the applications module gives in `extensions.reason`, with their messages in German
// and English (GraphQL enum ApplicationErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum ApplicationReason {
  INVALID_STATE = 'INVALID_STATE',
  ALREADY_SUBMITTED = 'ALREADY_SUBMITTED',
  CALL_NOT_OPEN = 'CALL_NOT_OPEN',
  PROGRAMME_ARCHIVED = 'PROGRAMME_ARCHIVED',
}

export const applicationErrors = declareErrorReasons(
  'ApplicationErrorReason',
  'Why the applications module refused a change (`extensions.reason`).',
  ApplicationReason,
  {
    [ApplicationReason.INVALID_STATE]: {
      meaning:
        'The application is not in a status that allows this; `current` and `allowed` name the statuses.',
      text: (status: string, action: string, allowed: readonly string[]) => ({
        en: `The application is ${status}; it can be ${action} only when ${allowed.join(' or ')}.`,
        de: `Der Antrag ist im Status ${status}; ${action} geht nur im Status ${allowed.join(' oder ')}.`,
      }),
    },
    [ApplicationReason.ALREADY_SUBMITTED]: {
      meaning: 'The application was submitted already.',
      text: () => ({
        en: 'The application was already submitted.',
        de: 'Der Antrag wurde schon eingereicht.',
      }),
    },
    [ApplicationReason.CALL_NOT_OPEN]: {
      meaning:
        'The programme’s call does not take submissions now; `callOpensAt` and `callClosesAt` give its window.',
      text: (opens: string, closes: string) => ({
        en: `The call is not open for submissions (window ${opens} to ${closes}).`,
        de: `Der Call nimmt keine Anträge an (Zeitraum ${opens} bis ${closes}).`,
      }),
    },
    [ApplicationReason.PROGRAMME_ARCHIVED]: {
      meaning: 'The programme is archived; its applications no longer change.',
      text: () => ({
        en: 'The programme is archived; its applications can no longer change.',
        de: 'Das Programm ist archiviert; seine Anträge ändern sich nicht mehr.',
      }),
    },
  },
);
