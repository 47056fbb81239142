// Property-based: random sequences of reallocations, amendments, releases and spend, run against
// the real services and database and against a small reference model of the rules, compared after
// every step — decisions (applied, pending, refused) and every balance; and, when the sequence
// ends with a STOP, the close-out: unpaid tranches returned to the programme, the unspent part of
// what was paid claimed back, the ledger balanced.
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { RequestContext } from '../../src/core/context/request-context';
import { BudgetService } from '../../src/budget/budget.service';
import { LedgerService } from '../../src/budget/ledger.service';
import { startApi, TestApi } from '../helpers/api';
import { createGrant } from '../helpers/grants';
import { actingAs } from '../helpers/identity';
import { FILE_NOTICE, SAVE_REVIEW, reviewInput, sprintsOf } from '../helpers/sprints';

type Op =
  | { kind: 'reallocate'; from: number; to: number; amount: number }
  | { kind: 'amend'; line: number; delta: number }
  | { kind: 'release' }
  | { kind: 'spend'; line: number; amount: number };

const LINES = 4;
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('reallocate' as const),
      from: fc.nat(LINES - 1),
      to: fc.nat(LINES - 1),
      amount: fc.integer({ min: 1, max: 8_000_00 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      line: fc.nat(LINES - 1),
      delta: fc.integer({ min: -6_000_00, max: 6_000_00 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('spend' as const),
      line: fc.nat(LINES - 1),
      amount: fc.integer({ min: 1, max: 5_000_00 }),
    }),
  },
);

/** The rules, written again independently of the implementation. */
class Model {
  lines = [10_000_00, 10_000_00, 10_000_00, 10_000_00].map((v) => ({
    original: v,
    allocated: v,
    spent: 0,
  }));
  awarded = 40_000_00;
  constructor(
    public tranches: { id: string; kind: string; amount: number; status: string }[],
    readonly tolerance = 20,
  ) {}
  get released() {
    return this.tranches.filter((t) => t.status === 'RELEASED').reduce((s, t) => s + t.amount, 0);
  }
  reallocate(
    from: number,
    to: number,
    amount: number,
  ): 'APPLIED' | 'PENDING' | 'REFUSED' | 'INVALID' {
    if (from === to) return 'INVALID';
    const source = this.lines[from]!;
    if (source.allocated - amount < Math.max(source.spent, 0)) return 'REFUSED';
    const target = this.lines[to]!;
    const within = (target.allocated + amount) * 100 <= target.original * (100 + this.tolerance);
    if (!within) return 'PENDING';
    source.allocated -= amount;
    target.allocated += amount;
    return 'APPLIED';
  }
  amend(line: number, delta: number): 'APPLIED' | 'REFUSED' {
    const target = this.lines[line]!;
    const next = this.awarded + delta;
    if (
      delta === 0 ||
      next <= 0 ||
      next < this.released ||
      target.allocated + delta < Math.max(target.spent, 0)
    )
      return 'REFUSED';
    this.awarded = next;
    target.allocated += delta;
    return 'APPLIED';
  }
  spend(line: number, amount: number) {
    this.lines[line]!.spent += amount;
  }
  /** Close-out on STOP: what was never paid goes back; what was paid and not spent is owed. */
  closeOut() {
    const returned = this.tranches
      .filter((t) => t.status === 'SCHEDULED')
      .reduce((s, t) => s + t.amount, 0);
    const spent = this.lines.reduce((s, l) => s + l.spent, 0);
    return {
      awarded: this.awarded,
      released: this.released,
      spent,
      returned,
      claimed: Math.max(0, this.released - spent),
    };
  }
}

const SETTLEMENT = `query($id: ID!) { grant(grantId: $id) { status settlement {
  awarded { amount } released { amount } spent { amount } returned { amount } claimed { amount } } } }`;
const RETURNED = `query($id: ID!) { programmeBudget(programmeId: $id) { returned { amount } } }`;

