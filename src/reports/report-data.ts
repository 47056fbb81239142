// The rows of each report, read in batches (keyset pages of BATCH rows), so a programme of
// thousands of grants is written out without ever being held in memory at once.
import type { EntityManager } from 'typeorm';

export const BATCH = 250;

export interface PortfolioRow {
  reference: string;
  title: string;
  grantee: string;
  status: string;
  currency: string;
  awarded: bigint;
  released: bigint;
  spent: bigint;
  remaining: bigint;
  /** Unreleased money the grant gave back to the programme when it ended. */
  returned: bigint;
  /** Released money not spent, claimed back when the grant ended (0 without a claim). */
  claimed: bigint;
  /** OPEN, SETTLED or WAIVED; null without a claim. */
  claimStatus: string | null;
  currentSprint: number | null;
  sprintStatus: string | null;
  confidence: string | null;
  pivots: number;
  reallocations: number;
  overdueItems: number;
  learningsInsight: number;
  learningsFailure: number;
  learningsSurprise: number;
}

const PORTFOLIO_SQL = `
SELECT g.id, g.reference, g.title, o.name AS grantee, g.status, g.currency,
       g.awarded_amount_minor::text AS awarded,
       coalesce((SELECT sum(t.amount_minor) FROM tranche t
                  WHERE t.grant_id = g.id AND t.status = 'RELEASED'), 0)::text AS released,
       coalesce((SELECT sum(l.spent_minor) FROM budget_line l WHERE l.grant_id = g.id), 0)::text AS spent,
       g.returned_minor::text AS returned,
       coalesce(rc.amount_minor, 0)::text AS claimed, rc.status AS claim_status,
       cur.number AS current_sprint, cur.status AS sprint_status,
       (SELECT v.content ->> 'confidence'
          FROM sprint_review r
          JOIN sprint s ON s.id = r.sprint_id
          JOIN sprint_review_version v ON v.review_id = r.id AND v.number = r.submitted_version
         WHERE r.grant_id = g.id ORDER BY s.number DESC LIMIT 1) AS confidence,
       (SELECT count(*) FROM plan_change pc WHERE pc.grant_id = g.id)::int AS pivots,
       (SELECT count(*) FROM reallocation r WHERE r.grant_id = g.id)::int AS reallocations,
       ((SELECT count(*) FROM sprint s
          WHERE s.grant_id = g.id AND s.status IN ('ACTIVE', 'REVIEW_DUE') AND s.end_date < ($4::timestamptz AT TIME ZONE p.time_zone)::date)
        + (SELECT count(*) FROM reallocation r
            WHERE r.grant_id = g.id AND r.status = 'PENDING'
              AND r.created_at < $4::timestamptz - make_interval(days => (p.reminder_policy ->> 'decisionWaitDays')::int))
        + (SELECT count(*) FROM sprint_review r
             JOIN sprint s ON s.id = r.sprint_id AND s.status = 'IN_REVIEW'
             JOIN sprint_review_version v ON v.review_id = r.id AND v.number = r.submitted_version
            WHERE r.grant_id = g.id
              AND v.submitted_at < $4::timestamptz - make_interval(days => (p.reminder_policy ->> 'decisionWaitDays')::int))
       )::int AS overdue_items,
       count(l.id) FILTER (WHERE l.kind = 'INSIGHT')::int AS learnings_insight,
       count(l.id) FILTER (WHERE l.kind = 'FAILURE')::int AS learnings_failure,
       count(l.id) FILTER (WHERE l.kind = 'SURPRISE')::int AS learnings_surprise
  FROM "grant" g
  JOIN organization o ON o.id = g.grantee_organization_id
  JOIN programme p ON p.id = g.programme_id
  LEFT JOIN refund_claim rc ON rc.grant_id = g.id
  LEFT JOIN LATERAL (SELECT s.number, s.status FROM sprint s
                      WHERE s.grant_id = g.id AND s.status <> 'ACCEPTED'
                      ORDER BY s.number LIMIT 1) cur ON true
  LEFT JOIN learning l ON l.grant_id = g.id
 WHERE g.programme_id = $1 AND g.reference > $2
 GROUP BY g.id, o.name, p.reminder_policy, p.time_zone, rc.id, cur.number, cur.status
 ORDER BY g.reference
 LIMIT $3`;

/**
 * A programme's grants, in reference order, batch by batch. `now` is the Clock's instant: overdue
 * sprints are those whose end date is before its calendar day in the programme's time zone.
 */
