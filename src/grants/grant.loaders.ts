import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { FindOptionsOrder, In, ObjectLiteral } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BudgetLine, Grant, Milestone, Sprint, Tranche } from './grant.entity';

/** Per-request batch loaders for a grant's parts. */
@Injectable()
export class GrantLoaders {
  constructor(private readonly db: Database) {}

  private many<T extends ObjectLiteral>(
    ctx: RequestContext,
    name: string,
    entity: new () => T,
    key: keyof T & string,
    order: FindOptionsOrder<T>,
  ): DataLoader<string, T[]> {
    return ctx.loader(
      name,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.db
            .repo(ctx, entity)
            .find({ where: { [key]: In([...ids]) } as never, order });
          const map = new Map<string, T[]>();
          for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row]);
          return ids.map((id) => map.get(id) ?? []);
        }),
    );
  }

  budgetLines(ctx: RequestContext) {
    return this.many(ctx, 'grants.budgetLines', BudgetLine, 'grantId', { position: 'ASC' });
  }
  sprints(ctx: RequestContext) {
    return this.many(ctx, 'grants.sprints', Sprint, 'grantId', { number: 'ASC' });
  }
  milestones(ctx: RequestContext) {
    return this.many(ctx, 'grants.milestones', Milestone, 'sprintId', { position: 'ASC' });
  }
  tranches(ctx: RequestContext) {
    return this.many(ctx, 'grants.tranches', Tranche, 'grantId', { number: 'ASC' });
  }

  byApplication(ctx: RequestContext): DataLoader<string, Grant | null> {
    return ctx.loader(
      'grants.byApplication',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.db.repo(ctx, Grant).findBy({ applicationId: In([...ids]) });
          const map = new Map(rows.map((g) => [g.applicationId, g]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }
}
