import { registerEnumType } from '@nestjs/graphql';

/** Events an endpoint can subscribe to; the wire name is the lower-case dotted form. */
export enum WebhookEventType {
  APPLICATION_DECIDED = 'application.decided',
  SPRINT_REVIEW_SUBMITTED = 'sprint_review.submitted',
  SPRINT_REVIEW_DECIDED = 'sprint_review.decided',
  REALLOCATION_REQUESTED = 'reallocation.requested',
  REALLOCATION_DECIDED = 'reallocation.decided',
  CHANGE_NOTICE_FILED = 'change_notice.filed',
  TRANCHE_RELEASED = 'tranche.released',
  GRANT_COMPLETED = 'grant.completed',
  GRANT_STOPPED = 'grant.stopped',
}

export enum WebhookEndpointStatus {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(WebhookEventType, {
  name: 'WebhookEventKind',
  description: 'An event a webhook endpoint can receive (`type` in the payload is the value).',
  valuesMap: {
    APPLICATION_DECIDED: {
      description: '`application.decided`: approved, rejected or more info asked.',
    },
    SPRINT_REVIEW_SUBMITTED: {
      description: '`sprint_review.submitted`: a review version was submitted.',
    },
    SPRINT_REVIEW_DECIDED: {
      description: '`sprint_review.decided`: accepted or changes requested.',
    },
    REALLOCATION_REQUESTED: {
      description: '`reallocation.requested`: applied at once or waiting.',
    },
    REALLOCATION_DECIDED: { description: '`reallocation.decided`: approved or rejected.' },
    CHANGE_NOTICE_FILED: { description: '`change_notice.filed`: a grantee filed a change notice.' },
    TRANCHE_RELEASED: { description: '`tranche.released`: money was paid out.' },
    GRANT_COMPLETED: { description: '`grant.completed`: the final review was accepted.' },
    GRANT_STOPPED: { description: '`grant.stopped`: the grantee ended the grant early.' },
  },
});

registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether an endpoint receives events.',
  valuesMap: {
    ENABLED: { description: 'Receives events.' },
    DISABLED: { description: 'Receives nothing (turned off, or after repeated failures).' },
  },
});

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesMap: {
    PENDING: { description: 'Not delivered yet; retried with backoff.' },
    SUCCEEDED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt failed; redeliver it by hand.' },
    CANCELLED: { description: 'Not sent: the endpoint was disabled.' },
  },
});
