// A running grant for budget tests: a funder programme, a grantee application with `lines`
// budget lines, approved — all through GraphQL.
import type { TestApi } from './api';
import { Account, addMember, signUp } from './identity';
import { createProgramme, DECIDE, submitApplication } from './programmes';

export interface GrantFixture {
  funder: Account;
  manager: Account;
  grantee: Account;
  programmeId: string;
  grantId: string;
  lineIds: string[];
  tranches: { id: string; kind: string; amount: number; status: string }[];
}

export async function createGrant(
  api: TestApi,
  options: { lines?: number[]; sprints?: number; programme?: Record<string, unknown> } = {},
): Promise<GrantFixture> {
  const lines = options.lines ?? [50_000_00, 30_000_00, 20_000_00];
  const funder = await signUp(api, 'FUNDER');
  const manager = await addMember(api, funder, 'MANAGER');
  const grantee = await signUp(api, 'GRANTEE');
  const programme = await createProgramme(funder, {
    totalBudget: 10_000_000_00,
    maxSprints: 6,
    ...options.programme,
  });
  const applicationId = await submitApplication(grantee, programme.id, lines, options.sprints ?? 3);
  const decided = await manager.gql(DECIDE, {
    input: { applicationId, decision: 'APPROVE', comment: 'ok' },
  });
  if (decided.errors) throw new Error(JSON.stringify(decided.errors));
  const grantId = decided.data.decideApplication.grant.id;
  const grant = await funder.gql(
    `{ grant(grantId: "${grantId}") { budgetLines { id } tranches { id kind status amount { amount } } } }`,
  );
  return {
    funder,
    manager,
    grantee,
    programmeId: programme.id,
    grantId,
    lineIds: grant.data.grant.budgetLines.map((l: any) => l.id),
    tranches: grant.data.grant.tranches.map((t: any) => ({
      id: t.id,
      kind: t.kind,
      status: t.status,
      amount: t.amount.amount,
    })),
  };
}

/**
 * A `RequestReallocationInput` moving `amount` (euro cents) of `g` from line `from` to line `to`
 * (indexes into its lines; the first to the second unless said), with `idempotencyKey` when given;
 * `extra` fields are added last, so a spec can replace any of them (a wrong currency, say).
 */
export function moveInput(
  g: Pick<GrantFixture, 'grantId' | 'lineIds'>,
  amount: number,
  {
    from = 0,
    to = 1,
    reason = 'we learned what the project needs',
    idempotencyKey,
    ...extra
  }: {
    from?: number;
    to?: number;
    reason?: string;
    idempotencyKey?: string;
    [field: string]: unknown;
  } = {},
) {
  return {
    grantId: g.grantId,
    fromLineId: g.lineIds[from],
    toLineId: g.lineIds[to],
    amount: { amount, currency: 'EUR' },
    reason,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...extra,
  };
}

export const REALLOCATE = `mutation($input: RequestReallocationInput!) { requestReallocation(input: $input) { id status withinTolerance amount { amount } } }`;
export const BUDGET = `query($id: ID!) { grantBudget(grantId: $id) { awarded { amount } allocated { amount } released { amount } spent { amount }
  remaining { amount } holdback { amount } linesOutsideTolerance ledgerConsistent
  lines { line { id } original { amount } allocated { amount } spent { amount } remaining { amount } deviationPercent withinTolerance }
  burnBySprint { sprintNumber spent { amount } } pendingReallocations(first: 100) { nodes { id } } } }`;
