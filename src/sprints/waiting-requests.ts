// Requests that wait for a decision close when what they wait on goes away: a DELAY when its
// sprint was submitted, and every waiting reallocation and DELAY when the grant ends.
import type { AuditService } from '../core/audit/audit.service';
import type { RequestContext } from '../core/context/request-context';
import type { Database } from '../core/database/database.service';
import type { BudgetService } from '../budget/budget.service';

import { ChangeNotice } from './change-notice.entity';
import { ChangeNoticeKind, ChangeNoticeStatus } from './sprint.enums';

/** Withdraws open DELAY notices of the grant (or of one sprint), with an audit event each. */
export async function withdrawOpenDelays(
  db: Database,
  audit: AuditService,
  tx: RequestContext,
  where: { grantId: string; sprintId?: string },
  reason: string,
): Promise<void> {
  const open = await db.repo(tx, ChangeNotice).findBy({
    ...where,
    kind: ChangeNoticeKind.DELAY,
    status: ChangeNoticeStatus.OPEN,
  });
  for (const n of open) {
    const changes = {
      status: ChangeNoticeStatus.WITHDRAWN,
      decisionComment: reason,
      decidedAt: new Date(),
    };
    await db.repo(tx, ChangeNotice).update({ id: n.id }, changes);
    await audit.record(tx, {
      action: 'change-notice.withdrawn',
      subjectType: 'ChangeNotice',
      subjectId: n.id,
      before: { status: n.status },
      after: changes,
    });
  }
}

/** A grant ended: its waiting reallocations are closed (by the budget) and its open DELAYs withdrawn. */
export async function closeWaitingRequests(
  db: Database,
  audit: AuditService,
  budget: Pick<BudgetService, 'closePendingReallocations'>,
  tx: RequestContext,
  grantId: string,
  reason: string,
): Promise<void> {
  await budget.closePendingReallocations(tx, grantId, reason);
  await withdrawOpenDelays(db, audit, tx, { grantId }, reason);
}
