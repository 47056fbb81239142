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
import { emailTexts } from '../notifications/email-texts';

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
      render: (reader) => {
        const say = emailTexts(reader);
        // Why it was switched off: its creator left, or it failed too often.
        const cause = payload.cause === 'creator-left' ? 'creatorLeft' : 'failed';
        return {
          subject: say('webhookDisabled.subject'),
          lines: [
            say(`webhookDisabled.${cause}.disabled`, {
              url: endpoint.url,
              why: endpoint.disabledReason ?? '',
            }),
            say(`webhookDisabled.${cause}.check`),
          ],
          path: AppLinks.webhookEndpoint(endpoint.id),
        };
      },
    });
  }
}