export async function* portfolioRows(
  manager: EntityManager,
  programmeId: string,
  now: Date,
): AsyncGenerator<PortfolioRow> {
  let after = '';
  for (;;) {
    const rows = await manager.query<Record<string, string | number | null>[]>(PORTFOLIO_SQL, [
      programmeId,
      after,
      BATCH,
      now.toISOString(),
    ]);
    for (const r of rows) {
      const awarded = BigInt(r.awarded as string);
      const spent = BigInt(r.spent as string);
      yield {
        reference: r.reference as string,
        title: r.title as string,
        grantee: r.grantee as string,
        status: r.status as string,
        currency: r.currency as string,
        awarded,
        released: BigInt(r.released as string),
        spent,
        remaining: awarded - spent,
        returned: BigInt(r.returned as string),
        claimed: BigInt(r.claimed as string),
        claimStatus: r.claim_status as string | null,
        currentSprint: r.current_sprint as number | null,
        sprintStatus: r.sprint_status as string | null,
        confidence: r.confidence as string | null,
        pivots: r.pivots as number,
        reallocations: r.reallocations as number,
        overdueItems: r.overdue_items as number,
        learningsInsight: r.learnings_insight as number,
        learningsFailure: r.learnings_failure as number,
        learningsSurprise: r.learnings_surprise as number,
      };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].reference as string;
  }
}

export interface CloseOutFigures {
  returned: bigint;
  claimed: bigint;
  claimStatus: string | null;
}

/** A grant's close-out figures (as its settlement shows them): returned, claimed and the claim's status. */
export async function closeOutFigures(
  manager: EntityManager,
  grantId: string,
): Promise<CloseOutFigures> {
  const [row] = await manager.query<
    { returned: string; claimed: string; claim_status: string | null }[]
  >(
    `SELECT g.returned_minor::text AS returned, coalesce(rc.amount_minor, 0)::text AS claimed,
            rc.status AS claim_status
       FROM "grant" g LEFT JOIN refund_claim rc ON rc.grant_id = g.id
      WHERE g.id = $1`,
    [grantId],
  );
  return {
    returned: BigInt(row?.returned ?? '0'),
    claimed: BigInt(row?.claimed ?? '0'),
    claimStatus: row?.claim_status ?? null,
  };
}

/** Sum of the refund claims of a programme's grants (whatever their status). */
export async function programmeClaimed(
  manager: EntityManager,
  programmeId: string,
): Promise<bigint> {
  const [row] = await manager.query<{ claimed: string }[]>(
    `SELECT coalesce(sum(rc.amount_minor), 0)::text AS claimed
       FROM refund_claim rc JOIN "grant" g ON g.id = rc.grant_id
      WHERE g.programme_id = $1`,
    [programmeId],
  );
  return BigInt(row?.claimed ?? '0');
}

export interface BurnPoint {
  sprint: number;
  /** What the plan leaves at the end of this sprint (the award spread evenly). */
  planned: bigint;
  /** What is left after the spend booked up to and including this sprint. */
  actual: bigint | null;
}

/**
 * Budget burn-down over sprint numbers for a set of grants (one grant, or a programme's): what is
 * left after each sprint, planned (evenly) and actual (from spend booked per sprint).
 */
export async function burnDown(
  manager: EntityManager,
  where: { grantId?: string; programmeId?: string },
): Promise<{ currency: string; points: BurnPoint[] } | null> {
  const filter = where.grantId ? 'g.id = $1' : 'g.programme_id = $1';
  const [totals] = await manager.query<
    { awarded: string | null; sprints: number | null; currency: string | null }[]
  >(
    `SELECT sum(g.awarded_amount_minor)::text AS awarded, max(sc.n)::int AS sprints, min(g.currency) AS currency
       FROM "grant" g
       LEFT JOIN LATERAL (SELECT count(*) AS n FROM sprint s WHERE s.grant_id = g.id) sc ON true
      WHERE ${filter}`,
    [where.grantId ?? where.programmeId],
  );
  if (!totals?.awarded || !totals.sprints || !totals.currency) return null;
  const spentBySprint = await manager.query<{ number: number; spent: string }[]>(
    `SELECT s.number, sum(e.amount_minor)::text AS spent
       FROM spend_entry e
       JOIN sprint s ON s.id = e.sprint_id
       JOIN "grant" g ON g.id = e.grant_id
      WHERE ${filter}
      GROUP BY s.number ORDER BY s.number`,
    [where.grantId ?? where.programmeId],
  );
  const [{ current }] = await manager.query<{ current: number | null }[]>(
    `SELECT max(s.number)::int AS current FROM sprint s JOIN "grant" g ON g.id = s.grant_id
      WHERE ${filter} AND s.status <> 'PLANNED'`,
    [where.grantId ?? where.programmeId],
  );
  const awarded = BigInt(totals.awarded);
  const n = totals.sprints;
  const points: BurnPoint[] = [{ sprint: 0, planned: awarded, actual: awarded }];
  let left = awarded;
  for (let sprint = 1; sprint <= n; sprint++) {
    const spent = spentBySprint.find((s) => s.number === sprint);
    left -= spent ? BigInt(spent.spent) : 0n;
    points.push({
      sprint,
      planned: awarded - (awarded * BigInt(sprint)) / BigInt(n),
      actual: current !== null && sprint <= current ? left : null,
    });
  }
  return { currency: totals.currency, points };
}
