// The typed registry of queues and jobs. Producers name a job; the worker has exactly one
// handler per job name (checked at start-up). Payloads carry ids, never whole objects.

export enum QueueName {
  Maintenance = 'maintenance',
  Notifications = 'notifications',
  Webhooks = 'webhooks',
  Reports = 'reports',
}

export enum JobName {
  /** Deletes relayed outbox rows past their retention. */
  PruneOutbox = 'maintenance.prune-outbox',
  /** Deletes login failures older than a day. */
  PruneLoginFailures = 'maintenance.prune-login-failures',
  /** Emails an invitation link to the invitee. */
  SendInvitationEmail = 'identity.send-invitation-email',
  /** Emails a person about their account: verify, reset, confirm a new address, notices. */
  SendAccountEmail = 'identity.send-account-email',
  /** An application was decided: tell the grantee. */
  ApplicationDecided = 'applications.decided',
  /** A sprint review version was submitted: tell the funder's managers. */
  ReviewSubmitted = 'sprints.review-submitted',
  /** A sprint review was decided: tell the grantee's team. */
  ReviewDecided = 'sprints.review-decided',
  /** A change notice was filed: tell the funder's managers. */
  ChangeNoticeFiled = 'sprints.change-notice-filed',
  /** A proof of use was submitted: tell the funder's managers. */
  ProofOfUseSubmitted = 'proof-of-use.submitted',
  /** A proof of use was decided: tell the grantee's team. */
  ProofOfUseDecided = 'proof-of-use.decided',
  /** A funder asked a team to share a learning more widely: tell the team. */
  LearningShareRequested = 'learnings.share-requested',
  /** A reallocation waits for the funder: tell its managers. */
  ReallocationWaiting = 'budget.reallocation-waiting',
  /** A reallocation was decided: tell the grantee's team. */
  ReallocationDecided = 'budget.reallocation-decided',
  /** Looks for reminders due (reviews due soon or overdue, decisions waiting) and records them. */
  ScanReminders = 'reminders.scan',
  /** Sends one recorded reminder, unless its subject was dealt with meanwhile. */
  SendReminder = 'reminders.send',
  /** A domain event happened: record a delivery for every webhook endpoint subscribed to it. */
  WebhookFanout = 'webhooks.fanout',
  /** Sends one webhook delivery (retried with backoff). */
  DeliverWebhook = 'webhooks.deliver',
  /** An endpoint was disabled after failures: tell its organisation's owners. */
  WebhookDisabled = 'webhooks.disabled',
  /** Makes a requested report. */
  GenerateReport = 'reports.generate',
  /** A report is ready: tell the person who asked for it. */
  ReportReady = 'reports.ready',
  /** Deletes expired report files. */
  PruneReports = 'reports.prune',
  /** Emails each programme's weekly digest to its managers. */
  WeeklyDigest = 'reports.weekly-digest',
  /** Moves sprints whose end date passed to REVIEW_DUE. */
  MarkSprintsReviewDue = 'sprints.mark-review-due',
  /** Runs due dead letters (jobs that failed for good) again. */
  RetryDeadLetters = 'maintenance.retry-dead-letters',
  /** Settles reports left RUNNING by a job that stalled or was lost. */
  SweepStuckReports = 'reports.sweep-stuck',
  /** Settles webhook deliveries left PENDING by a job that stalled or was lost. */
  SweepStuckDeliveries = 'webhooks.sweep-stuck',
  /** A tranche was released: tell the grantee's team. */
  TrancheReleased = 'grants.tranche-released',
  /** A team answered a funder's request to share a learning: tell the funder's managers. */
  LearningShareAnswered = 'learnings.share-answered',
}

