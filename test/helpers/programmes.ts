// Fixtures for programmes and applications, made through GraphQL like a client would.
import type { Account } from './identity';

export const PROGRAMME_FIELDS = `id title status currency totalBudget { amount currency formatted } callOpensAt callClosesAt
  sprintLengthDays maxSprints criteria { key name weight } reviewTemplate { key type required }
  reallocationPolicy { tolerancePercent absoluteCapMinor approvalBeyondTolerance }
  tranchePolicy { awardSharePercent releaseOnAcceptedReview finalHoldbackPercent }
  reminderPolicy { daysBeforeDue daysAfterDue decisionWaitDays } learningVisibilityDefault`;

export function programmeInput(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    title: 'Digitale Nachbarschaft',
    description: 'Tools that help neighbours help each other.',
    currency: 'EUR',
    totalBudget: 500_000_00,
    callOpensAt: new Date(now - 86_400_000).toISOString(),
    callClosesAt: new Date(now + 30 * 86_400_000).toISOString(),
    sprintLengthDays: 42,
    maxSprints: 4,
    criteria: [
      { key: 'impact', name: 'Wirkung', weight: 3 },
      { key: 'feasibility', name: 'Machbarkeit', weight: 1 },
    ],
    reviewTemplate: [
      {
        key: 'users_reached',
        labelDe: 'Wie viele Menschen?',
        labelEn: 'How many people?',
        type: 'NUMBER',
        required: true,
      },
      { key: 'mood', labelDe: 'Stimmung', labelEn: 'Mood', type: 'SCALE', required: false },
    ],
    ...overrides,
  };
}

export async function createProgramme(
  funder: Account,
  overrides: Record<string, unknown> = {},
  open = true,
): Promise<any> {
  const created = await funder.gql(
    `mutation($input: ProgrammeInput!) { createProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`,
    {
      input: programmeInput(overrides),
    },
  );
  if (created.errors) throw new Error(`createProgramme: ${JSON.stringify(created.errors)}`);
  if (!open) return created.data.createProgramme;
  const opened = await funder.gql(
    `mutation($id: ID!) { changeProgrammeStatus(programmeId: $id, status: OPEN) { ${PROGRAMME_FIELDS} } }`,
    {
      id: created.data.createProgramme.id,
    },
  );
  if (opened.errors) throw new Error(`open: ${JSON.stringify(opened.errors)}`);
  return opened.data.changeProgrammeStatus;
}

export function applicationInput(
  programmeId: string,
  amounts: number[] = [60_000_00, 40_000_00],
  sprints = 3,
) {
  return {
    programmeId,
    title: 'Nachbarschafts-App',
    summary: 'An app for lending tools between neighbours.',
    problem: 'Tools are bought many times and used rarely.',
    approach: 'Start small in one district, learn, then grow.',
    requestedAmount: { amount: amounts.reduce((a, b) => a + b, 0), currency: 'EUR' },
    budgetLines: amounts.map((amount, i) => ({
      category: i === 0 ? 'PERSONNEL' : 'MATERIAL',
      name: i === 0 ? 'Entwicklung' : `Sachkosten ${i}`,
      amount: { amount, currency: 'EUR' },
    })),
    sprintPlan: Array.from({ length: sprints }, (_, i) => ({
      goal: `Sprint ${i + 1}: learn something`,
      milestones: [`M${i + 1}.1`, `M${i + 1}.2`],
    })),
    contactName: 'Grete Grantee',
    contactEmail: 'grete@example.org',
  };
}

export async function submitApplication(
  grantee: Account,
  programmeId: string,
  amounts?: number[],
  sprints?: number,
): Promise<string> {
  const saved = await grantee.gql(
    `mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id } }`,
    {
      input: applicationInput(programmeId, amounts, sprints),
    },
  );
  if (saved.errors) throw new Error(`save: ${JSON.stringify(saved.errors)}`);
  const id = saved.data.saveApplicationDraft.id;
  const submitted = await grantee.gql(
    `mutation($id: ID!) { submitApplication(applicationId: $id) { status } }`,
    { id },
  );
  if (submitted.errors) throw new Error(`submit: ${JSON.stringify(submitted.errors)}`);
  return id;
}

export const SCORE = `mutation($input: ScoreApplicationInput!) { scoreApplication(input: $input) { id } }`;
export const DECIDE = `mutation($input: DecideApplicationInput!) { decideApplication(input: $input) { id status decisionFeedback grant { id reference } } }`;