describe('budget engine against a reference model', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('agrees with the model on every decision and balance', async () => {
    const budget = api.app.get(BudgetService);
    const ledger = api.app.get(LedgerService);
    const ds = api.app.get(DataSource);
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 5, maxLength: 18 }),
        fc.boolean(),
        async (ops, stop) => {
          const g = await createGrant(api, {
            lines: [10_000_00, 10_000_00, 10_000_00, 10_000_00],
            sprints: 4,
          });
          const asGrantee = actingAs(g.grantee, 'GRANTEE', 'OWNER');
          const asFunder = actingAs(g.manager, 'FUNDER', 'MANAGER');
          const model = new Model(g.tranches.map((t) => ({ ...t })));
          for (const step of ops) {
            if (step.kind === 'reallocate') {
              const expected = model.reallocate(step.from, step.to, step.amount);
              const outcome = await budget
                .requestReallocation(asGrantee, {
                  grantId: g.grantId,
                  fromLineId: g.lineIds[step.from]!,
                  toLineId: g.lineIds[step.to]!,
                  amount: { amount: step.amount, currency: 'EUR' } as never,
                  reason: 'property test',
                })
                .then(
                  (r) => r.status as string,
                  (e: { code?: string; message?: string }) =>
                    e.code === 'CONFLICT'
                      ? 'REFUSED'
                      : e.code === 'BAD_USER_INPUT'
                        ? 'INVALID'
                        : `ERROR ${(e as Error).message}`,
                );
              expect({ step, outcome }).toEqual({ step, outcome: expected });
            } else if (step.kind === 'amend') {
              const expected = model.amend(step.line, step.delta);
              const outcome = await budget
                .amend(asFunder, {
                  grantId: g.grantId,
                  newAmount: {
                    amount: model.awarded + (expected === 'APPLIED' ? 0 : step.delta),
                    currency: 'EUR',
                  } as never,
                  lineChanges: [{ lineId: g.lineIds[step.line]!, change: step.delta }],
                  reason: 'property test',
                })
                .then(
                  () => 'APPLIED',
                  (e: { code?: string; message?: string }) =>
                    ['CONFLICT', 'BAD_USER_INPUT'].includes(e.code ?? '')
                      ? 'REFUSED'
                      : `ERROR ${(e as Error).message}`,
                );
              expect({ step, outcome }).toEqual({ step, outcome: expected });
              if (outcome === 'APPLIED') {
                const rows = await ds.query(
                  `SELECT id, kind, amount_minor::int AS amount, status FROM tranche WHERE grant_id = $1 ORDER BY number`,
                  [g.grantId],
                );
                model.tranches = rows;
              }
            } else if (step.kind === 'release') {
              const next = model.tranches.find(
                (t) => t.status === 'SCHEDULED' && t.kind !== 'HOLDBACK',
              );
              if (!next) continue;
              await budget.releaseTranche(asFunder, { trancheId: next.id });
              next.status = 'RELEASED';
            } else {
              model.spend(step.line, step.amount);
              await budget.reportSpend(asGrantee, {
                grantId: g.grantId,
                lineId: g.lineIds[step.line]!,
                amount: { amount: step.amount, currency: 'EUR' } as never,
                spentOn: '2026-11-25',
                note: 'property test',
                explanation: 'reality happens',
              });
            }
            const lines = await ds.query(
              `SELECT allocated_minor::int AS allocated, spent_minor::int AS spent FROM budget_line WHERE grant_id = $1 ORDER BY position`,
              [g.grantId],
            );
            expect(lines).toEqual(
              model.lines.map((l) => ({ allocated: l.allocated, spent: l.spent })),
            );
            const [grant] = await ds.query(
              `SELECT awarded_amount_minor::int AS awarded FROM "grant" WHERE id = $1`,
              [g.grantId],
            );
            expect(grant.awarded).toBe(model.awarded);
            expect(await ledger.verify(RequestContext.system('test'), g.grantId)).toEqual([]);
          }
          if (!stop) return;
          // STOP with a final review that states exactly the spend already booked for sprint 1.
          const [s1] = await sprintsOf(g.grantee, g.grantId);
          const booked: { lineId: string; amount: number }[] = await ds.query(
            `SELECT line_id AS "lineId", sum(amount_minor)::int AS amount FROM spend_entry
            WHERE sprint_id = $1 GROUP BY line_id`,
            [s1!.id],
          );
          const saved = await g.grantee.gql(SAVE_REVIEW, {
            input: reviewInput(s1!, {
              spend: booked.map((b) => ({ ...b, explanation: 'as booked' })),
            }),
          });
          expect(saved.errors).toBeUndefined();
          const returnedBefore = (await g.funder.gql(RETURNED, { id: g.programmeId })).data
            .programmeBudget.returned.amount;
          const filed = await g.grantee.gql(FILE_NOTICE, {
            input: { grantId: g.grantId, kind: 'STOP', description: 'property test' },
          });
          expect(filed.errors).toBeUndefined();
          const expected = model.closeOut();
          const grant = (await g.funder.gql(SETTLEMENT, { id: g.grantId })).data.grant;
          expect(grant.status).toBe('STOPPED');
          expect({
            awarded: grant.settlement.awarded.amount,
            released: grant.settlement.released.amount,
            spent: grant.settlement.spent.amount,
            returned: grant.settlement.returned.amount,
            claimed: grant.settlement.claimed.amount,
          }).toEqual(expected);
          const returnedAfter = (await g.funder.gql(RETURNED, { id: g.programmeId })).data
            .programmeBudget.returned.amount;
          expect(returnedAfter - returnedBefore).toBe(expected.returned);
          expect(await ledger.verify(RequestContext.system('test'), g.grantId)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });
});
