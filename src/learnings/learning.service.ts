// Learnings as their readers see them, and the consent that widens them. Who may read one follows
// its visibility: GRANT — the funder and the team of its grant (a funder's own: the funder);
// PROGRAMME — also every grantee of the programme; PUBLIC — everyone. Only the organisation that
// wrote a learning widens it (the team's consent); the funder may ask, the team answers, and the
// team may narrow it again at any time, which takes it out of programme and public views at once.
// Every step is audited in the same transaction; a request reaches the team through the outbox.
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../core/errors/app-error';
import { uuidArg } from '../core/validation/uuid-arg';
import { OutboxService } from '../core/outbox/outbox.service';
import { JobName } from '../core/queue/jobs';
import {
  ChangeLearningVisibilityInput,
  DecideLearningShareRequestInput,
  LearningShareDecision,
  RequestLearningVisibilityInput,
  WriteLearningInput,
} from './dto/learning.inputs';
import { LearningPermissions, LearningSource } from './dto/learning.types';
import { LearningMark } from './learning.entity';
import { LearningAttribution, LearningAuthorKind, LearningLicence } from './learning.enums';
import { LearningReason, learningErrors } from './learning.errors';
import DataLoader from 'dataloader';
import { SelectQueryBuilder } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { ConnectionShape, createdAtKeys, paginate } from '../core/pagination/connection';
import { LearningVisibility } from '../programmes/programme.enums';
import { LearningsArgs, PublicLearningsArgs } from './dto/learning.inputs';
import { Learning } from './learning.entity';
import { AuditService } from '../core/audit/audit.service';
import type { Grant, Sprint } from '../grants/grant.entity';
import { LearningKind } from './learning.enums';

interface SourceRow {
  id: string;
  programme_title: string;
  funder_name: string;
  author_name: string;
  grant_title: string | null;
  grant_reference: string | null;
}

export function describeSource(
  l: Learning,
  row: SourceRow | undefined,
  involved: boolean,
): LearningSource {
  const funderOwn = l.grantId === null;
  const named = funderOwn || involved || l.attribution === LearningAttribution.NAMED;
  return {
    authorKind: funderOwn ? LearningAuthorKind.FUNDER : LearningAuthorKind.GRANTEE,
    named,
    programmeId: l.programmeId,
    programmeTitle: row?.programme_title ?? '',
    funderId: l.funderOrganizationId,
    funderName: row?.funder_name ?? '',
    authorName: named ? (row?.author_name ?? null) : null,
    grantId: named ? l.grantId : null,
    grantTitle: named ? (row?.grant_title ?? null) : null,
    grantReference: named ? (row?.grant_reference ?? null) : null,
  };
}

/** A learning as a sprint review states it. */
export interface ReviewLearning {
  title: string;
  tried: string;
  happened: string;
  learned: string;
  kind: LearningKind;
  tags: string[];
  visibility: LearningVisibility | null;
}

