// A grant's history in one ordered list, read from the records themselves (reviews, decisions,
// comments, plan changes, schedule shifts, reallocations, tranches, notices, learnings, the
// close-out's return and refund claim) with one UNION query.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Money } from '../core/money/money';
import { GrantService } from '../grants/grant.service';
import { TimelineEntry } from './dto/timeline.types';
import { TimelineKind } from './sprint.enums';
import { timelineText } from './timeline-texts';

export interface Row {
  at: Date;
  kind: TimelineKind;
  subject_type: string;
  subject_id: string;
  sprint_number: number | null;
  actor_id: string | null;
  amount: string | null;
  currency: string | null;
  label: string | null;
  detail: string | null;
}

/** Events of one transaction share a time; they are told in the order they happen. */
const TIE_ORDER: TimelineKind[] = [
  TimelineKind.GRANT_AWARDED,
  TimelineKind.GRANT_AMENDED,
  TimelineKind.NOTICE_FILED,
  TimelineKind.REVIEW_SUBMITTED,
  TimelineKind.LEARNING_SHARED,
  TimelineKind.REVIEW_ACCEPTED,
  TimelineKind.CHANGES_REQUESTED,
  TimelineKind.REVIEW_COMMENT,
  TimelineKind.PIVOT,
  TimelineKind.SPRINT_RESCHEDULED,
  TimelineKind.REALLOCATION_REQUESTED,
  TimelineKind.REALLOCATION_DECIDED,
  TimelineKind.NOTICE_DECIDED,
  TimelineKind.TRANCHE_RELEASED,
  TimelineKind.TRANCHE_CANCELLED,
  TimelineKind.GRANT_COMPLETED,
  TimelineKind.GRANT_STOPPED,
  TimelineKind.MONEY_RETURNED,
  TimelineKind.REFUND_CLAIMED,
  TimelineKind.REFUND_DECIDED,
];

