import { registerEnumType } from '@nestjs/graphql';

export enum MilestoneOutcome {
  DONE = 'DONE',
  PARTLY = 'PARTLY',
  NOT_DONE = 'NOT_DONE',
  DROPPED = 'DROPPED',
}

export enum Confidence {
  GREEN = 'GREEN',
  AMBER = 'AMBER',
  RED = 'RED',
}

export enum ReviewDecisionKind {
  ACCEPT = 'ACCEPT',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
}

/** Where a sprint review stands, read from its sprint's life cycle. */
export enum SprintReviewStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
}

registerEnumType(SprintReviewStatus, {
  name: 'SprintReviewStatus',
  description: 'Where a sprint review stands.',
  valuesMap: {
    DRAFT: { description: 'The grantee is writing it; the funder has not been asked yet.' },
    SUBMITTED: { description: 'Submitted; waits for the funder.' },
    ACCEPTED: { description: 'Accepted by the funder.' },
    CHANGES_REQUESTED: {
      description: 'The funder asked for changes; the grantee reworks and submits again.',
    },
  },
});

export enum ChangeNoticeKind {
  PIVOT = 'PIVOT',
  DELAY = 'DELAY',
  OTHER_FUNDING = 'OTHER_FUNDING',
  GOAL_UNREACHABLE = 'GOAL_UNREACHABLE',
  STOP = 'STOP',
}

export enum ChangeNoticeStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum NoticeDecisionKind {
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

export enum TimelineKind {
  GRANT_AWARDED = 'GRANT_AWARDED',
  GRANT_AMENDED = 'GRANT_AMENDED',
  GRANT_COMPLETED = 'GRANT_COMPLETED',
  GRANT_STOPPED = 'GRANT_STOPPED',
  REVIEW_SUBMITTED = 'REVIEW_SUBMITTED',
  REVIEW_ACCEPTED = 'REVIEW_ACCEPTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  REVIEW_COMMENT = 'REVIEW_COMMENT',
  PIVOT = 'PIVOT',
  REALLOCATION_REQUESTED = 'REALLOCATION_REQUESTED',
  REALLOCATION_DECIDED = 'REALLOCATION_DECIDED',
  TRANCHE_RELEASED = 'TRANCHE_RELEASED',
  TRANCHE_CANCELLED = 'TRANCHE_CANCELLED',
  NOTICE_FILED = 'NOTICE_FILED',
  NOTICE_DECIDED = 'NOTICE_DECIDED',
  LEARNING_SHARED = 'LEARNING_SHARED',
  SPRINT_RESCHEDULED = 'SPRINT_RESCHEDULED',
  MONEY_RETURNED = 'MONEY_RETURNED',
  REFUND_CLAIMED = 'REFUND_CLAIMED',
  REFUND_DECIDED = 'REFUND_DECIDED',
}

registerEnumType(MilestoneOutcome, {
  name: 'MilestoneOutcome',
  description: 'How far a milestone got in its sprint.',
  valuesMap: {
    DONE: { description: 'Reached.' },
    PARTLY: { description: 'Partly reached.' },
    NOT_DONE: { description: 'Not reached.' },
    DROPPED: { description: 'Deliberately dropped (e.g. what the team learned made it moot).' },
  },
});

registerEnumType(Confidence, {
  name: 'Confidence',
  description: "The team's own signal of how the project stands.",
  valuesMap: {
    GREEN: { description: 'On track.' },
    AMBER: { description: 'Some worries; the team is on it.' },
    RED: { description: 'Serious trouble; the team needs to talk.' },
  },
});

registerEnumType(ReviewDecisionKind, {
  name: 'ReviewDecisionKind',
  description: "The funder's decision on a submitted sprint review.",
  valuesMap: {
    ACCEPT: {
      description:
        'Accept: the sprint is done, the next-sprint plan applies, the next tranche is released.',
    },
    REQUEST_CHANGES: { description: 'Ask the grantee to revise the review (comment required).' },
  },
});

registerEnumType(ChangeNoticeKind, {
  name: 'ChangeNoticeKind',
  description: 'What a grantee tells the funder of.',
  valuesMap: {
    PIVOT: { description: 'The project changes direction.' },
    DELAY: { description: "The current sprint needs more time (needs the funder's approval)." },
    OTHER_FUNDING: { description: 'Other funding was received (source and amount).' },
    GOAL_UNREACHABLE: { description: 'The goal can no longer be reached as planned.' },
    STOP: {
      description:
        'The grant ends early with a final review and learnings; unpaid tranches are cancelled.',
    },
  },
});

registerEnumType(ChangeNoticeStatus, {
  name: 'ChangeNoticeStatus',
  description: 'Where a change notice stands.',
  valuesMap: {
    OPEN: { description: 'Waiting for the funder.' },
    ACKNOWLEDGED: { description: 'The funder took note.' },
    APPROVED: { description: 'The funder approved the request (DELAY).' },
    REJECTED: { description: 'The funder declined the request (DELAY).' },
    WITHDRAWN: {
      description:
        'Closed without a decision: no longer needed (the sprint was submitted, or the grant ended).',
    },
  },
});

registerEnumType(NoticeDecisionKind, {
  name: 'NoticeDecisionKind',
  description:
    'What the funder does with a change notice: DELAY is approved or rejected, every other kind acknowledged.',
  valuesMap: {
    ACKNOWLEDGE: { description: 'Take note (PIVOT, OTHER_FUNDING, GOAL_UNREACHABLE, STOP).' },
    APPROVE: { description: 'Approve a DELAY: the dates move.' },
    REJECT: { description: 'Decline a DELAY: the dates stay.' },
  },
});

registerEnumType(TimelineKind, {
  name: 'TimelineKind',
  description: 'What happened in a grant’s history.',
  valuesMap: {
    GRANT_AWARDED: { description: 'The grant was awarded.' },
    GRANT_AMENDED: { description: 'The award was amended.' },
    GRANT_COMPLETED: { description: 'The final review was accepted.' },
    GRANT_STOPPED: { description: 'The grantee ended the grant early.' },
    REVIEW_SUBMITTED: { description: 'A sprint review (version) was submitted.' },
    REVIEW_ACCEPTED: { description: 'The funder accepted a sprint review.' },
    CHANGES_REQUESTED: { description: 'The funder asked for changes to a sprint review.' },
    REVIEW_COMMENT: { description: 'Someone commented on a sprint review.' },
    PIVOT: { description: "A sprint's plan changed." },
    REALLOCATION_REQUESTED: { description: 'Money was moved or asked to move between lines.' },
    REALLOCATION_DECIDED: { description: 'The funder decided a reallocation.' },
    TRANCHE_RELEASED: { description: 'A tranche was paid out.' },
    TRANCHE_CANCELLED: { description: 'A tranche was cancelled.' },
    NOTICE_FILED: { description: 'The grantee filed a change notice.' },
    NOTICE_DECIDED: { description: 'The funder answered a change notice.' },
    LEARNING_SHARED: { description: 'A learning was shared.' },
    SPRINT_RESCHEDULED: {
      description:
        'A review was accepted after the next sprint was to start: that sprint starts on the acceptance day with its full length; later sprints and the end move with it.',
    },
    MONEY_RETURNED: {
      description: 'The grant ended: money never released went back to the programme budget.',
    },
    REFUND_CLAIMED: {
      description: 'The grant ended with released money not spent: a refund claim was opened.',
    },
    REFUND_DECIDED: { description: 'The funder settled or waived the refund claim.' },
  },
});
