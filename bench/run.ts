// Benchmarks (not tests): `npm run bench`. Uses its own database, migrated from scratch, and the
// local PostgreSQL and Redis. Prints figures; asserts nothing.
//
// budget: p95 latency of requestReallocation with 32 concurrent clients on one grant, beside the
// database's own single-row UPDATE time measured in the same run (alone, and 32 at once on one row).
// reminders: one reminder scan (find what is due, record it, queue its delivery) over 100,000
// sprints of 10,000 running grants, seeded with end dates spread around today. Goal: under 2 s.
// reports: the portfolio of that programme (10,001 grants) written as CSV and PDF, with the peak
// heap growth while writing — rows are read in batches and streamed, so it stays flat.
// learnings: ranked full-text search with facets over 100,000 learnings in 500 programmes, beside
// a plain indexed lookup in the same run (bench/learnings.ts). Goal: p95 ≤ 50 ms.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source';
import { learningsCase } from './learnings';

const BASE = process.env.BENCH_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DB = 'meilenstein_bench';
const CLIENTS = 32;
const PER_CLIENT = Number(process.env.BENCH_REQUESTS_PER_CLIENT ?? 25);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function freshDatabase(): Promise<string> {
  const admin = new Client({ connectionString: `${BASE}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const url = `${BASE}/${DB}`;
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return url;
}

async function main(): Promise<void> {
  const url = await freshDatabase();
  Object.assign(process.env, {
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '40',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    REDIS_PREFIX: 'meilenstein-bench',
  });
  // Loaded after the environment is set: the configuration is read when the modules load.
  const { createApi } = await import('../src/main');
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}/graphql`;
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  // Signing up only emails a link; sign in through verifyEmail with the token the server derives.
  const { AccountTokenService } = await import('../src/identity/account-token.service');
  const signUp = async (kind: string) => {
    const email = `${kind.toLowerCase()}-${Date.now()}@bench.example`;
    await gql(`mutation($i: SignUpInput!) { signUp(input: $i) { email } }`, {
      i: {
        email,
        password: 'bench password 123',
        displayName: kind,
        organization: { name: `${kind} bench`, kind, country: 'DE' },
      },
    });
    const [row] = (await app
      .get(DataSource)
      .query(`SELECT id, purpose FROM account_token WHERE email = $1`, [email])) as Parameters<
      InstanceType<typeof AccountTokenService>['tokenFor']
    >[0][];
    const token = app.get(AccountTokenService).tokenFor(row!);
    return (
      await gql(`mutation($t: String!) { verifyEmail(token: $t) { accessToken } }`, { t: token })
    ).verifyEmail.accessToken as string;
  };

  const funder = await signUp('FUNDER');
  const grantee = await signUp('GRANTEE');
  const now = Date.now();
  const programme = await gql(
    `mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`,
    {
      i: {
        title: 'Bench',
        currency: 'EUR',
        totalBudget: 1_000_000_00,
        maxSprints: 4,
        callOpensAt: new Date(now - 60_000).toISOString(),
        callClosesAt: new Date(now + 86_400_000).toISOString(),
        criteria: [{ key: 'impact', name: 'Impact', weight: 1 }],
        reallocationPolicy: { tolerancePercent: 100, approvalBeyondTolerance: true },
      },
    },
    funder,
  );
  await gql(
    `mutation($id: ID!) { changeProgrammeStatus(programmeId: $id, status: OPEN) { id } }`,
    { id: programme.createProgramme.id },
    funder,
  );
  const lines = [0, 1].map((i) => ({
    category: 'PERSONNEL',
    name: `Line ${i}`,
    amount: { amount: 100_000_00, currency: 'EUR' },
  }));
  const draft = await gql(
    `mutation($i: SaveApplicationInput!) { saveApplicationDraft(input: $i) { id } }`,
    {
      i: {
        programmeId: programme.createProgramme.id,
        title: 'Bench',
        summary: 's',
        problem: 'p',
        approach: 'a',
        contactName: 'c',
        contactEmail: 'c@bench.example',
        requestedAmount: { amount: 200_000_00, currency: 'EUR' },
        budgetLines: lines,
        sprintPlan: [{ goal: 'g', milestones: ['m'] }],
      },
    },
    grantee,
  );
  const applicationId = draft.saveApplicationDraft.id;
  await gql(
    `mutation($id: ID!) { submitApplication(applicationId: $id) { id } }`,
    { id: applicationId },
    grantee,
  );
  const decided = await gql(
    `mutation($i: DecideApplicationInput!) { decideApplication(input: $i) { grant { id budgetLines { id } } } }`,
    { i: { applicationId, decision: 'APPROVE', comment: 'bench' } },
    funder,
  );
  const grantId = decided.decideApplication.grant.id as string;
  const [a, b] = decided.decideApplication.grant.budgetLines.map((l: { id: string }) => l.id) as [
    string,
    string,
  ];

  // Warm-up, then 32 clients moving 1 € back and forth between the two lines.
  const move = (from: string, to: string) =>
    gql(
      `mutation($i: RequestReallocationInput!) { requestReallocation(input: $i) { status } }`,
      {
        i: {
          grantId,
          fromLineId: from,
          toLineId: to,
          amount: { amount: 100, currency: 'EUR' },
          reason: 'bench',
        },
      },
      grantee,
    );
  for (let i = 0; i < 20; i++) await move(a, b);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t0 = performance.now();
        await (c % 2 === 0 ? move(a, b) : move(b, a));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  await app.close();

  // The database's own single-row update, on the same machine in the same run.
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const single: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    await pg.query(`UPDATE budget_line SET spent_minor = spent_minor WHERE id = $1`, [a]);
    single.push(performance.now() - t0);
  }
  await pg.end();
  const pool = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const contended: number[] = [];
  await Promise.all(
    pool.map(async (c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t0 = performance.now();
        await c.query(`UPDATE budget_line SET spent_minor = spent_minor WHERE id = $1`, [a]);
        contended.push(performance.now() - t0);
      }
      await c.end();
    }),
  );

  console.log(
    `\nbudget: requestReallocation, ${CLIENTS} concurrent clients × ${PER_CLIENT} requests on one grant`,
  );
  console.table({
    'requestReallocation (GraphQL over HTTP)': {
      p50: ms(percentile(latencies, 50)),
      p95: ms(percentile(latencies, 95)),
      p99: ms(percentile(latencies, 99)),
      throughput: `${((latencies.length / elapsed) * 1000).toFixed(0)}/s`,
    },
    'single-row UPDATE, one client': {
      p50: ms(percentile(single, 50)),
      p95: ms(percentile(single, 95)),
      p99: ms(percentile(single, 99)),
      throughput: '',
    },
    [`single-row UPDATE, ${CLIENTS} clients, same row`]: {
      p50: ms(percentile(contended, 50)),
      p95: ms(percentile(contended, 95)),
      p99: ms(percentile(contended, 99)),
      throughput: '',
    },
  });
  await remindersCase(url, grantId);
  await learningsCase(url, grantId);

  const admin = new Client({ connectionString: `${BASE}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}

const GRANTS = Number(process.env.BENCH_REMINDER_GRANTS ?? 10_000);
const SPRINTS_PER_GRANT = 10;

/** Copies the bench grant (and its application) GRANTS times, each with 10 sprints, then scans. */
async function remindersCase(url: string, baseGrantId: string): Promise<void> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const columns = async (table: string, skip: string[]) =>
    (
      await pg.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows
      .map((r) => `"${r.column_name}"`)
      .filter((c) => !skip.includes(c));
  const t0 = performance.now();
  const appCols = await columns('application', ['"id"']);
  const grantCols = await columns('grant', ['"id"', '"application_id"', '"reference"']);
  await pg.query(`CREATE TEMP TABLE bench_app AS
    SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${GRANTS}) n`);
  await pg.query(
    `INSERT INTO application (id, ${appCols.join(', ')})
     SELECT b.id, ${appCols.map((c) => `a.${c}`).join(', ')}
       FROM bench_app b, application a
      WHERE a.id = (SELECT application_id FROM "grant" WHERE id = $1)`,
    [baseGrantId],
  );
  await pg.query(
    `INSERT INTO "grant" (id, application_id, reference, ${grantCols.join(', ')})
     SELECT gen_random_uuid(), b.id, 'B-' || b.n, ${grantCols.map((c) => `g.${c}`).join(', ')}
       FROM bench_app b, "grant" g WHERE g.id = $1`,
    [baseGrantId],
  );
  // Ten sprints per grant; end dates spread over ±60 days around today, so that some are due soon,
  // some overdue, most neither — the mix a real portfolio has.
  await pg.query(
    `INSERT INTO sprint (grant_id, number, goal, start_date, end_date, status)
     SELECT g.id, s, 'bench', current_date + ((g.n * 7 + s * 13) % 120 - 60)::int - 27,
            current_date + ((g.n * 7 + s * 13) % 120 - 60)::int,
            CASE WHEN (g.n + s) % 4 = 0 THEN 'PLANNED' WHEN (g.n + s) % 4 = 1 THEN 'ACCEPTED' ELSE 'ACTIVE' END
       FROM (SELECT id, row_number() OVER () AS n FROM "grant" WHERE reference LIKE 'B-%') g,
            generate_series(1, ${SPRINTS_PER_GRANT}) s`,
  );
  await pg.query('ANALYZE');
  const [{ count }] = (await pg.query<{ count: string }>(`SELECT count(*) FROM sprint`)).rows;
  const seeded = performance.now() - t0;
  await pg.end();

  const ds = new DataSource(dataSourceOptions(url, 2, false));
  await ds.initialize();
  const { Database } = await import('../src/core/database/database.service');
  const { ReminderService } = await import('../src/reminders/reminder.service');
  const { Clock } = await import('../src/core/calendar/clock');
  const reminders = new ReminderService(new Database(ds), new Clock());
  const timings: number[] = [];
  let first = 0;
  for (let i = 0; i < 3; i++) {
    // Each run records what is due; later runs find the same reminders already recorded.
    const t = performance.now();
    const recorded = await reminders.scan(new Date());
    timings.push(performance.now() - t);
    if (i === 0) first = recorded;
  }
  await reportsCase(ds);
  await ds.destroy();
  console.log(`\nreminders: scan over ${count} sprints (seeded in ${ms(seeded)})`);
  console.table({
    'first scan (records and queues)': {
      time: ms(timings[0]!),
      reminders: first,
      goal: '< 2000 ms',
    },
    'next scans (nothing new)': {
      time: `${ms(timings[1]!)}, ${ms(timings[2]!)}`,
      reminders: 0,
      goal: '< 2000 ms',
    },
  });
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);

/** The portfolio rows of the bench programme streamed into CSV and PDF files; time and peak heap. */
async function reportsCase(ds: DataSource): Promise<void> {
  const { portfolioRows } = await import('../src/reports/report-data');
  const { writeCsv, writePdf } = await import('../src/reports/writers');
  const { createWriteStream, mkdtempSync, rmSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const [{ id: programmeId }] = await ds.query<{ id: string }[]>(
    `SELECT id FROM programme LIMIT 1`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const results: Record<
    string,
    { time: string; rows: number; size: string; peakHeapGrowth: string }
  > = {};
  for (const [format, writer] of [
    ['CSV', writeCsv],
    ['PDF', writePdf],
  ] as const) {
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 5);
    const path = join(dir, `portfolio.${format.toLowerCase()}`);
    const t0 = performance.now();
    const doc = {
      title: 'Bench portfolio',
      subtitle: '',
      asOf: new Date().toISOString().slice(0, 10),
      language: 'en' as const,
      facts: [],
      currency: 'EUR',
      chart: null,
      counts: {} as Record<string, number>,
      tables: [
        {
          key: 'grants',
          title: 'Grants',
          columns: ['reference', 'title', 'awarded', 'released', 'spent', 'remaining'].map(
            (key) => ({
              key,
              label: key,
              money: !['reference', 'title'].includes(key),
            }),
          ),
          rows: (async function* () {
            for await (const r of portfolioRows(ds.manager, programmeId, new Date()))
              yield { ...r };
          })(),
        },
      ],
    };
    await writer(doc, createWriteStream(path));
    const elapsed = performance.now() - t0;
    clearInterval(sampler);
    results[`portfolio ${format}`] = {
      time: ms(elapsed),
      rows: doc.counts.grants ?? 0,
      size: `${(statSync(path).size / 1024).toFixed(0)} KiB`,
      peakHeapGrowth: `${((peak - base) / 1024 / 1024).toFixed(1)} MiB`,
    };
  }
  rmSync(dir, { recursive: true, force: true });
  console.log('\nreports: portfolio of the bench programme, streamed');
  console.table(results);
}
