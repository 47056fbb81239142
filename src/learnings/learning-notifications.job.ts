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
import { Notifier } from '../notifications/notifier.service';
import { Learning } from './learning.entity';

const WIDER_DE: Record<string, string> = {
  PROGRAMME: 'mit allen Teams des Programms',
  PUBLIC: 'öffentlich in der Lern-Allmende',
};
const WIDER_EN: Record<string, string> = {
  PROGRAMME: 'with every team of the programme',
  PUBLIC: 'publicly, in the learning commons',
};

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
      render: ({ de, du }) => ({
        subject: de
          ? `${funder?.name ?? 'Der Förderer'} bittet, ein Learning zu teilen: „${learning.title}“`
          : `${funder?.name ?? 'Your funder'} asks you to share a learning: "${learning.title}"`,
        lines: de
          ? [
              `${funder?.name ?? 'Der Förderer'} bittet darum, das Learning „${learning.title}“ ${WIDER_DE[payload.visibility] ?? ''} zu teilen.`,
              du
                ? 'Ob und wie (mit eurem Namen oder anonym, unter welcher Lizenz), entscheidet ihr; ihr könnt es jederzeit wieder einschränken.'
                : 'Ob und wie (mit Ihrem Namen oder anonym, unter welcher Lizenz), entscheiden Sie; Sie können es jederzeit wieder einschränken.',
            ]
          : [
              `${funder?.name ?? 'Your funder'} asks you to share the learning "${learning.title}" ${WIDER_EN[payload.visibility] ?? ''}.`,
              'Whether and how (named or pseudonymised, under which licence) is your decision; you can narrow it again at any time.',
            ],
        path: AppLinks.learning(learning.id),
      }),
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
      render: ({ de, du }) => {
        const name = team?.name ?? (de ? 'Das Team' : 'The team');
        return {
          subject: de
            ? consented
              ? `${name} teilt das Learning „${learning.title}“`
              : `${name} möchte das Learning „${learning.title}“ nicht weiter teilen`
            : consented
              ? `${name} shares the learning "${learning.title}"`
              : `${name} declines to share the learning "${learning.title}" more widely`,
          lines: de
            ? [
                consented
                  ? `${name} ist ${du ? 'deiner' : 'Ihrer'} Bitte gefolgt und teilt das Learning „${learning.title}“ jetzt ${WIDER_DE[payload.visibility] ?? ''}.`
                  : `${name} hat ${du ? 'deine' : 'Ihre'} Bitte abgelehnt: Das Learning „${learning.title}“ bleibt, wie es ist.`,
                ...(comment ? [`Kommentar des Teams: „${comment}“`] : []),
              ]
            : [
                consented
                  ? `${name} agreed to your request and now shares the learning "${learning.title}" ${WIDER_EN[payload.visibility] ?? ''}.`
                  : `${name} declined your request: the learning "${learning.title}" stays as it is.`,
                ...(comment ? [`The team's comment: "${comment}"`] : []),
              ],
          path: AppLinks.learning(learning.id),
        };
      },
    });
  }
}
