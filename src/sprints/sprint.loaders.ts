import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestContext } from '../core/context/request-context';
import { manyBy, oneBy } from '../core/database/batch-loaders';
import { Database } from '../core/database/database.service';
import { ChangeNotice } from './change-notice.entity';
import {
  PlanChange,
  ReviewComment,
  ReviewDecision,
  SprintReview,
  SprintReviewVersion,
} from './sprint-review.entity';

/** Per-request batch loaders for reviews and what hangs off them. */
@Injectable()
export class SprintLoaders {
  constructor(private readonly db: Database) {}

  reviewBySprint(ctx: RequestContext): DataLoader<string, SprintReview | null> {
    return oneBy(this.db, ctx, 'sprints.reviewBySprint', SprintReview, 'sprintId');
  }
  versions(ctx: RequestContext): DataLoader<string, SprintReviewVersion[]> {
    return manyBy(this.db, ctx, 'sprints.versions', SprintReviewVersion, 'reviewId', {
      number: 'ASC',
    });
  }
  decisions(ctx: RequestContext): DataLoader<string, ReviewDecision[]> {
    return manyBy(this.db, ctx, 'sprints.decisions', ReviewDecision, 'reviewId', {
      createdAt: 'ASC',
    });
  }
  comments(ctx: RequestContext): DataLoader<string, ReviewComment[]> {
    return manyBy(this.db, ctx, 'sprints.comments', ReviewComment, 'reviewId', {
      createdAt: 'ASC',
      id: 'ASC',
    });
  }
  notices(ctx: RequestContext): DataLoader<string, ChangeNotice[]> {
    return manyBy(this.db, ctx, 'sprints.notices', ChangeNotice, 'grantId', { createdAt: 'ASC' });
  }
  planChanges(ctx: RequestContext): DataLoader<string, PlanChange[]> {
    return manyBy(this.db, ctx, 'sprints.planChanges', PlanChange, 'grantId', {
      createdAt: 'ASC',
    });
  }
}