@Injectable()
export class LearningService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * The learnings of a review's latest version replace those of earlier versions, row by row (a
   * learning keeps its id and date while its position stays), each with an audit event. Runs in
   * the caller's transaction (the review's submission).
   */
  async shareFromReview(
    tx: RequestContext,
    from: {
      grant: Pick<Grant, 'id' | 'programmeId' | 'granteeOrganizationId' | 'funderOrganizationId'>;
      sprint: Pick<Sprint, 'id' | 'number'>;
      reviewId: string;
      version: number;
      defaultVisibility: LearningVisibility;
      learnings: ReviewLearning[];
    },
  ): Promise<void> {
    const { grant, sprint, reviewId, version } = from;
    const existing = await this.db
      .repo(tx, Learning)
      .find({ where: { reviewId }, order: { position: 'ASC' } });

    const record = (action: string, id: string, before: object | null, after: object | null) =>
      this.audit.record(tx, {
        action,
        subjectType: 'Learning',
        subjectId: id,
        organizationId: grant.granteeOrganizationId,
        before,
        after,
      });
    for (const [i, l] of from.learnings.entries()) {
      const old = existing.find((e) => e.position === i + 1);
      // A later version keeps what the team decided since (consent given or withdrawn) unless it
      // states a visibility itself.
      const visibility = l.visibility ?? old?.visibility ?? from.defaultVisibility;
      const fields = {
        title: l.title,
        tried: l.tried,
        happened: l.happened,
        learned: l.learned,
        kind: l.kind,
        tags: l.tags,
        visibility,
        reviewVersion: version,
        publishedAt:
          visibility === LearningVisibility.PUBLIC ? (old?.publishedAt ?? new Date()) : null,
      };
      if (old) {
        await this.db.repo(tx, Learning).update({ id: old.id }, fields);
        await record('learning.updated', old.id, old, fields);
      } else {
        const created = await this.db.repo(tx, Learning).save({
          grantId: grant.id,
          programmeId: grant.programmeId,
          sprintId: sprint.id,
          sprintNumber: sprint.number,
          reviewId,
          position: i + 1,
          authorOrganizationId: grant.granteeOrganizationId,
          funderOrganizationId: grant.funderOrganizationId,
          ...fields,
        });
        await record('learning.shared', created.id, null, fields);
      }
    }
    for (const gone of existing.filter((e) => (e.position ?? 0) > from.learnings.length)) {
      await this.db.repo(tx, Learning).delete({ id: gone.id });
      await record('learning.withdrawn', gone.id, gone, null);
    }
  }

  /** Learnings the caller's organisation may read, newest first. */
  list(ctx: RequestContext, args: LearningsArgs): Promise<ConnectionShape<Learning>> {
    const { grantId, programmeId, ...rest } = args;
    const qb = this.visible(ctx);
    if (grantId) qb.andWhere('l.grant_id = :grantId', { grantId });
    if (programmeId) qb.andWhere('l.programme_id = :programmeId', { programmeId });
    return this.page(qb, rest);
  }

  /** Public learnings, for everyone. */
  listPublic(ctx: RequestContext, args: PublicLearningsArgs): Promise<ConnectionShape<Learning>> {
    const qb = this.db
      .repo(ctx, Learning)
      .createQueryBuilder('l')
      .where('l.visibility = :public', { public: LearningVisibility.PUBLIC });
    return this.page(qb, args);
  }

  visible(ctx: RequestContext): SelectQueryBuilder<Learning> {
    return this.db
      .repo(ctx, Learning)
      .createQueryBuilder('l')
      .where(
        `(l.author_organization_id = :org OR l.funder_organization_id = :org
          OR (l.visibility = :programme AND l.programme_id IN (
                SELECT g.programme_id FROM "grant" g WHERE g.grantee_organization_id = :org))
          OR l.visibility = :public)`,
        {
          org: ctx.orgId,
          programme: LearningVisibility.PROGRAMME,
          public: LearningVisibility.PUBLIC,
        },
      );
  }

  /** One learning the caller may read (signed in), or a public one for everyone else. */
  async readable(ctx: RequestContext, id: string): Promise<Learning> {
    uuidArg(id, 'Learning');
    const found = ctx.organizationId
      ? await this.visible(ctx).andWhere('l.id = :id', { id }).getOne()
      : await this.publicOne(ctx, id);
    if (!found) throw new NotFoundError('Learning', id);
    return found;
  }

  publicOne(ctx: RequestContext, id: string): Promise<Learning | null> {
    return this.db
      .repo(ctx, Learning)
      .createQueryBuilder('l')
      .where('l.id = :id AND l.visibility = :public', { id, public: LearningVisibility.PUBLIC })
      .getOne();
  }

  /** Every public learning, newest published first (feed and export). */
  allPublic(ctx: RequestContext, limit?: number): Promise<Learning[]> {
    const qb = this.db
      .repo(ctx, Learning)
      .createQueryBuilder('l')
      .where('l.visibility = :public', { public: LearningVisibility.PUBLIC })
      .orderBy('l.published_at', 'DESC')
      .addOrderBy('l.id', 'DESC');
    if (limit) qb.take(limit);
    return qb.getMany();
  }

  /** Locks a learning the caller may read, for a change in `tx`. */
  private async lockReadable(tx: RequestContext, id: string): Promise<Learning> {
    const found = await this.visible(tx)
      .andWhere('l.id = :id', { id: uuidArg(id, 'Learning') })
      .setLock('pessimistic_write', undefined, ['l'])
      .getOne();
    if (!found) throw new NotFoundError('Learning', id);
    return found;
  }

  private static readonly WIDTH: Record<LearningVisibility, number> = {
    [LearningVisibility.GRANT]: 0,
    [LearningVisibility.PROGRAMME]: 1,
    [LearningVisibility.PUBLIC]: 2,
  };

  private sharing(l: Learning) {
    return {
      visibility: l.visibility,
      requestedVisibility: l.requestedVisibility,
      licence: l.licence,
      attribution: l.attribution,
    };
  }

  /** Sets who may read a learning; only its author may. Widening is consent; narrowing withdraws. */
  changeVisibility(ctx: RequestContext, input: ChangeLearningVisibilityInput): Promise<Learning> {
    return this.db.transaction(ctx, async (tx) => {
      const learning = await this.lockReadable(tx, input.learningId);
      if (learning.authorOrganizationId !== tx.orgId)
        throw learningErrors.forbidden(LearningReason.NOT_AUTHOR, {});
      return this.applySharing(tx, learning, {
        visibility: input.visibility,
        licence: input.licence,
        attribution: input.attribution,
        comment: null,
      });
    });
  }

  private async applySharing(
    tx: RequestContext,
    learning: Learning,
    change: {
      visibility: LearningVisibility;
      licence?: LearningLicence;
      attribution?: LearningAttribution;
      comment: string | null;
    },
  ): Promise<Learning> {
    const before = this.sharing(learning);
    const width = LearningService.WIDTH;
    const widened = width[change.visibility] > width[learning.visibility];
    const narrowed = width[change.visibility] < width[learning.visibility];
    const after: Partial<Learning> = {
      visibility: change.visibility,
      licence: change.licence ?? learning.licence,
      attribution: change.attribution ?? learning.attribution,
      publishedAt:
        change.visibility === LearningVisibility.PUBLIC
          ? learning.visibility === LearningVisibility.PUBLIC
            ? learning.publishedAt
            : new Date()
          : null,
      // Any change of visibility answers an open request.
      ...(change.visibility !== learning.visibility ||
      learning.requestedVisibility === change.visibility
        ? { requestedVisibility: null, requestedAt: null }
        : {}),
    };
    await this.db.repo(tx, Learning).update({ id: learning.id }, after);
    Object.assign(learning, after);
    await this.audit.record(tx, {
      action: widened
        ? 'learning.consented'
        : narrowed
          ? 'learning.consent-withdrawn'
          : 'learning.sharing-changed',
      subjectType: 'Learning',
      subjectId: learning.id,
      before,
      after: { ...this.sharing(learning), ...(change.comment ? { comment: change.comment } : {}) },
    });
    return learning;
  }

  /** The grant's funder asks the team to share a learning more widely; the team is told. */
  requestVisibility(ctx: RequestContext, input: RequestLearningVisibilityInput): Promise<Learning> {
    return this.db.transaction(ctx, async (tx) => {
      const learning = await this.lockReadable(tx, input.learningId);
      if (learning.funderOrganizationId !== tx.orgId || learning.authorOrganizationId === tx.orgId)
        throw learningErrors.forbidden(LearningReason.NOT_FUNDER, {});
      const width = LearningService.WIDTH;
      if (width[input.visibility] <= width[learning.visibility])
        throw learningErrors.badInput(
          LearningReason.NOT_WIDER,
          [{ field: 'visibility', message: 'must be wider than the current visibility' }],
          { current: learning.visibility },
          learning.visibility,
        );
      const before = this.sharing(learning);
      const requestedAt = new Date();
      await this.db
        .repo(tx, Learning)
        .update({ id: learning.id }, { requestedVisibility: input.visibility, requestedAt });
      Object.assign(learning, { requestedVisibility: input.visibility, requestedAt });
      await this.outbox.emit(
        tx,
        JobName.LearningShareRequested,
        {
          learningId: learning.id,
          visibility: input.visibility,
          requestedAt: requestedAt.toISOString(),
        },
        { organizationId: learning.authorOrganizationId },
      );
      await this.audit.record(tx, {
        action: 'learning.share-requested',
        subjectType: 'Learning',
        subjectId: learning.id,
        before,
        after: this.sharing(learning),
      });
      return learning;
    });
  }

  /** The team answers a request: consent shares it as asked, decline keeps it as it is. */
  decideShareRequest(
    ctx: RequestContext,
    input: DecideLearningShareRequestInput,
  ): Promise<Learning> {
    return this.db.transaction(ctx, async (tx) => {
      const learning = await this.lockReadable(tx, input.learningId);
      if (learning.authorOrganizationId !== tx.orgId)
        throw learningErrors.forbidden(LearningReason.NOT_AUTHOR, {});
      const requested = learning.requestedVisibility;
      if (!requested) throw learningErrors.conflict(LearningReason.NO_REQUEST, {});
      // The funder that asked hears the answer and the team's comment.
      await this.outbox.emit(
        tx,
        JobName.LearningShareAnswered,
        {
          learningId: learning.id,
          decision: input.decision,
          visibility: requested,
          comment: input.comment?.trim() || null,
          answeredAt: new Date().toISOString(),
        },
        { organizationId: learning.funderOrganizationId },
      );
      if (input.decision === LearningShareDecision.CONSENT)
        return this.applySharing(tx, learning, {
          visibility: requested,
          licence: input.licence,
          attribution: input.attribution,
          comment: input.comment ?? null,
        });
      const before = this.sharing(learning);
      await this.db
        .repo(tx, Learning)
        .update({ id: learning.id }, { requestedVisibility: null, requestedAt: null });
      Object.assign(learning, { requestedVisibility: null, requestedAt: null });
      await this.audit.record(tx, {
        action: 'learning.share-declined',
        subjectType: 'Learning',
        subjectId: learning.id,
        before,
        after: { ...this.sharing(learning), ...(input.comment ? { comment: input.comment } : {}) },
      });
      return learning;
    });
  }

  /** A funder's own learning about one of its programmes. */
  write(ctx: RequestContext, input: WriteLearningInput): Promise<Learning> {
    return this.db.transaction(ctx, async (tx) => {
      const [programme] = await this.db
        .manager(tx)
        .query<{ id: string }[]>(
          `SELECT id FROM programme WHERE id = $1 AND funder_organization_id = $2`,
          [input.programmeId, tx.orgId],
        );
      if (!programme) throw new NotFoundError('Programme', input.programmeId);
      const tags = [...new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()))];
      const created = await this.db.repo(tx, Learning).save({
        grantId: null,
        sprintId: null,
        sprintNumber: null,
        reviewId: null,
        reviewVersion: null,
        position: null,
        programmeId: input.programmeId,
        authorOrganizationId: tx.orgId,
        funderOrganizationId: tx.orgId,
        title: input.title,
        tried: input.tried,
        happened: input.happened,
        learned: input.learned,
        kind: input.kind,
        tags,
        visibility: input.visibility,
        licence: input.licence ?? LearningLicence.CC_BY_4_0,
        attribution: LearningAttribution.NAMED,
        publishedAt: input.visibility === LearningVisibility.PUBLIC ? new Date() : null,
      });
      await this.audit.record(tx, {
        action: 'learning.written',
        subjectType: 'Learning',
        subjectId: created.id,
        after: created,
      });
      return created;
    });
  }

  /** "This helped us": one mark per organisation; marking again changes nothing. */
  mark(ctx: RequestContext, learningId: string, helpful: boolean): Promise<Learning> {
    return this.db.transaction(ctx, async (tx) => {
      const learning = await this.lockReadable(tx, learningId);
      if (learning.authorOrganizationId === tx.orgId)
        throw learningErrors.badInput(LearningReason.OWN_LEARNING, [], {});
      const marks = this.db.repo(tx, LearningMark);
      const changed = helpful
        ? (
            (
              await marks
                .createQueryBuilder()
                .insert()
                .values({ learningId, organizationId: tx.orgId })
                .orIgnore()
                .execute()
            ).raw as unknown[]
          ).length > 0
        : ((await marks.delete({ learningId, organizationId: tx.orgId })).affected ?? 0) > 0;
      if (!changed) return learning;
      const count = learning.helpfulCount + (helpful ? 1 : -1);
      await this.db.repo(tx, Learning).update({ id: learningId }, { helpfulCount: count });
      learning.helpfulCount = count;
      await this.audit.record(tx, {
        action: helpful ? 'learning.marked-helpful' : 'learning.unmarked-helpful',
        subjectType: 'Learning',
        subjectId: learningId,
        after: { helpfulCount: count },
      });
      return learning;
    });
  }

  /** Whether the caller's organisation marked these learnings (batched per request). */
  markedByCaller(ctx: RequestContext, learning: Learning): Promise<boolean> {
    const org = ctx.organizationId;
    if (!org) return Promise.resolve(false);
    return ctx
      .loader<string, boolean>(
        'learning.marked',
        () =>
          new DataLoader(async (ids) => {
            const rows = await this.db
              .repo(ctx, LearningMark)
              .createQueryBuilder('m')
              .where('m.learning_id IN (:...ids) AND m.organization_id = :org', {
                ids: [...ids],
                org,
              })
              .getMany();
            const marked = new Set(rows.map((r) => r.learningId));
            return ids.map((id) => marked.has(id));
          }),
      )
      .load(learning.id);
  }

  /** Whether the caller is the learning's author or its funder (who always see who wrote it). */
  involved(ctx: RequestContext, l: Learning): boolean {
    const org = ctx.organizationId;
    return !!org && (org === l.authorOrganizationId || org === l.funderOrganizationId);
  }

  permissions(ctx: RequestContext, l: Learning): LearningPermissions {
    const org = ctx.organizationId;
    const author = !!org && org === l.authorOrganizationId;
    const manages = ctx.hasRole('OWNER', 'MANAGER', 'MEMBER');
    return {
      changeVisibility: author && manages,
      requestVisibility:
        !!org &&
        org === l.funderOrganizationId &&
        !author &&
        ctx.hasRole('OWNER', 'MANAGER') &&
        l.visibility !== LearningVisibility.PUBLIC,
      answerRequest: author && manages && !!l.requestedVisibility,
      markHelpful: !!org && !author,
    };
  }

  /**
   * Who a learning comes from, as far as the reader may know: the grant's funder and team see
   * everything; others see the team and grant only when the team chose to be named (a funder's own
   * learning is always the funder's). Batched per request.
   */
  async source(ctx: RequestContext, l: Learning): Promise<LearningSource> {
    const row = await ctx
      .loader<string, SourceRow | undefined>(
        'learning.source',
        () =>
          new DataLoader(async (ids) => {
            const rows: SourceRow[] = await this.db.manager(ctx).query(
              `SELECT l.id, p.title AS programme_title, f.name AS funder_name, a.name AS author_name,
                      g.title AS grant_title, g.reference AS grant_reference
                 FROM learning l
                 JOIN programme p ON p.id = l.programme_id
                 JOIN organization f ON f.id = l.funder_organization_id
                 JOIN organization a ON a.id = l.author_organization_id
                 LEFT JOIN "grant" g ON g.id = l.grant_id
                WHERE l.id = ANY($1::uuid[])`,
              [[...ids]],
            );
            const byId = new Map(rows.map((r) => [r.id, r]));
            return ids.map((id) => byId.get(id));
          }),
      )
      .load(l.id);
    return describeSource(l, row, this.involved(ctx, l));
  }

  /** Sources of many learnings for an anonymous reader (feed, export, public page). */
  async publicSources(
    ctx: RequestContext,
    learnings: Learning[],
  ): Promise<Map<string, LearningSource>> {
    const anonymous = RequestContext.create({ requestId: ctx.requestId, language: ctx.language });
    const sources = await Promise.all(learnings.map((l) => this.source(anonymous, l)));
    return new Map(learnings.map((l, i) => [l.id, sources[i]]));
  }

  private page(qb: SelectQueryBuilder<Learning>, args: PublicLearningsArgs) {
    const { kind, tag, text, ...page } = args;
    if (kind) qb.andWhere('l.kind = :kind', { kind });
    if (tag) qb.andWhere(':tag = ANY(l.tags)', { tag: tag.toLowerCase() });
    if (text)
      qb.andWhere(
        `l.search @@ (websearch_to_tsquery('german', :text) || websearch_to_tsquery('english', :text))`,
        { text },
      );
    return paginate(qb, page, createdAtKeys('l'));
  }
}
