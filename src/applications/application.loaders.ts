// Per-request batch loaders behind nested application fields: one query per kind of data, however
// many parents a page has.
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { manyBy } from '../core/database/batch-loaders';
import { Database } from '../core/database/database.service';
import { ConnectionShape } from '../core/pagination/connection';
import { OrganizationKind } from '../identity/roles';
import { Application, ApplicationReview, ApplicationVersion } from './application.entity';
import { asFunderSees } from './submitted-view';

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

const emptyPage = <T>(): ConnectionShape<T> => ({
  edges: [],
  nodes: [],
  totalCount: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
});

@Injectable()
export class ApplicationLoaders {
  constructor(private readonly db: Database) {}

  reviews(ctx: RequestContext): DataLoader<string, ApplicationReview[]> {
    return manyBy(this.db, ctx, 'applications.reviews', ApplicationReview, 'applicationId', {
      submittedAt: 'ASC',
    });
  }

  versions(ctx: RequestContext): DataLoader<string, ApplicationVersion[]> {
    return manyBy(this.db, ctx, 'applications.versions', ApplicationVersion, 'applicationId', {
      version: 'ASC',
    });
  }

  /**
   * The first `first` applications of each programme the caller may see, newest first: one
   * windowed query for ids and counts, one for the rows.
   */
  byProgramme(
    ctx: RequestContext,
    first: number,
  ): DataLoader<string, ConnectionShape<Application>> {
    return ctx.loader(
      `applications.byProgramme.${first}`,
      () =>
        new DataLoader(async (programmeIds: readonly string[]) => {
          if (!ctx.organizationId) return programmeIds.map(() => emptyPage<Application>());
          const funder = ctx.organizationKind === OrganizationKind.FUNDER;
          const visibility = funder
            ? `a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM programme p WHERE p.id = a.programme_id AND p.funder_organization_id = $2)`
            : `a.grantee_organization_id = $2`;
          const ranked = await this.db
            .manager(ctx)
            .query<{ id: string; programme_id: string; total: number }[]>(
              `SELECT id, programme_id, total::int AS total FROM (
           SELECT a.id, a.programme_id,
                  row_number() OVER (PARTITION BY a.programme_id ORDER BY a.created_at DESC, a.id DESC) AS rn,
                  count(*) OVER (PARTITION BY a.programme_id) AS total
             FROM application a
            WHERE a.programme_id = ANY($1::uuid[]) AND ${visibility}) t
          WHERE rn <= $3`,
              [[...programmeIds], ctx.organizationId, first],
            );
          const rows = ranked.length
            ? await asFunderSees(
                this.db,
                ctx,
                await this.db.repo(ctx, Application).findBy({ id: In(ranked.map((r) => r.id)) }),
              )
            : [];
          const byId = new Map(rows.map((r) => [r.id, r]));
          const byProgramme = group(ranked, (r) => r.programme_id);
          return programmeIds.map((pid) => {
            const list = byProgramme.get(pid) ?? [];
            const nodes = list.map((r) => byId.get(r.id)!).filter(Boolean);
            const edges = nodes.map((node) => ({
              node,
              cursor: Buffer.from(JSON.stringify([node.createdAt.toISOString(), node.id])).toString(
                'base64url',
              ),
            }));
            return {
              nodes,
              edges,
              totalCount: list[0]?.total ?? 0,
              pageInfo: {
                hasNextPage: (list[0]?.total ?? 0) > nodes.length,
                hasPreviousPage: false,
                startCursor: edges[0]?.cursor ?? null,
                endCursor: edges[edges.length - 1]?.cursor ?? null,
              },
            };
          });
        }),
    );
  }
}