export interface JobPayloads {
  [JobName.PruneOutbox]: Record<string, never>;
  [JobName.PruneLoginFailures]: Record<string, never>;
  [JobName.SendInvitationEmail]: { invitationId: string; tokenVersion?: number };
  [JobName.SendAccountEmail]: {
    /** VERIFY_EMAIL | RESET_PASSWORD | CHANGE_EMAIL | EMAIL_CHANGED | SIGNUP_ATTEMPT */
    kind: string;
    personId: string;
    /** The account token the email carries (or, for EMAIL_CHANGED, the one confirmed). */
    tokenId?: string;
    /** SIGNUP_ATTEMPT: one id per attempt, so each attempt is emailed once. */
    attemptId?: string;
  };
  [JobName.ApplicationDecided]: {
    applicationId: string;
    decision: string;
    /** The decided version: the feedback of that decision is read from it. */
    version: number;
  };
  [JobName.MarkSprintsReviewDue]: Record<string, never>;
  /** The event itself (its data may hold tenant text) waits in the webhook_event table. */
  [JobName.WebhookFanout]: { eventId: string };
  [JobName.DeliverWebhook]: { deliveryId: string };
  [JobName.WebhookDisabled]: {
    endpointId: string;
    disabledAt: string;
    /** Why: repeated failures (the default) or its creator left / lost the owner role. */
    cause?: 'failures' | 'creator-left';
  };
  [JobName.GenerateReport]: { reportId: string };
  [JobName.ReportReady]: { reportId: string };
  [JobName.PruneReports]: Record<string, never>;
  [JobName.WeeklyDigest]: Record<string, never>;
  [JobName.ScanReminders]: Record<string, never>;
  [JobName.SendReminder]: { reminderId: string };
  [JobName.ReviewSubmitted]: { reviewId: string; version: number };
  [JobName.ReviewDecided]: { reviewId: string; decisionId: string };
  [JobName.ChangeNoticeFiled]: { noticeId: string };
  [JobName.ProofOfUseSubmitted]: { proofOfUseId: string; version: number };
  [JobName.ProofOfUseDecided]: { proofOfUseId: string; decisionId: string };
  [JobName.LearningShareRequested]: { learningId: string; visibility: string; requestedAt: string };
  [JobName.ReallocationWaiting]: { reallocationId: string };
  [JobName.ReallocationDecided]: { reallocationId: string };
  [JobName.RetryDeadLetters]: Record<string, never>;
  [JobName.SweepStuckReports]: Record<string, never>;
  [JobName.SweepStuckDeliveries]: Record<string, never>;
  [JobName.TrancheReleased]: { trancheId: string };
  [JobName.LearningShareAnswered]: {
    learningId: string;
    decision: 'CONSENT' | 'DECLINE';
    visibility: string;
    comment: string | null;
    answeredAt: string;
  };
}

export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  [JobName.PruneOutbox]: QueueName.Maintenance,
  [JobName.PruneLoginFailures]: QueueName.Maintenance,
  [JobName.SendInvitationEmail]: QueueName.Notifications,
  [JobName.SendAccountEmail]: QueueName.Notifications,
  [JobName.ApplicationDecided]: QueueName.Notifications,
  [JobName.MarkSprintsReviewDue]: QueueName.Maintenance,
  [JobName.WebhookFanout]: QueueName.Webhooks,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.WebhookDisabled]: QueueName.Notifications,
  [JobName.GenerateReport]: QueueName.Reports,
  [JobName.ReportReady]: QueueName.Notifications,
  [JobName.PruneReports]: QueueName.Maintenance,
  [JobName.WeeklyDigest]: QueueName.Reports,
  [JobName.ScanReminders]: QueueName.Maintenance,
  [JobName.SendReminder]: QueueName.Notifications,
  [JobName.ReviewSubmitted]: QueueName.Notifications,
  [JobName.ReviewDecided]: QueueName.Notifications,
  [JobName.ChangeNoticeFiled]: QueueName.Notifications,
  [JobName.ProofOfUseSubmitted]: QueueName.Notifications,
  [JobName.ProofOfUseDecided]: QueueName.Notifications,
  [JobName.LearningShareRequested]: QueueName.Notifications,
  [JobName.ReallocationWaiting]: QueueName.Notifications,
  [JobName.ReallocationDecided]: QueueName.Notifications,
  [JobName.RetryDeadLetters]: QueueName.Maintenance,
  [JobName.SweepStuckReports]: QueueName.Maintenance,
  [JobName.SweepStuckDeliveries]: QueueName.Maintenance,
  [JobName.TrancheReleased]: QueueName.Notifications,
  [JobName.LearningShareAnswered]: QueueName.Notifications,
};

export const ALL_QUEUES = Object.values(QueueName);
export const ALL_JOBS = Object.values(JobName);

export function isJobName(value: string): value is JobName {
  return (ALL_JOBS as string[]).includes(value);
}
