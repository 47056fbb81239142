// Requests that wait for a decision close when what they wait on goes away: a DELAY when its
// sprint was submitted, and every waiting reallocation and DELAY when the grant ends.
import type { AuditService } from '../core/audit/audit.service';
import type { RequestContext } from '../core/context/request-context';
import type { Database } from '../core/database/database.service';
import { ReallocationStatus } from '../budget/budget.enums';
import { Reallocation } from '../budget/reallocation.entity';
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

/** A grant ended: its waiting reallocations are closed and its open DELAYs withdrawn. */
export async function closeWaitingRequests(
  db: Database,
  audit: AuditService,
  tx: RequestContext,
  grantId: string,
  reason: string,
): Promise<void> {
  const pending = await db
    .repo(tx, Reallocation)
    .findBy({ grantId, status: ReallocationStatus.PENDING });
  for (const r of pending) {
    const changes = {
      status: ReallocationStatus.REJECTED,
      decisionComment: reason,
      decidedAt: new Date(),
    };
    await db.repo(tx, Reallocation).update({ id: r.id }, changes);
    await audit.record(tx, {
      action: 'reallocation.closed',
      subjectType: 'Reallocation',
      subjectId: r.id,
      before: { status: r.status },
      after: changes,
    });
  }
  await withdrawOpenDelays(db, audit, tx, { grantId }, reason);
}
