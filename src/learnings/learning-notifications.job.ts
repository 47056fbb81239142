// A funder asked a team to share a learning more widely: the team hears of it, in-app and by email,
// once per request. The team answered (consent or decline, with its comment): the funder's
// managers hear of it, once per answer.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { AppLinks } from '../core/links/app-links';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { NotificationKind } from '../notifications/notification.enums';
import { emailTexts, Say } from '../notifications/email-texts';
import { Notifier } from '../notifications/notifier.service';
import { Learning } from './learning.entity';

/** "with every team of the programme" / "publicly, in the learning commons". */
const wider = (say: Say, visibility: string) =>
  say(`learningShare.wider.${visibility}`, { defaultValue: '' });

@Injectable()
export class LearningNotificationsJob {
  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
  ) {}

  private readonly ctx = RequestContext.system('learning notifications');

  @OnJob(JobName.LearningShareRequested)
  async shareRequested(payload: JobPayloads[JobName.LearningShareRequested]) {
    const learning = await this.db.repo(this.ctx, Learning).findOneBy({ id: payload.learningId });
    // Answered or withdrawn meanwhile: nothing to ask any more.
    if (!learning || (learning.requestedVisibility as string | null) !== payload.visibility)
      return { emails: 0, inApp: 0 };
    const [funder] = await this.db
      .manager(this.ctx)
      .query<{ name: string }[]>(`SELECT name FROM organization WHERE id = $1`, [
        learning.funderOrganizationId,
      ]);
    return this.notifier.deliver({
      key: `learning-share-requested:${learning.id}:${payload.requestedAt}`,
      kind: NotificationKind.LEARNING_SHARE_REQUESTED,
      organizationId: learning.authorOrganizationId,
      subjectType: 'Learning',
      subjectId: learning.id,
      recipients: await this.notifier.team(learning.authorOrganizationId),
      funderId: learning.funderOrganizationId,
      render: (reader) => {
        const say = emailTexts(reader);
        const name = funder?.name ?? say('learningShareRequested.someFunder');
        const title = learning.title;
        return {
          subject: say('learningShareRequested.subject', { funder: name, title }),
          lines: [
            say('learningShareRequested.lines.asks', {
              funder: name,
              title,
              wider: wider(say, payload.visibility),
            }),
            say('learningShareRequested.lines.yourDecision'),
          ],
          path: AppLinks.learning(learning.id),
        };
      },
    });
  }

  @OnJob(JobName.LearningShareAnswered)
  async shareAnswered(payload: JobPayloads[JobName.LearningShareAnswered]) {
    const learning = await this.db.repo(this.ctx, Learning).findOneBy({ id: payload.learningId });
    if (!learning) return { emails: 0, inApp: 0 };
    const [team] = await this.db
      .manager(this.ctx)
      .query<{ name: string }[]>(`SELECT name FROM organization WHERE id = $1`, [
        learning.authorOrganizationId,
      ]);
    const consented = payload.decision === 'CONSENT';
    const comment = payload.comment;
    return this.notifier.deliver({
      key: `learning-share-answered:${learning.id}:${payload.answeredAt}`,
      kind: NotificationKind.LEARNING_SHARE_ANSWERED,
      organizationId: learning.funderOrganizationId,
      funderId: learning.funderOrganizationId,
      subjectType: 'Learning',
      subjectId: learning.id,
      recipients: await this.notifier.managers(learning.funderOrganizationId),
      render: (reader) => {
        const say = emailTexts(reader);
        const name = team?.name ?? say('learningShareAnswered.someTeam');
        const answer = consented ? 'consented' : 'declined';
        const values = { team: name, title: learning.title };
        return {
          subject: say(`learningShareAnswered.subject.${answer}`, values),
          lines: [
            say(`learningShareAnswered.lines.${answer}`, {
              ...values,
              wider: wider(say, payload.visibility),
            }),
            ...(comment ? [say('learningShareAnswered.lines.comment', { comment })] : []),
          ],
          path: AppLinks.learning(learning.id),
        };
      },
    });
  }
}
