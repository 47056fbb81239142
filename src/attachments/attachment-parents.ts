// Who may see and who may attach to each kind of parent — the parent's own tenant rules, read
// through its module's service: what the caller cannot see answers NOT_FOUND, as the parent would.
import { Injectable } from '@nestjs/common';
import { ApplicationService } from '../applications/application.service';
import { SpendEntry } from '../budget/spend-entry.entity';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { NotFoundError } from '../core/errors/app-error';
import { GrantService } from '../grants/grant.service';
import { ADMIN_ROLES, OrganizationKind } from '../identity/roles';
import { ChangeNotice } from '../sprints/change-notice.entity';
import { SprintReviewService } from '../sprints/sprint-review.service';
import { AttachmentReason, attachmentErrors } from './attachment.errors';
import { AttachmentParent } from './attachment.enums';

export interface ParentAccess {
  /** The grant the parent belongs to, where it belongs to one. */
  grantId: string | null;
}

@Injectable()
export class AttachmentParents {
  constructor(
    private readonly db: Database,
    private readonly grants: GrantService,
    private readonly applications: ApplicationService,
    private readonly reviews: SprintReviewService,
  ) {}

  /** The parent as `ctx` may see it; NOT_FOUND when it may not. */
  async visible(ctx: RequestContext, type: AttachmentParent, id: string): Promise<ParentAccess> {
    switch (type) {
      case AttachmentParent.SPEND_ENTRY: {
        const entry = await this.db.repo(ctx, SpendEntry).findOneBy({ id });
        if (!entry) throw new NotFoundError('SpendEntry', id);
        await this.grants.get(ctx, entry.grantId).catch(() => {
          throw new NotFoundError('SpendEntry', id);
        });
        return { grantId: entry.grantId };
      }
      case AttachmentParent.APPLICATION:
        await this.applications.get(ctx, id);
        return { grantId: null };
      case AttachmentParent.SPRINT_REVIEW: {
        const review = await this.reviews.get(ctx, id);
        return { grantId: review.grantId };
      }
      case AttachmentParent.CHANGE_NOTICE: {
        const notice = await this.db.repo(ctx, ChangeNotice).findOneBy({ id });
        if (!notice) throw new NotFoundError('ChangeNotice', id);
        await this.grants.get(ctx, notice.grantId).catch(() => {
          throw new NotFoundError('ChangeNotice', id);
        });
        return { grantId: notice.grantId };
      }
      case AttachmentParent.ORGANIZATION_LOGO:
        if (id !== ctx.orgId) throw new NotFoundError('Organization', id);
        return { grantId: null };
    }
  }

  /** The parent, when `ctx` may also attach files to it. */
  async attachable(ctx: RequestContext, type: AttachmentParent, id: string): Promise<ParentAccess> {
    const parent = await this.visible(ctx, type, id);
    // Receipts are the grantee's evidence; a logo is set by the organisation's administrators.
    if (type === AttachmentParent.SPEND_ENTRY && ctx.organizationKind !== OrganizationKind.GRANTEE)
      throw attachmentErrors.forbidden(AttachmentReason.NOT_YOURS, {});
    if (type === AttachmentParent.ORGANIZATION_LOGO && !ctx.hasRole(...ADMIN_ROLES))
      throw attachmentErrors.forbidden(AttachmentReason.NOT_YOURS, {});
    return parent;
  }
}
