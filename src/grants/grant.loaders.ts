import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../core/context/request-context';
import { manyBy, oneBy } from '../core/database/batch-loaders';
import { Database } from '../core/database/database.service';
import { BudgetLine, Grant, Milestone, Sprint, Tranche } from './grant.entity';
import { RefundClaim } from './refund-claim.entity';

/** Per-request batch loaders for a grant's parts. */
@Injectable()
export class GrantLoaders {
  constructor(private readonly db: Database) {}

  budgetLines(ctx: RequestContext): DataLoader<string, BudgetLine[]> {
    return manyBy(this.db, ctx, 'grants.budgetLines', BudgetLine, 'grantId', { position: 'ASC' });
  }
  budgetLine(ctx: RequestContext): DataLoader<string, BudgetLine | null> {
    return oneBy(this.db, ctx, 'grants.budgetLine', BudgetLine, 'id');
  }
  sprints(ctx: RequestContext): DataLoader<string, Sprint[]> {
    return manyBy(this.db, ctx, 'grants.sprints', Sprint, 'grantId', { number: 'ASC' });
  }
  milestones(ctx: RequestContext): DataLoader<string, Milestone[]> {
    return manyBy(this.db, ctx, 'grants.milestones', Milestone, 'sprintId', { position: 'ASC' });
  }
  tranches(ctx: RequestContext): DataLoader<string, Tranche[]> {
    return manyBy(this.db, ctx, 'grants.tranches', Tranche, 'grantId', { number: 'ASC' });
  }
  sprint(ctx: RequestContext): DataLoader<string, Sprint | null> {
    return oneBy(this.db, ctx, 'grants.sprint', Sprint, 'id');
  }
  refundClaim(ctx: RequestContext): DataLoader<string, RefundClaim | null> {
    return oneBy(this.db, ctx, 'grants.refundClaim', RefundClaim, 'grantId');
  }
  byApplication(ctx: RequestContext): DataLoader<string, Grant | null> {
    return oneBy(this.db, ctx, 'grants.byApplication', Grant, 'applicationId');
  }
}
