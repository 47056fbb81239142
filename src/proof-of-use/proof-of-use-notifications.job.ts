// Who hears about a proof of use: a submission goes to the funder's managers, a decision to the
// grantee's team (it cannot be turned off). In-app and email, in German (du or Sie) or English,
// once per event.
import { Injectable } from '@nestjs/common';
import { AppLinks } from '../core/links/app-links';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OnJob } from '../core/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../core/queue/jobs';
import { GrantService } from '../grants/grant.service';
import { emailTexts, Say } from '../notifications/email-texts';
import { calendarDay } from '../notifications/email-words';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { ProofOfUse, ProofOfUseDecision } from './proof-of-use.entity';
import { ProofOfUseDecisionKind, ProofOfUseKind } from './proof-of-use.enums';

/**
 * "the interim proof of use for 1 January 2026 – 31 December 2026" in the reader's words; German
 * needs it as object (accusative, "den …") and after "an" (dative, "dem …").
 */
function what(say: Say, de: boolean, proof: ProofOfUse, dative = false): string {
  const period = say('proofOfUse.period', {
    from: calendarDay(proof.periodFrom, de),
    to: calendarDay(proof.periodTo, de),
  });
  const kind = proof.kind === ProofOfUseKind.FINAL ? 'final' : 'interim';
  return say(`proofOfUse.${dative ? 'whatDative' : 'what'}.${kind}`, { period });
}

@Injectable()
export class ProofOfUseNotificationsJob {
  private readonly ctx = RequestContext.system('proof-of-use notifications');

  constructor(
    private readonly db: Database,
    private readonly notifier: Notifier,
    private readonly grants: GrantService,
  ) {}

  @OnJob(JobName.ProofOfUseSubmitted)
  async submitted(payload: JobPayloads[JobName.ProofOfUseSubmitted]) {
    const proof = await this.db.repo(this.ctx, ProofOfUse).findOneBy({ id: payload.proofOfUseId });
    if (!proof) return { emails: 0, inApp: 0 };
    const grant = await this.grants.byId(this.ctx, proof.grantId);
    return this.notifier.deliver({
      key: `proof-of-use-submitted:${proof.id}:v${payload.version}`,
      kind: NotificationKind.PROOF_OF_USE_SUBMITTED,
      organizationId: grant.funderOrganizationId,
      funderId: grant.funderOrganizationId,
      subjectType: 'ProofOfUse',
      subjectId: proof.id,
      recipients: await this.notifier.managers(grant.funderOrganizationId),
      render: (reader) => {
        const say = emailTexts(reader);
        const title = grant.title;
        return {
          subject: say('proofOfUseSubmitted.subject', { title }),
          lines: [
            say('proofOfUseSubmitted.lines.submitted', {
              title,
              reference: grant.reference,
              what: what(say, reader.de, proof),
              version:
                payload.version > 1
                  ? say('proofOfUseSubmitted.version', { version: payload.version })
                  : '',
            }),
            say('proofOfUseSubmitted.lines.decide'),
          ],
          path: AppLinks.proofOfUse(grant.id, proof.id),
        };
      },
    });
  }

  @OnJob(JobName.ProofOfUseDecided)
  async decided(payload: JobPayloads[JobName.ProofOfUseDecided]) {
    const proof = await this.db.repo(this.ctx, ProofOfUse).findOneBy({ id: payload.proofOfUseId });
    const decision = await this.db
      .repo(this.ctx, ProofOfUseDecision)
      .findOneBy({ id: payload.decisionId });
    if (!proof || !decision) return { emails: 0, inApp: 0 };
    const grant = await this.grants.byId(this.ctx, proof.grantId);
    const accepted = decision.decision === ProofOfUseDecisionKind.ACCEPT;
    return this.notifier.deliver({
      key: `proof-of-use-decided:${decision.id}`,
      kind: NotificationKind.PROOF_OF_USE_DECIDED,
      organizationId: grant.granteeOrganizationId,
      funderId: grant.funderOrganizationId,
      subjectType: 'ProofOfUse',
      subjectId: proof.id,
      recipients: await this.notifier.team(grant.granteeOrganizationId),
      render: (reader) => {
        const say = emailTexts(reader);
        const title = grant.title;
        const outcome = accepted ? 'accepted' : 'changesRequested';
        return {
          subject: say('proofOfUseDecided.subject', {
            title,
            outcome: say(`proofOfUseDecided.outcome.${outcome}`),
          }),
          lines: [
            say(`proofOfUseDecided.lines.${outcome}`, {
              title,
              what: what(say, reader.de, proof, !accepted),
            }),
            ...(decision.comment ? [say('mail.comment', { comment: decision.comment })] : []),
            ...(!accepted ? [say('proofOfUseDecided.lines.revise')] : []),
          ],
          path: AppLinks.proofOfUse(grant.id, proof.id),
        };
      },
    });
  }
}