const TIMELINE_SQL = `
SELECT * FROM (
  SELECT g.created_at AS at, 'GRANT_AWARDED' AS kind, 'Grant' AS subject_type, g.id AS subject_id,
         NULL::int AS sprint_number, NULL::uuid AS actor_id, g.awarded_amount_minor::text AS amount,
         g.currency::text AS currency, g.reference::text AS label, g.title::text AS detail
    FROM "grant" g WHERE g.id = $1
  UNION ALL
  SELECT g.closed_at, CASE g.status WHEN 'COMPLETED' THEN 'GRANT_COMPLETED' ELSE 'GRANT_STOPPED' END,
         'Grant', g.id, NULL, NULL, NULL, NULL, g.status, NULL
    FROM "grant" g WHERE g.id = $1 AND g.closed_at IS NOT NULL
  UNION ALL
  SELECT a.created_at, 'GRANT_AMENDED', 'Amendment', a.id, NULL, a.decided_by_id,
         a.new_amount_minor::text, a.currency, NULL, a.reason
    FROM amendment a WHERE a.grant_id = $1
  UNION ALL
  SELECT v.submitted_at, 'REVIEW_SUBMITTED', 'SprintReview', r.id, s.number, v.submitted_by_id,
         NULL, NULL, CASE WHEN v.final THEN 'final ' ELSE '' END || 'v' || v.number, NULL
    FROM sprint_review_version v JOIN sprint_review r ON r.id = v.review_id
    JOIN sprint s ON s.id = r.sprint_id WHERE r.grant_id = $1
  UNION ALL
  SELECT d.created_at, CASE d.decision WHEN 'ACCEPT' THEN 'REVIEW_ACCEPTED' ELSE 'CHANGES_REQUESTED' END,
         'SprintReview', r.id, s.number, d.decided_by_id, NULL, NULL, 'v' || d.version, d.comment
    FROM review_decision d JOIN sprint_review r ON r.id = d.review_id
    JOIN sprint s ON s.id = r.sprint_id WHERE r.grant_id = $1
  UNION ALL
  SELECT c.created_at, 'REVIEW_COMMENT', 'SprintReview', r.id, s.number, c.author_id, NULL, NULL,
         'v' || c.version, c.body
    FROM review_comment c JOIN sprint_review r ON r.id = c.review_id
    JOIN sprint s ON s.id = r.sprint_id
   WHERE r.grant_id = $1
     -- a decision's comment opens the thread; the decision entry already carries it
     AND NOT EXISTS (SELECT 1 FROM review_decision d
                      WHERE d.review_id = c.review_id AND d.created_at = c.created_at)
  UNION ALL
  SELECT p.created_at, 'PIVOT', 'Sprint', p.sprint_id, p.sprint_number, NULL, NULL, NULL, NULL,
         p.after ->> 'goal'
    FROM plan_change p WHERE p.grant_id = $1
  UNION ALL
  SELECT x.created_at, 'SPRINT_RESCHEDULED', 'Sprint', x.sprint_id, x.sprint_number, NULL, NULL, NULL,
         x.new_start_date::text, x.shift_days::text
    FROM schedule_shift x WHERE x.grant_id = $1
  UNION ALL
  SELECT r.created_at, 'REALLOCATION_REQUESTED', 'Reallocation', r.id, NULL, r.requested_by_id,
         r.amount_minor::text, r.currency, CASE WHEN r.within_tolerance THEN 'APPLIED' ELSE 'PENDING' END, r.reason
    FROM reallocation r WHERE r.grant_id = $1
  UNION ALL
  SELECT r.decided_at, 'REALLOCATION_DECIDED', 'Reallocation', r.id, NULL, r.decided_by_id,
         r.amount_minor::text, r.currency, r.status, r.decision_comment
    FROM reallocation r WHERE r.grant_id = $1 AND r.decided_at IS NOT NULL
  UNION ALL
  SELECT t.released_at, 'TRANCHE_RELEASED', 'Tranche', t.id, t.released_by_sprint, NULL,
         t.amount_minor::text, t.currency, t.kind, NULL
    FROM tranche t WHERE t.grant_id = $1 AND t.released_at IS NOT NULL
  UNION ALL
  SELECT t.cancelled_at, 'TRANCHE_CANCELLED', 'Tranche', t.id, t.released_by_sprint, NULL,
         t.amount_minor::text, t.currency, t.kind, NULL
    FROM tranche t WHERE t.grant_id = $1 AND t.cancelled_at IS NOT NULL
  UNION ALL
  SELECT n.created_at, 'NOTICE_FILED', 'ChangeNotice', n.id, s.number, n.filed_by_id,
         n.other_funding_amount_minor::text, n.other_funding_currency, n.kind, n.description
    FROM change_notice n LEFT JOIN sprint s ON s.id = n.sprint_id WHERE n.grant_id = $1
  UNION ALL
  SELECT n.decided_at, 'NOTICE_DECIDED', 'ChangeNotice', n.id, s.number, n.decided_by_id, NULL, NULL,
         n.kind || ' ' || n.status, n.decision_comment
    FROM change_notice n LEFT JOIN sprint s ON s.id = n.sprint_id
   WHERE n.grant_id = $1 AND n.decided_at IS NOT NULL
  UNION ALL
  -- no detail: the ledger's memo is the system's bookkeeping note (in English), and the summary
  -- already says what happened in the reader's language
  SELECT e.created_at, 'MONEY_RETURNED', 'Grant', e.grant_id, NULL, e.actor_person_id,
         (-e.amount_minor)::text, e.currency, NULL, NULL
    FROM ledger_entry e WHERE e.grant_id = $1 AND e.kind = 'RETURN' AND e.account = 'programme'
  UNION ALL
  SELECT c.created_at, 'REFUND_CLAIMED', 'RefundClaim', c.id, NULL, NULL, c.amount_minor::text,
         c.currency, 'OPEN', NULL
    FROM refund_claim c WHERE c.grant_id = $1
  UNION ALL
  SELECT c.decided_at, 'REFUND_DECIDED', 'RefundClaim', c.id, NULL, c.decided_by_id,
         c.amount_minor::text, c.currency, c.status, c.decision_reason
    FROM refund_claim c WHERE c.grant_id = $1 AND c.decided_at IS NOT NULL
  UNION ALL
  SELECT l.created_at, 'LEARNING_SHARED', 'Learning', l.id, l.sprint_number, NULL, NULL, NULL,
         l.kind, l.title
    FROM learning l WHERE l.grant_id = $1
) events
ORDER BY at, array_position(ARRAY[${TIE_ORDER.map((k) => `'${k}'`).join(',')}]::text[], kind), subject_id`;

