import { registerEnumType } from '@nestjs/graphql';

export enum GrantStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  STOPPED = 'STOPPED',
}

export enum SprintStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  REVIEW_DUE = 'REVIEW_DUE',
  IN_REVIEW = 'IN_REVIEW',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  ACCEPTED = 'ACCEPTED',
}

export enum TrancheKind {
  AWARD = 'AWARD',
  SPRINT = 'SPRINT',
  HOLDBACK = 'HOLDBACK',
  AMENDMENT = 'AMENDMENT',
}

export enum TrancheStatus {
  SCHEDULED = 'SCHEDULED',
  RELEASED = 'RELEASED',
  CANCELLED = 'CANCELLED',
}

export enum RefundClaimStatus {
  OPEN = 'OPEN',
  SETTLED = 'SETTLED',
  WAIVED = 'WAIVED',
}

export enum RefundDecision {
  SETTLE = 'SETTLE',
  WAIVE = 'WAIVE',
}

registerEnumType(RefundClaimStatus, {
  name: 'RefundClaimStatus',
  description: 'Where a refund claim (Rückforderung) stands.',
  valuesMap: {
    OPEN: { description: 'The grantee owes the money; the funder has not decided yet.' },
    SETTLED: { description: 'The grantee paid the money back.' },
    WAIVED: { description: 'The funder waived the claim, with a reason.' },
  },
});

registerEnumType(RefundDecision, {
  name: 'RefundDecision',
  description: "The funder's decision on a refund claim.",
  valuesMap: {
    SETTLE: { description: 'The money came back.' },
    WAIVE: { description: 'The claim is waived (a reason is required).' },
  },
});

registerEnumType(GrantStatus, {
  name: 'GrantStatus',
  description: 'Where a grant stands.',
  valuesMap: {
    ACTIVE: { description: 'Running, sprint by sprint.' },
    COMPLETED: { description: 'The final review was accepted.' },
    STOPPED: {
      description: 'Ended early with a final learning report — an honest end, not a failure.',
    },
  },
});

registerEnumType(SprintStatus, {
  name: 'SprintStatus',
  description: 'Life cycle of a sprint.',
  valuesMap: {
    PLANNED: { description: 'Not started yet.' },
    ACTIVE: { description: 'Running.' },
    REVIEW_DUE: { description: 'Its end date has passed; the sprint review is due.' },
    IN_REVIEW: { description: 'The review was submitted; the funder decides.' },
    CHANGES_REQUESTED: { description: 'The funder asked for changes to the review.' },
    ACCEPTED: { description: 'The review was accepted.' },
  },
});

registerEnumType(TrancheKind, {
  name: 'TrancheKind',
  description: 'What releases a tranche.',
  valuesMap: {
    AWARD: { description: 'Paid when the grant starts.' },
    SPRINT: { description: 'Paid when the review of the sprint before it is accepted.' },
    HOLDBACK: { description: 'Held back until the final review is accepted.' },
    AMENDMENT: {
      description:
        'Added when an amendment raised the award after every tranche was paid; released by hand.',
    },
  },
});

registerEnumType(TrancheStatus, {
  name: 'TrancheStatus',
  description: 'Whether a tranche was paid.',
  valuesMap: {
    SCHEDULED: { description: 'Not paid yet.' },
    RELEASED: { description: 'Paid out.' },
    CANCELLED: { description: 'Will not be paid (e.g. the grant stopped early).' },
  },
});
