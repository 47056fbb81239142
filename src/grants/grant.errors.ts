// The reasons the grants module gives in `extensions.reason`, with their messages in German and
// English (GraphQL enum GrantErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';
import type { SprintStatus } from './grant.enums';

export enum GrantReason {
  GRANT_NOT_ACTIVE = 'GRANT_NOT_ACTIVE',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
}

type SprintRef = { number: number; status: SprintStatus };

export const grantErrors = declareErrorReasons(
  'GrantErrorReason',
  'Why the grants module refused a change (`extensions.reason`).',
  GrantReason,
  {
    [GrantReason.GRANT_NOT_ACTIVE]: {
      meaning: 'The grant was completed or stopped; its money and sprints no longer change.',
      text: (status: string) => ({
        en: `The grant is ${status.toLowerCase()}; its money no longer moves.`,
        de: `Die Förderung ist ${status}; das Budget ändert sich nicht mehr.`,
      }),
    },
    [GrantReason.INVALID_TRANSITION]: {
      meaning:
        'The sprint is not in a status that allows this; `current` and `allowed` name the statuses.',
      text: (
        sprint: SprintRef,
        change:
          | { wanted: string; allowedFrom: readonly SprintStatus[] }
          | { to: SprintStatus; allowed: readonly SprintStatus[] },
      ) => {
        if ('to' in change) {
          const { allowed } = change;
          return {
            en: `Sprint ${sprint.number} is ${sprint.status} and cannot become ${change.to}; from here it can become ${allowed.join(' or ') || 'nothing else'}.`,
            de: `Sprint ${sprint.number} ist im Status ${sprint.status} und kann nicht ${change.to} werden; möglich ist ${allowed.join(' oder ') || 'kein weiterer Status'}.`,
          };
        }
        const { wanted, allowedFrom } = change;
        return {
          en: `Sprint ${sprint.number} is ${sprint.status}; to ${wanted} it must be ${allowedFrom.join(' or ') || 'in another state'}.`,
          de: `Sprint ${sprint.number} ist im Status ${sprint.status}; ${wanted} geht nur im Status ${allowedFrom.join(' oder ') || 'eines anderen Status'}.`,
        };
      },
    },
    [GrantReason.ALREADY_DECIDED]: {
      meaning: 'The refund claim was already settled or waived.',
      text: (status: string) => ({
        en: `The refund claim was already decided (${status}).`,
        de: `Über die Rückforderung wurde bereits entschieden (${status}).`,
      }),
    },
  },
);
