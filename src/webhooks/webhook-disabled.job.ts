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

/** Tells an organisation's owners that one of its webhook endpoints was disabled. */
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
      render: ({ de, du }) => ({
        subject: de ? 'Webhook-Endpunkt abgeschaltet' : 'Webhook endpoint disabled',
        lines: de
          ? [
              `der Endpunkt ${endpoint.url} hat zu oft nicht geantwortet (${endpoint.disabledReason ?? ''}) und bekommt keine Ereignisse mehr.`,
              du
                ? 'Prüfe den Empfänger und schalte den Endpunkt wieder ein; fehlgeschlagene Zustellungen kannst du erneut senden.'
                : 'Prüfen Sie den Empfänger und schalten Sie den Endpunkt wieder ein; fehlgeschlagene Zustellungen können Sie erneut senden.',
            ]
          : [
              `the endpoint ${endpoint.url} failed too often (${endpoint.disabledReason ?? ''}) and receives no more events.`,
              'Check the receiver and enable the endpoint again; failed deliveries can be sent again.',
            ],
        path: AppLinks.webhookEndpoint(endpoint.id),
      }),
    });
  }
}
