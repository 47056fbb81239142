// Proofs of use of a grant: the grantee starts one for a period (or the final one once the grant
// ended), writes the closing statement and submits it; the funder accepts it or asks for changes,
// after which the grantee edits and submits again. Every step locks the grant (GrantAggregate),
// is audited and tells the other side through the outbox; start, submit and decide take an
// idempotency key, so a double click does one thing. The funder sees a proof of use once it was
// submitted; other tenants get NOT_FOUND.
import { Injectable } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError, NotFoundError } from '../core/errors/app-error';
import { IdempotencyService } from '../core/idempotency/idempotency.service';
import { OutboxService } from '../core/outbox/outbox.service';
import { ConnectionShape, createdAtKeys, paginate } from '../core/pagination/connection';
import { JobName } from '../core/queue/jobs';
import { calendarDay } from '../core/calendar/calendar-day';
import type { Grant } from '../grants/grant.entity';
import { GrantStatus } from '../grants/grant.enums';
import { GrantAggregate } from '../grants/grant-aggregate';
import { GrantService } from '../grants/grant.service';
import { OrganizationKind } from '../identity/roles';
import {
  DecideProofOfUseInput,
  ProofsOfUseArgs,
  StartProofOfUseInput,
  SubmitProofOfUseInput,
  UpdateProofOfUseInput,
} from './dto/proof-of-use.inputs';
import { ProofOfUseFigures } from './dto/proof-of-use.types';
import { Period, ProofOfUseCompiler } from './proof-of-use-compiler';
import { ProofOfUse, ProofOfUseDecision } from './proof-of-use.entity';
import {
  PROOF_EDITABLE,
  ProofOfUseDecisionKind,
  ProofOfUseKind,
  ProofOfUseStatus,
} from './proof-of-use.enums';
import { ProofOfUseReason, proofOfUseErrors } from './proof-of-use.errors';

