// Sprint-cycle operations as a client sends them, and a complete review for a sprint.
import type { Account } from './identity';

export const SPRINTS = `query($id: ID!) { grant(grantId: $id) { status sprints { id number status goal startDate endDate
  milestones { id title } review { id submittedVersion } } } }`;

export const REVIEW_FIELDS = `id status submittedVersion final
  draft { summary confidence nextSprint { goal milestones } spend { lineId amount { amount currency } } }
  latest { number content { confidence spend { lineId amount { amount } } learnings { title kind } nextSprint { goal milestones } }
           planDiff { changed goalChanged milestonesAdded milestonesRemoved text } }
  versions { number content { spend { lineId amount { amount } } } }
  decisions { decision comment version }
  comments(first: 100) { nodes { body version organization { kind } } }`;

export const SAVE_REVIEW = `mutation($input: SaveSprintReviewInput!) { saveSprintReview(input: $input) { ${REVIEW_FIELDS} } }`;
export const SUBMIT_REVIEW = `mutation($input: SubmitSprintReviewInput!) { submitSprintReview(input: $input) { ${REVIEW_FIELDS} } }`;
export const DECIDE_REVIEW = `mutation($input: DecideSprintReviewInput!) { decideSprintReview(input: $input) { ${REVIEW_FIELDS} } }`;
export const COMMENT = `mutation($input: CommentOnSprintReviewInput!) { commentOnSprintReview(input: $input) { id body version } }`;
export const FILE_NOTICE = `mutation($input: FileChangeNoticeInput!) { fileChangeNotice(input: $input) {
  id kind status requestedEndDate previousEndDate otherFundingSource otherFundingAmount { amount currency } } }`;
export const DECIDE_NOTICE = `mutation($input: DecideChangeNoticeInput!) { decideChangeNotice(input: $input) { id kind status decisionComment } }`;

export interface SprintView {
  id: string;
  number: number;
  status: string;
  goal: string;
  startDate: string;
  endDate: string;
  milestones: { id: string; title: string }[];
  review: { id: string; submittedVersion: number } | null;
}

export async function sprintsOf(account: Account, grantId: string): Promise<SprintView[]> {
  const res = await account.gql(SPRINTS, { id: grantId });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.grant.sprints;
}

/** A complete review of `sprint`: every milestone, the template's required answer, a learning, a plan. */
export function reviewInput(
  sprint: SprintView,
  options: {
    spend?: { lineId: string; amount: number; explanation?: string }[];
    nextSprint?: { goal: string; milestones: string[] } | null;
    learnings?: Record<string, unknown>[];
  } = {},
) {
  return {
    sprintId: sprint.id,
    summary: `What sprint ${sprint.number} was about.`,
    outcomes: sprint.milestones.map((m, i) => ({
      milestoneId: m.id,
      outcome: i === 0 ? 'DONE' : 'PARTLY',
      note: i === 0 ? 'Shipped.' : 'Half of it; the rest moves on.',
    })),
    spend: (options.spend ?? []).map((s) => ({
      lineId: s.lineId,
      amount: { amount: s.amount, currency: 'EUR' },
      ...(s.explanation ? { explanation: s.explanation } : {}),
    })),
    answers: [
      { key: 'users_reached', number: 40 * sprint.number },
      { key: 'mood', number: 4 },
    ],
    learnings: options.learnings ?? [
      {
        title: `Sprint ${sprint.number}: Ehrenamtliche erreichen`,
        tried: 'Flyers in the stairwell.',
        happened: 'Nobody called.',
        learned: 'Neighbours trust people, not paper: go door to door.',
        kind: 'FAILURE',
        tags: ['Outreach', 'ehrenamt'],
      },
    ],
    confidence: 'GREEN',
    confidenceNote: 'We know what to do next.',
    ...(options.nextSprint !== undefined && options.nextSprint !== null
      ? { nextSprint: options.nextSprint }
      : {}),
  };
}

/** Saves and submits a complete review of sprint `number`; answers the submitted review. */
export async function submitReview(
  grantee: Account,
  grantId: string,
  number: number,
  options: Parameters<typeof reviewInput>[1] = {},
) {
  const sprints = await sprintsOf(grantee, grantId);
  const sprint = sprints.find((s) => s.number === number)!;
  const next = sprints.find((s) => s.number === number + 1);
  const plan =
    options.nextSprint !== undefined
      ? options.nextSprint
      : next
        ? { goal: next.goal, milestones: next.milestones.map((m) => m.title) }
        : null;
  const res = await grantee.gql(SUBMIT_REVIEW, {
    input: reviewInput(sprint, { ...options, nextSprint: plan }),
  });
  if (res.errors) throw new Error(`submit review: ${JSON.stringify(res.errors)}`);
  return res.data.submitSprintReview;
}
