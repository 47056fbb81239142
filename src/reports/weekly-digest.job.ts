// Monday mornings: each running programme's week in numbers, emailed to its managers (once per
// programme and week: the key carries the ISO week).
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Money } from '../core/money/money';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName } from '../core/queue/jobs';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { AppLinks } from '../core/links/app-links';
import { emailTexts } from '../notifications/email-texts';
import { weekName } from '../notifications/email-words';

interface Week {
  id: string;
  title: string;
  currency: string;
  funder: string;
  grants: number;
  submitted: number;
  waiting: number;
  overdue: number;
  learnings: number;
  released: string;
}

@Injectable()
export class WeeklyDigestJob {
  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
  ) {}

  @OnJob(JobName.WeeklyDigest)
  async run(
    _payload?: unknown,
    _info?: unknown,
    now = new Date(),
  ): Promise<{ programmes: number }> {
    const weeks = await this.db.manager(RequestContext.system('weekly digest')).query<Week[]>(
      `SELECT p.id, p.title, p.currency, p.funder_organization_id AS funder,
              (SELECT count(*) FROM "grant" g WHERE g.programme_id = p.id)::int AS grants,
              (SELECT count(*) FROM sprint_review_version v JOIN sprint_review r ON r.id = v.review_id
                 JOIN "grant" g ON g.id = r.grant_id
                WHERE g.programme_id = p.id AND v.submitted_at > $1::timestamptz - interval '7 days')::int AS submitted,
              (SELECT count(*) FROM sprint s JOIN "grant" g ON g.id = s.grant_id
                WHERE g.programme_id = p.id AND s.status = 'IN_REVIEW')::int AS waiting,
              (SELECT count(*) FROM sprint s JOIN "grant" g ON g.id = s.grant_id
                WHERE g.programme_id = p.id AND g.status = 'ACTIVE'
                  AND s.status IN ('ACTIVE', 'REVIEW_DUE') AND s.end_date < $1::date)::int AS overdue,
              (SELECT count(*) FROM learning l
                WHERE l.programme_id = p.id AND l.created_at > $1::timestamptz - interval '7 days')::int AS learnings,
              coalesce((SELECT sum(t.amount_minor) FROM tranche t JOIN "grant" g ON g.id = t.grant_id
                WHERE g.programme_id = p.id AND t.released_at > $1::timestamptz - interval '7 days'), 0)::text AS released
         FROM programme p
        WHERE p.status IN ('OPEN', 'CLOSED')
          AND EXISTS (SELECT 1 FROM "grant" g WHERE g.programme_id = p.id)`,
      [now.toISOString()],
    );
    const week = isoWeek(now);
    for (const w of weeks) {
      await this.notifier.deliver({
        key: `weekly-digest:${w.id}:${week}`,
        kind: NotificationKind.WEEKLY_DIGEST,
        organizationId: w.funder,
        subjectType: 'Programme',
        subjectId: w.id,
        recipients: await this.notifier.managers(w.funder),
        funderId: w.funder,
        render: (reader) => {
          const { de } = reader;
          const say = emailTexts(reader);
          const released = Money.of(BigInt(w.released), w.currency).format(de ? 'de' : 'en');
          return {
            subject: say('weeklyDigest.subject', { week: weekName(week, de), title: w.title }),
            lines: [
              say('weeklyDigest.lines.week', {
                title: w.title,
                grants: say('weeklyDigest.grants', { count: w.grants }),
              }),
              say('weeklyDigest.lines.reviews', {
                submitted: w.submitted,
                waiting: w.waiting,
                overdue: w.overdue,
              }),
              say('weeklyDigest.lines.learnings', { learnings: w.learnings, released }),
            ],
            linkIntro: say('weeklyDigest.lines.report'),
            path: AppLinks.portfolio(w.id),
          };
        },
      });
    }
    return { programmes: weeks.length };
  }
}

/** ISO-8601 week, e.g. 2026-W48. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
