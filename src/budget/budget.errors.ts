// The reasons the budget module gives in `extensions.reason`, with their messages in German and
// English (GraphQL enum BudgetErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum BudgetReason {
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  BELOW_SPENT = 'BELOW_SPENT',
  BEYOND_TOLERANCE = 'BEYOND_TOLERANCE',
  NOT_PENDING = 'NOT_PENDING',
  BELOW_RELEASED = 'BELOW_RELEASED',
  ALREADY_RELEASED = 'ALREADY_RELEASED',
  CANCELLED = 'CANCELLED',
  HOLDBACK_LOCKED = 'HOLDBACK_LOCKED',
  EXPLANATION_REQUIRED = 'EXPLANATION_REQUIRED',
}

const sourceLine = (available: string) => ({
  en: `The source line can give at most ${available}: it keeps what was already spent and never goes below zero.`,
  de: `Die Quellzeile kann höchstens ${available} abgeben: Sie behält, was schon ausgegeben wurde, und fällt nie unter null.`,
});

const trancheDone = (released: boolean) => ({
  en: `This tranche is already ${released ? 'released' : 'cancelled'}.`,
  de: `Diese Tranche ist bereits ${released ? 'ausgezahlt' : 'storniert'}.`,
});

export const budgetErrors = declareErrorReasons(
  'BudgetErrorReason',
  'Why the budget module refused a money movement (`extensions.reason`).',
  BudgetReason,
  {
    [BudgetReason.INSUFFICIENT_BALANCE]: {
      meaning: 'The source line holds less than the amount; `available` is what it can give.',
      text: sourceLine,
    },
    [BudgetReason.BELOW_SPENT]: {
      meaning:
        'The move would take the source line below what was already spent on it; `available` is what it can give.',
      text: sourceLine,
    },
    [BudgetReason.BEYOND_TOLERANCE]: {
      meaning:
        'The move takes the receiving line beyond the programme’s tolerance and the programme allows no exceptions; `ceiling` is the most the line may hold.',
      text: (line: string, percent: number) => ({
        en: `This move takes "${line}" beyond the programme's tolerance of ${percent} %, and the programme allows no exceptions.`,
        de: `Diese Umschichtung bringt „${line}“ über die Toleranz von ${percent} % des Programms, und Ausnahmen sind nicht vorgesehen.`,
      }),
    },
    [BudgetReason.NOT_PENDING]: {
      meaning: 'The reallocation was already applied or rejected.',
      text: (status: string) => ({
        en: `The reallocation is ${status} and cannot be decided again.`,
        de: `Die Umschichtung ist ${status} und kann nicht erneut entschieden werden.`,
      }),
    },
    [BudgetReason.BELOW_RELEASED]: {
      meaning: 'An amendment would lower the award below what was already paid out (`released`).',
      text: (released: string) => ({
        en: `The award cannot go below the ${released} already paid out.`,
        de: `Die Bewilligung kann nicht unter die bereits ausgezahlten ${released} sinken.`,
      }),
    },
    [BudgetReason.ALREADY_RELEASED]: {
      meaning: 'The tranche was paid already; a tranche is never released twice.',
      text: () => trancheDone(true),
    },
    [BudgetReason.CANCELLED]: {
      meaning: 'The tranche was cancelled (the grant ended) and is no longer paid.',
      text: () => trancheDone(false),
    },
    [BudgetReason.HOLDBACK_LOCKED]: {
      meaning: 'The holdback is paid only when the final sprint review is accepted.',
      text: () => ({
        en: 'The holdback is paid when the final sprint review is accepted.',
        de: 'Der Einbehalt wird ausgezahlt, wenn das letzte Sprint-Review angenommen ist.',
      }),
    },
    [BudgetReason.EXPLANATION_REQUIRED]: {
      meaning: 'Spend beyond the line’s tolerance needs an explanation.',
      text: (line: string) => ({
        en: `This spend takes "${line}" beyond its tolerance; add an explanation.`,
        de: `Diese Ausgabe bringt „${line}“ über die Toleranz; bitte begründen.`,
      }),
    },
  },
);
