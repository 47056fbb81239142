import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AppConfig } from '../core/config/app-config.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { Membership } from '../identity/entities/membership.entity';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import { FormOfAddress, Language, Role } from '../identity/roles';
import { emailHtml } from '../notifications/html';
import { MailerService } from '../notifications/mailer.service';
import { Programme } from '../programmes/programme.entity';
import { Application } from './application.entity';
import { DecisionKind } from './application.enums';

const HEADLINE: Record<DecisionKind, { de: string; en: string }> = {
  APPROVE: { de: 'wurde bewilligt', en: 'was approved' },
  REJECT: { de: 'wurde nicht bewilligt', en: 'was not approved' },
  REQUEST_INFO: { de: 'braucht noch Angaben', en: 'needs more information' },
};

/** Emails the grantee's people about a decision on their application, each in their language, once. */
@Injectable()
export class NotifyApplicationDecidedJob {
  constructor(
    private readonly db: Database,
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.ApplicationDecided)
  async run(payload: JobPayloads[JobName.ApplicationDecided]): Promise<{ sent: number }> {
    const ctx = RequestContext.system('notify-application-decided');
    const application = await this.db
      .repo(ctx, Application)
      .findOneBy({ id: payload.applicationId });
    if (!application) return { sent: 0 };
    const [programme, org] = await Promise.all([
      this.db.repo(ctx, Programme).findOneByOrFail({ id: application.programmeId }),
      this.db.repo(ctx, Organization).findOneByOrFail({ id: application.granteeOrganizationId }),
    ]);
    const memberships = await this.db
      .repo(ctx, Membership)
      .findBy({ organizationId: org.id, role: In([Role.OWNER, Role.MEMBER]) });
    const people = await this.db
      .repo(ctx, Person)
      .findBy({ id: In(memberships.map((m) => m.personId)) });
    const decision = payload.decision as DecisionKind;
    const link = `${this.config.get('PUBLIC_APP_URL')}/applications/${application.id}`;
    // The feedback of this decision, even if another decision came since.
    const feedback = payload.feedback ?? application.decisionFeedback;
    let sent = 0;
    for (const person of people.filter((p) => !p.anonymizedAt)) {
      const de = person.language === Language.DE;
      const du = org.formOfAddress === FormOfAddress.DU;
      const headline = HEADLINE[decision][de ? 'de' : 'en'];
      const subject = de
        ? `Euer Antrag „${application.title}“ ${headline}`
        : `Your application "${application.title}" ${headline}`;
      const lines = de
        ? [
            du ? `Hallo ${person.displayName},` : `Guten Tag ${person.displayName},`,
            `der Antrag „${application.title}“ im Programm „${programme.title}“ ${headline}.`,
            ...(feedback ? [`Rückmeldung des Förderers: ${feedback}`] : []),
            `${du ? 'Alle Details findest du hier' : 'Alle Details finden Sie hier'}: ${link}`,
          ]
        : [
            `Hello ${person.displayName},`,
            `the application "${application.title}" to "${programme.title}" ${headline}.`,
            ...(feedback ? [`The funder's feedback: ${feedback}`] : []),
            `All details: ${link}`,
          ];
      const result = await this.mailer.sendOnce(
        `application-decided:${application.id}:v${payload.version}:${decision}:${person.id}`,
        {
          to: person.email,
          subject,
          text: lines.join('\n\n'),
          html: emailHtml(person.language, lines, [link]),
        },
      );
      if (result.sent) sent++;
    }
    return { sent };
  }
}
