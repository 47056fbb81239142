import { registerEnumType } from '@nestjs/graphql';

export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  INFO_REQUESTED = 'INFO_REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** How a list of applications is ordered. */
export enum ApplicationOrder {
  NEWEST = 'NEWEST',
  SCORE = 'SCORE',
}

export enum BudgetCategory {
  PERSONNEL = 'PERSONNEL',
  MATERIAL = 'MATERIAL',
  TRAVEL = 'TRAVEL',
  SUBCONTRACTING = 'SUBCONTRACTING',
  OVERHEAD = 'OVERHEAD',
  OTHER = 'OTHER',
}

export enum DecisionKind {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  REQUEST_INFO = 'REQUEST_INFO',
}

registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Where an application stands.',
  valuesMap: {
    DRAFT: { description: 'Being written; only the grantee sees it.' },
    SUBMITTED: { description: 'Submitted; reviewers score it, a manager decides.' },
    INFO_REQUESTED: {
      description: 'The funder asked for more information; the grantee edits and resubmits.',
    },
    APPROVED: { description: 'Approved; a grant exists.' },
    REJECTED: { description: 'Not funded; the feedback says why.' },
    WITHDRAWN: { description: 'Withdrawn by the grantee before a decision.' },
  },
});

registerEnumType(BudgetCategory, {
  name: 'BudgetCategory',
  description: 'Kind of cost of a budget line.',
  valuesMap: {
    PERSONNEL: { description: 'Salaries and fees of the team (Personalkosten).' },
    MATERIAL: { description: 'Equipment, licences, hosting (Sachkosten).' },
    TRAVEL: { description: 'Travel (Reisekosten).' },
    SUBCONTRACTING: { description: 'Work bought from others (Fremdleistungen).' },
    OVERHEAD: { description: 'Overhead (Gemeinkosten).' },
    OTHER: { description: 'Anything else.' },
  },
});

registerEnumType(DecisionKind, {
  name: 'DecisionKind',
  description: "A manager's decision on an application.",
  valuesMap: {
    APPROVE: { description: 'Fund it (perhaps with a lower amount); creates the grant.' },
    REJECT: { description: 'Do not fund it; the feedback is shown to the grantee.' },
    REQUEST_INFO: { description: 'Send it back to the grantee with questions; they resubmit.' },
  },
});

registerEnumType(ApplicationOrder, {
  name: 'ApplicationOrder',
  description: 'How a list of applications is ordered.',
  valuesMap: {
    NEWEST: { description: 'Newest first (the default).' },
    SCORE: {
      description:
        'Highest weighted score first, unscored last, then newest first; for owners, managers and auditors (who see the scores). Pages forward only (first/after).',
    },
  },
});