@Injectable()
export class ProofOfUseService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    private readonly aggregate: GrantAggregate,
    private readonly grants: GrantService,
    private readonly compiler: ProofOfUseCompiler,
  ) {}

  /** Proofs of use the caller may see: the grantee's all, the funder's once submitted. */
  private visible(ctx: RequestContext) {
    return this.db
      .repo(ctx, ProofOfUse)
      .createQueryBuilder('p')
      .innerJoin('grant', 'g', 'g.id = p.grant_id')
      .where(
        '(g.grantee_organization_id = :org OR (g.funder_organization_id = :org AND p.submitted_version > 0))',
        { org: ctx.orgId },
      );
  }

  async get(ctx: RequestContext, id: string): Promise<ProofOfUse> {
    const proof = await this.visible(ctx).andWhere('p.id = :id', { id }).getOne();
    if (!proof) throw new NotFoundError('ProofOfUse', id);
    return proof;
  }

  async list(ctx: RequestContext, args: ProofsOfUseArgs): Promise<ConnectionShape<ProofOfUse>> {
    const { grantId, ...page } = args;
    await this.grants.get(ctx, grantId); // NOT_FOUND for other tenants
    const qb = this.visible(ctx).andWhere('p.grant_id = :grantId', { grantId });
    return paginate(qb, page, createdAtKeys('p'));
  }

  /** What the proof of use compiles, read with the caller's rights. */
  async figures(ctx: RequestContext, proof: ProofOfUse): Promise<ProofOfUseFigures> {
    const grant = await this.grants.get(ctx, proof.grantId);
    return this.compiler.compile(ctx, grant, this.periodOf(proof), {
      from: proof.periodFrom,
      to: proof.periodTo,
    });
  }

  /** The period whose spend it counts; the final one counts everything. */
  periodOf(proof: ProofOfUse): Period {
    return proof.kind === ProofOfUseKind.FINAL
      ? null
      : { from: proof.periodFrom, to: proof.periodTo };
  }

  async start(ctx: RequestContext, input: StartProofOfUseInput): Promise<ProofOfUse> {
    return this.idempotency.mutation(
      ctx,
      'startProofOfUse',
      input,
      { read: (c, id) => this.get(c, id) },
      (ctx) =>
        this.aggregate.withGrant(
          ctx,
          { grantId: input.grantId },
          OrganizationKind.GRANTEE,
          async (h) => {
            const { tx, grant } = h;
            const period = this.periodFor(grant, input);
            const existing = await this.db.repo(tx, ProofOfUse).findOneBy(
              input.kind === ProofOfUseKind.FINAL
                ? { grantId: grant.id, kind: ProofOfUseKind.FINAL }
                : {
                    grantId: grant.id,
                    kind: input.kind,
                    periodFrom: period.from,
                    periodTo: period.to,
                  },
            );
            if (existing)
              throw proofOfUseErrors.conflict(ProofOfUseReason.PERIOD_TAKEN, {
                existingId: existing.id,
              });
            const proof = await this.db.repo(tx, ProofOfUse).save({
              grantId: grant.id,
              kind: input.kind,
              periodFrom: period.from,
              periodTo: period.to,
              status: ProofOfUseStatus.DRAFT,
              statement: '',
              submittedVersion: 0,
              createdById: tx.userId ?? null,
            });
            await this.audit.record(tx, {
              action: 'proof-of-use.started',
              subjectType: 'ProofOfUse',
              subjectId: proof.id,
              organizationId: grant.granteeOrganizationId,
              after: { kind: proof.kind, periodFrom: period.from, periodTo: period.to },
            });
            return proof.id;
          },
        ),
    );
  }

  private periodFor(grant: Grant, input: StartProofOfUseInput): { from: string; to: string } {
    if (input.kind === ProofOfUseKind.FINAL) {
      if (grant.status === GrantStatus.ACTIVE)
        throw proofOfUseErrors.conflict(ProofOfUseReason.GRANT_RUNNING, { current: grant.status });
      const end = grant.closedAt ? calendarDay(grant.closedAt) : grant.endDate;
      return { from: grant.startDate, to: end < grant.startDate ? grant.startDate : end };
    }
    const problems = [
      ...(!input.periodFrom
        ? [
            {
              field: 'periodFrom',
              message: 'is required for an interim proof of use',
              messageDe: 'ist für einen Zwischennachweis nötig',
            },
          ]
        : []),
      ...(!input.periodTo
        ? [
            {
              field: 'periodTo',
              message: 'is required for an interim proof of use',
              messageDe: 'ist für einen Zwischennachweis nötig',
            },
          ]
        : []),
    ];
    if (problems.length) throw BadUserInputError.forFields(problems);
    if (input.periodTo! < input.periodFrom!)
      throw BadUserInputError.forField(
        'periodTo',
        'may not be before the first day of the period',
        'darf nicht vor dem ersten Tag des Zeitraums liegen',
      );
    return { from: input.periodFrom!, to: input.periodTo! };
  }

  async update(ctx: RequestContext, input: UpdateProofOfUseInput): Promise<ProofOfUse> {
    const id = await this.asGrantee(ctx, input.proofOfUseId, async (tx, proof, grant) => {
      this.assertEditable(proof);
      await this.writeStatement(tx, proof, grant, input.statement);
      return proof.id;
    });
    return this.get(ctx, id);
  }

  async submit(ctx: RequestContext, input: SubmitProofOfUseInput): Promise<ProofOfUse> {
    return this.idempotency.mutation(
      ctx,
      'submitProofOfUse',
      input,
      { read: (c, id) => this.get(c, id) },
      (ctx) =>
        this.asGrantee(ctx, input.proofOfUseId, async (tx, proof, grant) => {
          this.assertEditable(proof);
          if (input.statement !== undefined && input.statement !== proof.statement)
            proof = await this.writeStatement(tx, proof, grant, input.statement);
          if (!proof.statement.trim())
            throw proofOfUseErrors.badInput(
              ProofOfUseReason.STATEMENT_MISSING,
              [
                {
                  field: 'statement',
                  message: 'write the closing statement first',
                  messageDe: 'bitte zuerst den abschließenden Sachbericht schreiben',
                },
              ],
              {},
            );
          const figures = await this.compiler.compile(tx, grant, this.periodOf(proof), {
            from: proof.periodFrom,
            to: proof.periodTo,
          });
          const missing = figures.receipts.filter((r) => r.receiptMissing);
          if (missing.length) {
            const named = missing.map(
              (r) =>
                `${r.spentOn} ${r.lineName} ${r.amount.toDecimalString()} ${r.amount.currency}${r.receiptReference ? ` (${r.receiptReference})` : ''}`,
            );
            throw proofOfUseErrors.badInput(
              ProofOfUseReason.RECEIPTS_MISSING,
              missing.map((r, i) => ({
                field: `receipts.${r.spendEntryId}`,
                message: `${named[i]}: no receipt attached`,
                messageDe: `${named[i]}: kein Beleg angehängt`,
              })),
              { spendEntryIds: missing.map((r) => r.spendEntryId) },
              named,
            );
          }
          const version = proof.submittedVersion + 1;
          await this.db.repo(tx, ProofOfUse).update(
            { id: proof.id },
            {
              status: ProofOfUseStatus.SUBMITTED,
              submittedVersion: version,
              submittedAt: new Date(),
            },
          );
          await this.audit.record(tx, {
            action: 'proof-of-use.submitted',
            subjectType: 'ProofOfUse',
            subjectId: proof.id,
            organizationId: grant.granteeOrganizationId,
            before: { status: proof.status, version: proof.submittedVersion },
            after: { status: ProofOfUseStatus.SUBMITTED, version, statement: proof.statement },
          });
          await this.outbox.emit(
            tx,
            JobName.ProofOfUseSubmitted,
            { proofOfUseId: proof.id, version },
            { organizationId: grant.funderOrganizationId },
          );
          return proof.id;
        }),
    );
  }

  async decide(ctx: RequestContext, input: DecideProofOfUseInput): Promise<ProofOfUse> {
    return this.idempotency.mutation(
      ctx,
      'decideProofOfUse',
      input,
      { read: (c, id) => this.get(c, id) },
      (ctx) =>
        this.aggregate.withGrant(
          ctx,
          {
            entity: ProofOfUse,
            name: 'ProofOfUse',
            id: input.proofOfUseId,
            exists: (p) => p.submittedVersion > 0,
          },
          OrganizationKind.FUNDER,
          async (h, proof) => {
            const { tx, grant } = h;
            const accept = input.decision === ProofOfUseDecisionKind.ACCEPT;
            if (proof.status !== ProofOfUseStatus.SUBMITTED)
              throw proofOfUseErrors.conflict(ProofOfUseReason.NOT_SUBMITTED, {
                current: proof.status,
              });
            if (!accept && !input.comment)
              throw BadUserInputError.forField(
                'comment',
                'say what should change',
                'bitte sagen, was sich ändern soll',
              );
            const to = accept ? ProofOfUseStatus.ACCEPTED : ProofOfUseStatus.CHANGES_REQUESTED;
            const decision = await this.db.repo(tx, ProofOfUseDecision).save({
              proofOfUseId: proof.id,
              version: proof.submittedVersion,
              decision: input.decision,
              comment: input.comment ?? '',
              decidedById: tx.userId ?? null,
            });
            await this.db.repo(tx, ProofOfUse).update({ id: proof.id }, { status: to });
            await this.audit.record(tx, {
              action: accept ? 'proof-of-use.accepted' : 'proof-of-use.changes-requested',
              subjectType: 'ProofOfUse',
              subjectId: proof.id,
              organizationId: grant.funderOrganizationId,
              before: { status: proof.status },
              after: {
                status: to,
                version: proof.submittedVersion,
                decisionId: decision.id,
                comment: input.comment ?? null,
              },
            });
            await this.outbox.emit(
              tx,
              JobName.ProofOfUseDecided,
              { proofOfUseId: proof.id, decisionId: decision.id },
              { organizationId: grant.granteeOrganizationId },
            );
            return proof.id;
          },
        ),
    );
  }

  /** The decisions on a proof of use, oldest first (one per submitted version). */
  decisions(ctx: RequestContext, proofOfUseId: string): Promise<ProofOfUseDecision[]> {
    return this.db
      .repo(ctx, ProofOfUseDecision)
      .find({ where: { proofOfUseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  private asGrantee<R>(
    ctx: RequestContext,
    id: string,
    work: (tx: RequestContext, proof: ProofOfUse, grant: Grant) => Promise<R>,
  ): Promise<R> {
    return this.aggregate.withGrant(
      ctx,
      { entity: ProofOfUse, name: 'ProofOfUse', id },
      OrganizationKind.GRANTEE,
      (h, proof) => work(h.tx, proof, h.grant),
    );
  }

  private assertEditable(proof: ProofOfUse): void {
    if (!PROOF_EDITABLE.includes(proof.status))
      throw proofOfUseErrors.conflict(ProofOfUseReason.NOT_EDITABLE, { current: proof.status });
  }

  private async writeStatement(
    tx: RequestContext,
    proof: ProofOfUse,
    grant: Grant,
    statement: string,
  ): Promise<ProofOfUse> {
    await this.db.repo(tx, ProofOfUse).update({ id: proof.id }, { statement });
    await this.audit.record(tx, {
      action: 'proof-of-use.statement-saved',
      subjectType: 'ProofOfUse',
      subjectId: proof.id,
      organizationId: grant.granteeOrganizationId,
      before: { statement: proof.statement },
      after: { statement },
    });
    return { ...proof, statement };
  }
}
