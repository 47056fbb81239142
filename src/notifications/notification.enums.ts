import { registerEnumType } from '@nestjs/graphql';

export enum NotificationKind {
  APPLICATION_DECIDED = 'APPLICATION_DECIDED',
  REVIEW_SUBMITTED = 'REVIEW_SUBMITTED',
  REVIEW_DECIDED = 'REVIEW_DECIDED',
  REALLOCATION_WAITING = 'REALLOCATION_WAITING',
  REALLOCATION_DECIDED = 'REALLOCATION_DECIDED',
  CHANGE_NOTICE_FILED = 'CHANGE_NOTICE_FILED',
  REVIEW_DUE_SOON = 'REVIEW_DUE_SOON',
  REVIEW_OVERDUE = 'REVIEW_OVERDUE',
  DECISION_WAITING = 'DECISION_WAITING',
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
  REPORT_READY = 'REPORT_READY',
  WEEKLY_DIGEST = 'WEEKLY_DIGEST',
  LEARNING_SHARE_REQUESTED = 'LEARNING_SHARE_REQUESTED',
  TRANCHE_RELEASED = 'TRANCHE_RELEASED',
  PROOF_OF_USE_SUBMITTED = 'PROOF_OF_USE_SUBMITTED',
  PROOF_OF_USE_DECIDED = 'PROOF_OF_USE_DECIDED',
  LEARNING_SHARE_ANSWERED = 'LEARNING_SHARE_ANSWERED',
}

/** Kinds that carry a money or legal consequence: people cannot opt out of them. */
export const MANDATORY_KINDS: readonly NotificationKind[] = [
  NotificationKind.APPLICATION_DECIDED,
  NotificationKind.REVIEW_DECIDED,
  NotificationKind.REALLOCATION_DECIDED,
  NotificationKind.PROOF_OF_USE_DECIDED,
];

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesMap: {
    APPLICATION_DECIDED: {
      description: 'An application was decided (grantee; cannot be turned off).',
    },
    REVIEW_SUBMITTED: { description: 'A sprint review was submitted (funder managers).' },
    REVIEW_DECIDED: { description: 'A sprint review was decided (grantee; cannot be turned off).' },
    REALLOCATION_WAITING: { description: 'A reallocation waits for a decision (funder managers).' },
    REALLOCATION_DECIDED: {
      description: 'A reallocation was decided (grantee; cannot be turned off).',
    },
    CHANGE_NOTICE_FILED: { description: 'A grantee filed a change notice (funder managers).' },
    REVIEW_DUE_SOON: { description: 'A sprint review is due soon (grantee).' },
    REVIEW_OVERDUE: { description: 'A sprint review is overdue (grantee).' },
    DECISION_WAITING: {
      description: 'A decision has waited longer than the programme allows (funder).',
    },
    WEBHOOK_DISABLED: { description: 'A webhook endpoint was disabled after failures (owners).' },
    REPORT_READY: { description: 'A requested report is ready.' },
    WEEKLY_DIGEST: { description: 'The weekly programme digest (funder managers).' },
    LEARNING_SHARE_REQUESTED: {
      description: 'The funder asks the team to share a learning more widely (grantee team).',
    },
    TRANCHE_RELEASED: {
      description: 'A tranche of the grant was paid out: amount and day (grantee team).',
    },
    PROOF_OF_USE_SUBMITTED: {
      description: 'A grantee submitted a proof of use (funder managers).',
    },
    PROOF_OF_USE_DECIDED: {
      description: 'A proof of use was accepted or sent back (grantee; cannot be turned off).',
    },
    LEARNING_SHARE_ANSWERED: {
      description:
        'The team consented to or declined a request to share a learning, with its comment (funder managers).',
    },
  },
});
