// Reminders that hold both sides to their word. A scan (on the worker's schedule) finds what is
// due by each programme's reminder policy and records one reminder per subject, kind and step —
// the unique key is the lock, so two scans at once record (and send) each reminder once — and
// queues its delivery through the outbox in the same statement. All set-based: one statement.
// Review reminders carry the sprint's end date in their key: when an approved delay moves it, the
// steps start over for the new date.
import { currentTraceparent } from '../core/telemetry/tracing';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../core/calendar/clock';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OUTBOX_CHANNEL } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';

/**
 * Sprints of running grants; policies come from their programme, and so does "today": the
 * calendar day of $1 in the programme's time zone (due dates are days of that calendar).
 */
const SCAN_SQL = `
WITH due_soon AS (
  SELECT 'review-due-soon:' || s.id || ':' || s.end_date || ':before-' || pick.d AS key, 'REVIEW_DUE_SOON' AS kind,
         'Sprint' AS subject_type, s.id AS subject_id, 'before-' || pick.d AS step,
         g.grantee_organization_id AS org
    FROM sprint s
    JOIN "grant" g ON g.id = s.grant_id AND g.status = 'ACTIVE'
    JOIN programme p ON p.id = g.programme_id
    CROSS JOIN LATERAL (SELECT ($1::timestamptz AT TIME ZONE p.time_zone)::date AS today) d
    CROSS JOIN LATERAL (
      SELECT min(x::int) AS d FROM jsonb_array_elements_text(p.reminder_policy -> 'daysBeforeDue') x
       WHERE s.end_date - x::int <= d.today) pick
   WHERE s.status = 'ACTIVE' AND s.end_date >= d.today AND s.end_date <= d.today + 90
     AND pick.d IS NOT NULL
), overdue AS (
  SELECT 'review-overdue:' || s.id || ':' || s.end_date || ':after-' || pick.d, 'REVIEW_OVERDUE', 'Sprint', s.id,
         'after-' || pick.d, g.grantee_organization_id
    FROM sprint s
    JOIN "grant" g ON g.id = s.grant_id AND g.status = 'ACTIVE'
    JOIN programme p ON p.id = g.programme_id
    CROSS JOIN LATERAL (SELECT ($1::timestamptz AT TIME ZONE p.time_zone)::date AS today) d
    CROSS JOIN LATERAL (
      SELECT max(x::int) AS d FROM jsonb_array_elements_text(p.reminder_policy -> 'daysAfterDue') x
       WHERE s.end_date + x::int <= d.today) pick
   WHERE s.status IN ('ACTIVE', 'REVIEW_DUE') AND s.end_date < d.today AND pick.d IS NOT NULL
), waiting AS (
  SELECT 'review' AS what, r.id AS subject_id, 'SprintReview' AS subject_type,
         ':v' || r.submitted_version AS version, v.submitted_at AS since,
         g.funder_organization_id AS org, p.reminder_policy AS policy
    FROM sprint_review r
    JOIN sprint s ON s.id = r.sprint_id AND s.status = 'IN_REVIEW'
    JOIN sprint_review_version v ON v.review_id = r.id AND v.number = r.submitted_version
    JOIN "grant" g ON g.id = r.grant_id
    JOIN programme p ON p.id = g.programme_id
  UNION ALL
  SELECT 'application', a.id, 'Application', ':v' || a.version, a.submitted_at,
         p.funder_organization_id, p.reminder_policy
    FROM application a JOIN programme p ON p.id = a.programme_id
   WHERE a.status = 'SUBMITTED' AND a.submitted_at IS NOT NULL
  UNION ALL
  SELECT 'reallocation', r.id, 'Reallocation', '', r.created_at, g.funder_organization_id,
         p.reminder_policy
    FROM reallocation r
    JOIN "grant" g ON g.id = r.grant_id
    JOIN programme p ON p.id = g.programme_id
   WHERE r.status = 'PENDING'
  UNION ALL
  SELECT 'delay', n.id, 'ChangeNotice', '', n.created_at, g.funder_organization_id,
         p.reminder_policy
    FROM change_notice n
    JOIN "grant" g ON g.id = n.grant_id
    JOIN programme p ON p.id = g.programme_id
   WHERE n.kind = 'DELAY' AND n.status = 'OPEN'
), decisions AS (
  SELECT 'decision-waiting:' || what || ':' || subject_id || version || ':wait-' || step,
         'DECISION_WAITING', subject_type, subject_id, 'wait-' || step, org
    FROM (SELECT w.*,
                 CASE WHEN $1::timestamptz - since >= make_interval(days => 2 * (policy ->> 'decisionWaitDays')::int) THEN 2
                      WHEN $1::timestamptz - since >= make_interval(days => (policy ->> 'decisionWaitDays')::int) THEN 1
                 END AS step
            FROM waiting w) x
   WHERE step IS NOT NULL
), candidates AS (
  SELECT * FROM due_soon UNION ALL SELECT * FROM overdue UNION ALL SELECT * FROM decisions
), inserted AS (
  INSERT INTO reminder (key, kind, subject_type, subject_id, step, organization_id)
  SELECT key, kind, subject_type, subject_id, step, org FROM candidates
  ON CONFLICT (key) DO NOTHING
  RETURNING id, organization_id
)
INSERT INTO outbox_event (job_name, payload, organization_id, request_id, traceparent)
SELECT $2, jsonb_build_object('reminderId', id), organization_id, $3, $4 FROM inserted
RETURNING id`;

@Injectable()
export class ReminderService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Records and queues every reminder due at `now`; answers how many were new. */
  async scan(now: Date = this.clock.now()): Promise<number> {
    const ctx = RequestContext.system('reminder scan');
    return this.db.transaction(ctx, async (tx) => {
      const manager = this.db.manager(tx);
      const rows = await manager.query<{ id: string }[]>(SCAN_SQL, [
        now.toISOString(),
        JobName.SendReminder,
        `reminders-${randomUUID()}`,
        currentTraceparent(),
      ]);
      if (rows.length) await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
      return rows.length;
    });
  }
}
