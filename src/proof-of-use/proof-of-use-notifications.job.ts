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
import { calendarDay } from '../notifications/email-words';
import { NotificationKind } from '../notifications/notification.enums';
import { Notifier } from '../notifications/notifier.service';
import { ProofOfUse, ProofOfUseDecision } from './proof-of-use.entity';
import { ProofOfUseDecisionKind, ProofOfUseKind } from './proof-of-use.enums';

/** "the interim proof of use for 1 January 2026 – 31 December 2026" in the reader's words. */
function what(proof: ProofOfUse, de: boolean): string {
  const period = `${calendarDay(proof.periodFrom, de)} – ${calendarDay(proof.periodTo, de)}`;
  if (proof.kind === ProofOfUseKind.FINAL)
    return de ? 'den Verwendungsnachweis' : 'the final proof of use';
  return de ? `den Zwischennachweis für ${period}` : `the interim proof of use for ${period}`;
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
      render: ({ de, du }) => ({
        subject: de
          ? `Nachweis zu „${grant.title}“ eingereicht`
          : `Proof of use of "${grant.title}" submitted`,
        lines: de
          ? [
              `das Team von „${grant.title}“ (${grant.reference}) hat ${what(proof, true)} eingereicht${payload.version > 1 ? ` (Fassung ${payload.version})` : ''}.`,
              du
                ? 'Bitte sieh ihn dir an und entscheide: annehmen oder Änderungen erbitten.'
                : 'Bitte sehen Sie ihn sich an und entscheiden Sie: annehmen oder Änderungen erbitten.',
            ]
          : [
              `the team of "${grant.title}" (${grant.reference}) submitted ${what(proof, false)}${payload.version > 1 ? ` (version ${payload.version})` : ''}.`,
              'Please read it and decide: accept it or ask for changes.',
            ],
        path: AppLinks.proofOfUse(grant.id, proof.id),
      }),
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
      render: ({ de, du }) => ({
        subject: de
          ? `Nachweis zu „${grant.title}“: ${accepted ? 'angenommen' : 'Änderungen erbeten'}`
          : `Proof of use of "${grant.title}": ${accepted ? 'accepted' : 'changes requested'}`,
        lines: [
          de
            ? accepted
              ? `der Förderer hat ${what(proof, true)} von „${grant.title}“ angenommen.`
              : `der Förderer bittet um Änderungen an ${what(proof, true).replace(/^den /, 'dem ')} von „${grant.title}“.`
            : accepted
              ? `the funder accepted ${what(proof, false)} of "${grant.title}".`
              : `the funder asks for changes to ${what(proof, false)} of "${grant.title}".`,
          ...(decision.comment
            ? [de ? `Kommentar: ${decision.comment}` : `Comment: ${decision.comment}`]
            : []),
          ...(!accepted
            ? [
                de
                  ? du
                    ? 'Du kannst den Nachweis jetzt überarbeiten und erneut einreichen.'
                    : 'Sie können den Nachweis jetzt überarbeiten und erneut einreichen.'
                  : 'You can now revise the proof of use and submit it again.',
              ]
            : []),
        ],
        path: AppLinks.proofOfUse(grant.id, proof.id),
      }),
    });
  }
}
