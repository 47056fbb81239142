import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { Role } from '../identity/roles';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { WebhookEndpoint } from './webhook.entity';
import { WebhookEndpointStatus } from './webhook.enums';
import { AppLinks } from '../core/links/app-links';

/**
 * Tells an organisation's owners that one of its webhook endpoints was disabled: after repeated
 * failures, or because the owner who created it left or was demoted.
 */
@Injectable()
export class WebhookDisabledJob {
  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
  ) {}

  @OnJob(JobName.WebhookDisabled)
  async run(payload: JobPayloads[JobName.WebhookDisabled]) {
    const endpoint = await this.db
      .repo(RequestContext.system('webhook disabled'), WebhookEndpoint)
      .findOneBy({ id: payload.endpointId });
    // Turned on again meanwhile: nothing to tell.
    if (!endpoint || endpoint.status !== WebhookEndpointStatus.DISABLED)
      return { emails: 0, inApp: 0 };
    return this.notifier.deliver({
      key: `webhook-disabled:${endpoint.id}:${payload.disabledAt}`,
      kind: NotificationKind.WEBHOOK_DISABLED,
      organizationId: endpoint.organizationId,
      subjectType: 'WebhookEndpoint',
      subjectId: endpoint.id,
      recipients: await this.notifier.people(endpoint.organizationId, [Role.OWNER]),
      render: ({ de, du }) => {
        const why = endpoint.disabledReason ?? '';
        if (payload.cause === 'creator-left')
          return {
            subject: de ? 'Webhook-Endpunkt abgeschaltet' : 'Webhook endpoint disabled',
            lines: de
              ? [
                  `der Endpunkt ${endpoint.url} wurde von einer Person angelegt, die nicht mehr Inhaber:in der Organisation ist. Er bekommt deshalb keine Ereignisse mehr, und Einladungen dieser Person gelten nicht mehr.`,
                  du
                    ? 'Prüfe, wohin der Endpunkt sendet; wenn er weiter Ereignisse bekommen soll, schalte ihn wieder ein.'
                    : 'Prüfen Sie, wohin der Endpunkt sendet; wenn er weiter Ereignisse bekommen soll, schalten Sie ihn wieder ein.',
                ]
              : [
                  `The endpoint ${endpoint.url} was created by someone who is no longer an owner of the organisation, so it receives no more events, and invitations they sent no longer work.`,
                  'Check where the endpoint sends to; if it should keep receiving events, enable it again.',
                ],
            path: AppLinks.webhookEndpoint(endpoint.id),
          };
        return {
          subject: de ? 'Webhook-Endpunkt abgeschaltet' : 'Webhook endpoint disabled',
          lines: de
            ? [
                `der Endpunkt ${endpoint.url} hat zu oft nicht geantwortet (${why}) und bekommt keine Ereignisse mehr.`,
                du
                  ? 'Prüfe den Empfänger und schalte den Endpunkt wieder ein; fehlgeschlagene Zustellungen kannst du erneut senden.'
                  : 'Prüfen Sie den Empfänger und schalten Sie den Endpunkt wieder ein; fehlgeschlagene Zustellungen können Sie erneut senden.',
              ]
            : [
                `The endpoint ${endpoint.url} failed too often (${why}) and receives no more events.`,
                'Check the receiver and enable the endpoint again; failed deliveries can be sent again.',
              ],
          path: AppLinks.webhookEndpoint(endpoint.id),
        };
      },
    });
  }
}
