// The demo data of `npm run seed`: made through the services, consistent, and loaded only once.
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { LedgerService } from '../../src/budget/ledger.service';
import { RequestContext } from '../../src/core/context/request-context';
import { SessionService } from '../../src/identity/session.service';
import { DEMO_PASSWORD, seed, seedCli, SeedModule, SeedSummary } from '../../src/scripts/seed';

const TABLES = [
  'organization',
  'person',
  'membership',
  'programme',
  'application',
  '"grant"',
  'sprint',
  'sprint_review',
  'sprint_review_version',
  'plan_change',
  'reallocation',
  'change_notice',
  'learning',
  'tranche',
  'ledger_entry',
  'audit_event',
  'outbox_event',
  'session',
];

describe('demo data (npm run seed)', () => {
  let app: INestApplicationContext;
  let ds: DataSource;
  let summary: SeedSummary;

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${table}`);
      result[table] = n;
    }
    return result;
  };
  const grantByTitle = (fragment: string) =>
    summary.grants.find((g) => g.title.includes(fragment))!;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(SeedModule, {
      logger: false,
      abortOnError: false,
    });
    ds = app.get(DataSource);
    const outcome = await seed(app);
    if (outcome.status !== 'seeded') throw new Error(`seed: ${outcome.status}`);
    summary = outcome.summary;
  });
  afterAll(() => app.close());

  it('creates a funder with an open programme and three grantees', async () => {
    const orgs = await ds.query(`SELECT kind, count(*)::int AS n FROM organization GROUP BY kind`);
    expect(Object.fromEntries(orgs.map((o: any) => [o.kind, o.n]))).toEqual({
      FUNDER: 1,
      GRANTEE: 3,
    });
    const programmes = await ds.query(
      `SELECT status, currency, sprint_length_days, max_sprints, review_template FROM programme`,
    );
    expect(programmes).toHaveLength(1);
    expect(programmes[0]).toMatchObject({ status: 'OPEN', currency: 'EUR' });
    const template = programmes[0].review_template as { type: string; required: boolean }[];
    expect(template).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'NUMBER', required: true }),
        expect.objectContaining({ type: 'TEXT' }),
      ]),
    );
    const roles = await ds.query(
      `SELECT m.role, p.email FROM membership m JOIN person p ON p.id = m.person_id
        JOIN organization o ON o.id = m.organization_id WHERE o.kind = 'FUNDER' ORDER BY m.role`,
    );
    expect(roles.map((r: any) => r.role)).toEqual(['MANAGER', 'OWNER']);
  });

  it('lets every demo login sign in with the printed password', async () => {
    expect(summary.logins).toHaveLength(5);
    const sessions = app.get(SessionService);
    for (const login of summary.logins) {
      const payload = await sessions.logIn(RequestContext.create(), {
        email: login.email,
        password: DEMO_PASSWORD,
      });
      expect(payload.organization?.name).toBe(login.organization);
    }
  });

  it('has three grants at different points of the cycle', async () => {
    const grants = await ds.query(`SELECT status FROM "grant" ORDER BY status`);
    expect(grants.map((g: any) => g.status)).toEqual(['ACTIVE', 'ACTIVE', 'STOPPED']);
    const sprintStatuses = async (grantId: string) =>
      (
        await ds.query(`SELECT status FROM sprint WHERE grant_id = $1 ORDER BY number`, [grantId])
      ).map((s: any) => s.status);
    const early = grantByTitle('Nachbarn helfen');
    const pivot = grantByTitle('Digital mobil');
    const stopped = grantByTitle('Stadtklimadaten');
    expect(await sprintStatuses(early.id)).toEqual(['ACTIVE', 'PLANNED', 'PLANNED']);
    expect(await sprintStatuses(pivot.id)).toEqual(['ACCEPTED', 'ACTIVE', 'PLANNED', 'PLANNED']);
    expect(await sprintStatuses(stopped.id)).toEqual(['ACCEPTED', 'ACCEPTED', 'PLANNED']);
    // Start dates lie in the past.
    const [{ late }] = await ds.query(
      `SELECT count(*)::int AS late FROM "grant" WHERE start_date >= current_date`,
    );
    expect(late).toBe(0);
  });

  it('saved a review draft for the early grant', async () => {
    const early = grantByTitle('Nachbarn helfen');
    const drafts = await ds.query(
      `SELECT submitted_version, draft FROM sprint_review WHERE grant_id = $1`,
      [early.id],
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0].submitted_version).toBe(0);
    expect(drafts[0].draft.summary).not.toBe('');
  });

  it('records the pivot and the reallocation of the second grant', async () => {
    const pivot = grantByTitle('Digital mobil');
    const changes = await ds.query(
      `SELECT sprint_number, before, after FROM plan_change WHERE grant_id = $1`,
      [pivot.id],
    );
    expect(changes).toHaveLength(1);
    expect(changes[0].sprint_number).toBe(2);
    expect(changes[0].after.goal).not.toBe(changes[0].before.goal);
    expect(changes[0].after.milestones).not.toEqual(changes[0].before.milestones);
    const [sprint2] = await ds.query(`SELECT goal FROM sprint WHERE grant_id = $1 AND number = 2`, [
      pivot.id,
    ]);
    expect(sprint2.goal).toBe(changes[0].after.goal);
    const moves = await ds.query(`SELECT status FROM reallocation WHERE grant_id = $1`, [pivot.id]);
    expect(moves).toEqual([{ status: 'APPLIED' }]);
    const decisions = await ds.query(
      `SELECT d.decision FROM review_decision d JOIN sprint_review r ON r.id = d.review_id
        WHERE r.grant_id = $1 ORDER BY d.created_at, d.version`,
      [pivot.id],
    );
    expect(decisions.map((d: any) => d.decision)).toEqual(['REQUEST_CHANGES', 'ACCEPT']);
  });

  it('stopped the third grant with a final review full of learnings', async () => {
    const stopped = grantByTitle('Stadtklimadaten');
    const [grant] = await ds.query(`SELECT status, closed_at FROM "grant" WHERE id = $1`, [
      stopped.id,
    ]);
    expect(grant.status).toBe('STOPPED');
    expect(grant.closed_at).not.toBeNull();
    const notices = await ds.query(`SELECT kind, status FROM change_notice WHERE grant_id = $1`, [
      stopped.id,
    ]);
    expect(notices).toEqual([{ kind: 'STOP', status: 'ACKNOWLEDGED' }]);
    const [final] = await ds.query(
      `SELECT v.final FROM sprint_review_version v JOIN sprint_review r ON r.id = v.review_id
        JOIN sprint s ON s.id = r.sprint_id WHERE r.grant_id = $1 AND s.number = 2`,
      [stopped.id],
    );
    expect(final.final).toBe(true);
    const learnings = await ds.query(
      `SELECT sprint_number, kind FROM learning WHERE grant_id = $1 ORDER BY sprint_number, position`,
      [stopped.id],
    );
    expect(learnings.filter((l: any) => l.sprint_number === 2).length).toBeGreaterThanOrEqual(1);
    const tranches = await ds.query(
      `SELECT status, count(*)::int AS n FROM tranche WHERE grant_id = $1 GROUP BY status`,
      [stopped.id],
    );
    expect(Object.fromEntries(tranches.map((t: any) => [t.status, t.n]))).toEqual({
      RELEASED: 2,
      CANCELLED: 2,
    });
  });

  it('leaves every grant with a consistent ledger', async () => {
    const ledger = app.get(LedgerService);
    const grants = await ds.query(`SELECT id FROM "grant"`);
    expect(grants).toHaveLength(3);
    for (const g of grants) {
      expect(await ledger.verify(RequestContext.system('test'), g.id)).toEqual([]);
    }
  });

  it('does nothing a second time: skipped with --if-empty, refused without', async () => {
    const before = await counts();
    expect(await seed(app, { ifEmpty: true })).toEqual({ status: 'skipped', organizations: 4 });
    expect(await seed(app)).toEqual({ status: 'refused', organizations: 4 });

    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await seedCli(['--if-empty'])).toBe(0);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('no demo data loaded'));
      expect(await seedCli([])).toBe(1);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('refused'));
      expect(await seedCli(['--force'])).toBe(1);
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      try {
        expect(await seedCli(['--if-empty'])).toBe(1);
        expect(error).toHaveBeenCalledWith(expect.stringContaining('NODE_ENV is production'));
      } finally {
        process.env.NODE_ENV = nodeEnv;
      }
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    expect(await counts()).toEqual(before);
  });
});
