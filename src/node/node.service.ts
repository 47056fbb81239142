// `node(id)`: finds which kind of object a UUID names (one indexed look-up per table, in one
// statement), then fetches it through the same tenant rules as that type's own query. What the
// caller may not see answers NOT_FOUND exactly like an id that does not exist.
import { Injectable } from '@nestjs/common';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { ApplicationService } from '../applications/application.service';
import { Reallocation } from '../budget/reallocation.entity';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError, NotFoundError } from '../core/errors/app-error';
import { NODE_TYPE } from '../core/graphql/node.interface';
import { BudgetLine, Sprint, Tranche } from '../grants/grant.entity';
import { GrantService } from '../grants/grant.service';
import { Membership } from '../identity/entities/membership.entity';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import { Role } from '../identity/roles';
import { LearningService } from '../learnings/learning.service';
import { Notification } from '../notifications/notification.entity';
import { ProgrammeService } from '../programmes/programme.service';
import { Report } from '../reports/report.entity';
import { ChangeNotice } from '../sprints/change-notice.entity';
import { SprintReviewService } from '../sprints/sprint-review.service';
import { WebhookEndpoint } from '../webhooks/webhook.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GraphQL type → table; every type here implements `Node`. */
const TABLES: Record<string, string> = {
  Organization: 'organization',
  Person: 'person',
  Membership: 'membership',
  Programme: 'programme',
  Application: 'application',
  Grant: '"grant"',
  BudgetLine: 'budget_line',
  Sprint: 'sprint',
  Tranche: 'tranche',
  SprintReview: 'sprint_review',
  Reallocation: 'reallocation',
  ChangeNotice: 'change_notice',
  Learning: 'learning',
  Report: 'report',
  WebhookEndpoint: 'webhook_endpoint',
  Notification: 'notification',
};

/** Organisations the caller's organisation works with: its own, and the other side of its applications and grants. */
const RELATED_ORGS = `
  SELECT $2::uuid AS id
  UNION SELECT g.grantee_organization_id FROM "grant" g WHERE g.funder_organization_id = $2
  UNION SELECT g.funder_organization_id FROM "grant" g WHERE g.grantee_organization_id = $2
  UNION SELECT a.grantee_organization_id FROM application a
          JOIN programme p ON p.id = a.programme_id WHERE p.funder_organization_id = $2
  UNION SELECT p.funder_organization_id FROM application a
          JOIN programme p ON p.id = a.programme_id WHERE a.grantee_organization_id = $2`;

@Injectable()
export class NodeService {
  constructor(
    private readonly db: Database,
    private readonly programmes: ProgrammeService,
    private readonly applications: ApplicationService,
    private readonly grants: GrantService,
    private readonly reviews: SprintReviewService,
    private readonly learnings: LearningService,
  ) {}

  async node(ctx: RequestContext, id: string): Promise<object> {
    if (!UUID.test(id))
      throw BadUserInputError.forField(
        'id',
        'is not an id this API gave out',
        'ist keine Id dieser API',
      );
    const [hit] = await this.db.manager(ctx).query<{ type: string }[]>(
      Object.entries(TABLES)
        .map(([type, table]) => `SELECT '${type}' AS type FROM ${table} WHERE id = $1`)
        .join(' UNION ALL ') + ' LIMIT 1',
      [id],
    );
    if (!hit) throw new NotFoundError('Node', id);
    const found = await this.fetch(ctx, hit.type, id);
    if (!found) throw new NotFoundError('Node', id);
    Object.defineProperty(found, NODE_TYPE, { value: hit.type, enumerable: false });
    return found;
  }

  private async fetch(ctx: RequestContext, type: string, id: string): Promise<object | null> {
    const asNull = () => null;
    switch (type) {
      case 'Programme':
        return this.programmes.get(ctx, id).catch(notFoundAsNull);
      case 'Application':
        return this.applications.get(ctx, id).catch(notFoundAsNull);
      case 'Grant':
        return this.grants.get(ctx, id).catch(notFoundAsNull);
      case 'SprintReview':
        return this.reviews.get(ctx, id).catch(notFoundAsNull);
      case 'BudgetLine':
        return this.ofGrant(ctx, BudgetLine, id);
      case 'Sprint':
        return this.ofGrant(ctx, Sprint, id);
      case 'Tranche':
        return this.ofGrant(ctx, Tranche, id);
      case 'Reallocation':
        return this.ofGrant(ctx, Reallocation, id);
      case 'ChangeNotice':
        return this.ofGrant(ctx, ChangeNotice, id);
      case 'Learning':
        return this.learnings.visible(ctx).andWhere('l.id = :id', { id }).getOne();
      case 'Report':
        return this.db.repo(ctx, Report).findOneBy({ id, organizationId: ctx.orgId });
      case 'WebhookEndpoint':
        // Like `webhookEndpoints`: the owners' (people, not keys) to see.
        return ctx.userId && ctx.roles.includes(Role.OWNER)
          ? this.db.repo(ctx, WebhookEndpoint).findOneBy({ id, organizationId: ctx.orgId })
          : asNull();
      case 'Notification':
        return ctx.userId
          ? this.db
              .repo(ctx, Notification)
              .findOneBy({ id, personId: ctx.userId, organizationId: ctx.orgId })
          : asNull();
      case 'Membership':
        return this.db
          .repo(ctx, Membership)
          .createQueryBuilder('m')
          .where('m.id = :id AND (m.organization_id = :org OR m.person_id = :person)', {
            id,
            org: ctx.orgId,
            person: ctx.userId ?? null,
          })
          .getOne();
      case 'Organization':
        return (await this.related(ctx, `SELECT 1 FROM (${RELATED_ORGS}) r WHERE r.id = $1`, id))
          ? this.db.repo(ctx, Organization).findOneBy({ id })
          : asNull();
      case 'Person':
        // Oneself, and the people of the organisations one works with (as reviews, comments and
        // decisions name them).
        return id === ctx.userId ||
          (await this.related(
            ctx,
            `SELECT 1 FROM membership m WHERE m.person_id = $1
                AND m.organization_id IN (${RELATED_ORGS})`,
            id,
          ))
          ? this.db.repo(ctx, Person).findOneBy({ id })
          : asNull();
      default:
        return null;
    }
  }

  /** A part of a grant: visible exactly when its grant is. */
  private async ofGrant<T extends ObjectLiteral & { grantId: string }>(
    ctx: RequestContext,
    entity: EntityTarget<T>,
    id: string,
  ): Promise<T | null> {
    const row = await this.db.repo(ctx, entity).findOneBy({ id } as never);
    if (!row) return null;
    const grant = await this.grants.get(ctx, row.grantId).catch(notFoundAsNull);
    return grant ? row : null;
  }

  private async related(ctx: RequestContext, sql: string, id: string): Promise<boolean> {
    const rows = await this.db.manager(ctx).query<unknown[]>(sql, [id, ctx.orgId]);
    return rows.length > 0;
  }
}

function notFoundAsNull(error: unknown): null {
  if (error instanceof NotFoundError) return null;
  throw error;
}
