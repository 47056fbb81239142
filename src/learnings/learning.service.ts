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

@Injectable()
export class LearningService {
  constructor(private readonly db: Database) {}

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