@Injectable()
export class TimelineService {
  constructor(
    private readonly db: Database,
    private readonly grants: GrantService,
  ) {}

  async forGrant(ctx: RequestContext, grantId: string): Promise<TimelineEntry[]> {
    await this.grants.get(ctx, grantId);
    const rows = await this.db.manager(ctx).query<Row[]>(TIMELINE_SQL, [grantId]);
    return rows.map((r) => {
      const amount = r.amount && r.currency ? Money.of(BigInt(r.amount), r.currency) : null;
      return {
        at: r.at,
        kind: r.kind,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        sprintNumber: r.sprint_number,
        amount,
        label: r.label,
        detail: shownDetail(r),
        actorId: r.actor_id,
        summary: summary(r, amount ? amount.format(ctx.language) : '', ctx.language),
      };
    });
  }
}

/**
 * The text that came with an entry, as the app and the reports show it below the summary: a
 * person's words (a comment, reason, title). A reschedule's row carries the days it moved in
 * `detail` for its summary, which says them; shown again they would be a bare number.
 */
function shownDetail(r: Row): string | null {
  return r.kind === TimelineKind.SPRINT_RESCHEDULED ? null : r.detail;
}

/** The entry in words, from the timeline catalogues (`src/sprints/catalogues`). */
export function summary(r: Row, money: string, language: 'de' | 'en'): string {
  const say = (key: string, values: Record<string, unknown> = {}) =>
    timelineText(language, `timeline.${key}`, {
      n: r.sprint_number,
      label: r.label,
      detail: r.detail,
      money,
      ...values,
    });
  switch (r.kind) {
    case TimelineKind.SPRINT_RESCHEDULED:
      return say(r.kind, { day: calendarDay(r.label, language) });
    case TimelineKind.REALLOCATION_REQUESTED:
      return say(r.label === 'APPLIED' ? 'REALLOCATION_APPLIED' : r.kind);
    case TimelineKind.REALLOCATION_DECIDED:
      return say(r.label === 'APPLIED' ? 'REALLOCATION_APPROVED' : 'REALLOCATION_DECLINED');
    case TimelineKind.NOTICE_FILED:
      return say(r.kind, { kind: noticeKind(r.label, language) });
    case TimelineKind.NOTICE_DECIDED: {
      // `KIND STATUS`, as the timeline query selects it: "Abbruch: zur Kenntnis genommen".
      const [kind, status] = (r.label ?? '').split(' ');
      return say(r.kind, {
        kind: noticeKind(kind ?? null, language),
        answer: status
          ? timelineText(language, `noticeStatus.${status}`, { defaultValue: status })
          : '',
      });
    }
    case TimelineKind.REFUND_DECIDED:
      return say(r.label === 'SETTLED' ? 'REFUND_SETTLED' : 'REFUND_WAIVED');
    default:
      return say(r.kind);
  }
}

function noticeKind(kind: string | null, language: 'de' | 'en'): string {
  return kind ? timelineText(language, `noticeKind.${kind}`, { defaultValue: kind }) : '';
}

/** A calendar day (YYYY-MM-DD) as the reader writes it: 25.03.2027 or 25 March 2027. */
function calendarDay(day: string | null, language: 'de' | 'en'): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    day: language === 'de' ? '2-digit' : 'numeric',
    month: language === 'de' ? '2-digit' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}
