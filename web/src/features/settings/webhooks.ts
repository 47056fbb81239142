import type { ResultOf } from '../../lib/graphql';
import type { WebhookEndpointsQuery } from './operations';

export type WebhookEventType = ResultOf<
  typeof WebhookEndpointsQuery
>['webhookEndpoints']['nodes'][number]['eventTypes'][number];

export const WEBHOOK_EVENT_TYPES: WebhookEventType[] = [
  'APPLICATION_DECIDED',
  'SPRINT_REVIEW_SUBMITTED',
  'SPRINT_REVIEW_DECIDED',
  'TRANCHE_RELEASED',
  'REALLOCATION_REQUESTED',
  'REALLOCATION_DECIDED',
  'CHANGE_NOTICE_FILED',
  'GRANT_COMPLETED',
  'GRANT_STOPPED',
];
