// The life cycle of a sprint in one table. Every status change goes through `moveSprint`, which
// answers CONFLICT with the current status and the allowed ones when a move is not in the table.
import type { ConflictError } from '../core/errors/app-error';
import { SprintStatus } from './grant.enums';
import { GrantReason, grantErrors } from './grant.errors';

export const SPRINT_TRANSITIONS: Record<SprintStatus, readonly SprintStatus[]> = {
  [SprintStatus.PLANNED]: [SprintStatus.ACTIVE],
  // A team may review early: a sprint goes to review from ACTIVE as well as from REVIEW_DUE.
  [SprintStatus.ACTIVE]: [SprintStatus.REVIEW_DUE, SprintStatus.IN_REVIEW],
  // An approved delay gives a sprint whose end date passed more time.
  [SprintStatus.REVIEW_DUE]: [SprintStatus.IN_REVIEW, SprintStatus.ACTIVE],
  [SprintStatus.IN_REVIEW]: [SprintStatus.ACCEPTED, SprintStatus.CHANGES_REQUESTED],
  [SprintStatus.CHANGES_REQUESTED]: [SprintStatus.IN_REVIEW],
  [SprintStatus.ACCEPTED]: [],
};

/** Statuses from which a review is submitted. */
export const REVIEW_SUBMITTABLE: readonly SprintStatus[] = [
  SprintStatus.ACTIVE,
  SprintStatus.REVIEW_DUE,
  SprintStatus.CHANGES_REQUESTED,
];

/**
 * Statuses in which the grantee works on the review draft — also while the funder reads the
 * submitted version (the versions themselves never change), e.g. to prepare a final review.
 */
export const REVIEW_EDITABLE: readonly SprintStatus[] = [
  ...REVIEW_SUBMITTABLE,
  SprintStatus.IN_REVIEW,
];

export function sprintConflict(
  sprint: { number: number; status: SprintStatus },
  wanted: string,
  allowedFrom: readonly SprintStatus[],
): ConflictError {
  return grantErrors.conflict(
    GrantReason.INVALID_TRANSITION,
    { current: sprint.status, allowed: allowedFrom },
    sprint,
    { wanted, allowedFrom },
  );
}

/** Checks that a sprint may move to `to`; throws CONFLICT naming where it may go from here. */
export function assertTransition(
  sprint: { number: number; status: SprintStatus },
  to: SprintStatus,
): void {
  const allowed = SPRINT_TRANSITIONS[sprint.status];
  if (!allowed.includes(to))
    throw grantErrors.conflict(
      GrantReason.INVALID_TRANSITION,
      { current: sprint.status, allowed },
      sprint,
      { to, allowed },
    );
}
