// Learnings as their readers see them. Who may read one follows its visibility: GRANT — the
// funder and the grantee of its grant; PROGRAMME — also every grantee of the programme; PUBLIC —
// everyone. Search is PostgreSQL full text over German and English stems.
import { Injectable } from '@nestjs/common';
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
  ) {}

  /**
   * The learnings of a review's latest version replace those of earlier versions, row by row (a
   * learning keeps its id and date while its position stays), each with an audit event. Runs in
   * the caller's transaction (the review's submission).
   */
  async shareFromReview(
    tx: RequestContext,
    from: {
      grant: Pick<Grant, 'id' | 'programmeId' | 'granteeOrganizationId'>;
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
      const fields = {
        title: l.title,
        tried: l.tried,
        happened: l.happened,
        learned: l.learned,
        kind: l.kind,
        tags: l.tags,
        visibility: l.visibility ?? from.defaultVisibility,
        reviewVersion: version,
      };
      const old = existing.find((e) => e.position === i + 1);
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
          ...fields,
        });
        await record('learning.shared', created.id, null, fields);
      }
    }
    for (const gone of existing.filter((e) => e.position > from.learnings.length)) {
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
        `(l.grant_id IN (SELECT g.id FROM "grant" g
                          WHERE g.funder_organization_id = :org OR g.grantee_organization_id = :org)
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
