import { Injectable } from '@nestjs/common';
import { AuditEvent } from '../core/audit/audit-event.entity';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { ConnectionShape, PageArgs, paginate, createdAtKeys } from '../core/pagination/connection';
import { AuditEventType } from './dto/identity.types';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  action?: string;
}

/** Reads the audit trail of the organisation acted for, newest first. */
@Injectable()
export class AuditLogService {
  constructor(private readonly db: Database) {}

  async list(
    ctx: RequestContext,
    page: PageArgs,
    filter: AuditFilter = {},
  ): Promise<ConnectionShape<AuditEventType>> {
    const qb = this.db
      .repo(ctx, AuditEvent)
      .createQueryBuilder('a')
      .where('a.organization_id = :org', { org: ctx.orgId });
    if (filter.subjectType) qb.andWhere('a.subject_type = :type', { type: filter.subjectType });
    if (filter.subjectId) qb.andWhere('a.subject_id = :sid', { sid: filter.subjectId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    const page_ = await paginate(qb, page, createdAtKeys('a'));
    const map = (a: AuditEvent): AuditEventType => ({ ...a, actorPersonId: a.actorUserId });
    return {
      ...page_,
      nodes: page_.nodes.map(map),
      edges: page_.edges.map((e) => ({ ...e, node: map(e.node) })),
    };
  }
}
