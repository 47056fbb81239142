// The reasons the programmes module gives in `extensions.reason`, with their messages in German
// and English (GraphQL enum ProgrammeErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum ProgrammeReason {
  PROGRAMME_ARCHIVED = 'PROGRAMME_ARCHIVED',
  BELOW_AWARDED = 'BELOW_AWARDED',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  PROGRAMME_BUDGET_EXCEEDED = 'PROGRAMME_BUDGET_EXCEEDED',
}

export const programmeErrors = declareErrorReasons(
  'ProgrammeErrorReason',
  'Why the programmes module refused a change (`extensions.reason`).',
  ProgrammeReason,
  {
    [ProgrammeReason.PROGRAMME_ARCHIVED]: {
      meaning: 'The programme is archived and no longer changes.',
      text: () => ({
        en: 'An archived programme cannot be changed.',
        de: 'Ein archiviertes Programm kann nicht geändert werden.',
      }),
    },
    [ProgrammeReason.BELOW_AWARDED]: {
      meaning:
        'The total budget would be lower than what its grants already hold (`awarded`, minor units).',
      text: (awarded: string) => ({
        en: `The total budget cannot be lower than the ${awarded} (minor units) already awarded.`,
        de: `Das Gesamtbudget kann nicht unter den bereits bewilligten ${awarded} (Cent) liegen.`,
      }),
    },
    [ProgrammeReason.INVALID_TRANSITION]: {
      meaning:
        'The programme cannot move to that status from its current one; `current` and `allowed` name the statuses.',
      text: (status: string, to: string, allowed: readonly string[]) => ({
        en: `A ${status} programme cannot become ${to}; allowed: ${allowed.join(', ') || 'nothing'}.`,
        de: `Ein Programm im Status ${status} kann nicht ${to} werden; möglich: ${allowed.join(', ') || 'nichts'}.`,
      }),
    },
    [ProgrammeReason.PROGRAMME_BUDGET_EXCEEDED]: {
      meaning:
        'Awarding more would exceed the programme budget; `totalBudget`, `alreadyAwarded`, `available` and `requested` give the figures (minor units).',
      text: (amount: string, total: string, committed: string, available: string) => ({
        en: `Awarding ${amount} more would exceed the programme budget: ${total} in total, ${committed} awarded, ${available} left.`,
        de: `Weitere ${amount} zu bewilligen würde das Programmbudget überschreiten: ${total} insgesamt, ${committed} bewilligt, ${available} übrig.`,
      }),
    },
  },
);
