// Bench case of the learning commons: 100,000 learnings (BENCH_LEARNINGS) across 500 programmes
// of 50 funders, each programme with a grant whose team wrote them; 60 % public, 30 % shared in
// the programme, 10 % within the grant; texts drawn from a German and English vocabulary. Measures
// ranked full-text search with all five facet counts — as a visitor of the public library and as a
// signed-in grantee (whose visibility rule is the longer one) — beside a plain indexed lookup of
// one learning by id through the same service layer, in the same run. Goal: search p95 ≤ 50 ms.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source';

const LEARNINGS = Number(process.env.BENCH_LEARNINGS ?? 100_000);
const PROGRAMMES = 500;
const FUNDERS = 50;
const QUERIES = Number(process.env.BENCH_SEARCHES ?? 60);
/** Distinct rare words besides the topical ones, so each topical word is in a few % of texts. */
const RARE_WORDS = 20_000;

const WORDS = [
  'Ehrenamt',
  'Ehrenamtliche',
  'Freiwillige',
  'Nachbarschaft',
  'Datenschutz',
  'Datenschutzkonzept',
  'Förderung',
  'Verein',
  'Stadtteil',
  'Beteiligung',
  'Senioren',
  'Jugendliche',
  'Schule',
  'Eltern',
  'Workshop',
  'Prototyp',
  'Nutzerinnen',
  'Befragung',
  'Interviews',
  'Flyer',
  'Aushänge',
  'Telefon',
  'App',
  'Website',
  'Newsletter',
  'Spenden',
  'Kooperation',
  'Kommune',
  'Verwaltung',
  'Barrierefreiheit',
  'Sprache',
  'Übersetzung',
  'Vertrauen',
  'Wirkung',
  'Messung',
  'Zielgruppe',
  'Reichweite',
  'Budget',
  'Zeitplan',
  'Verzögerung',
  'Pivot',
  'Scheitern',
  'Fehler',
  'Überraschung',
  'Erkenntnis',
  'Team',
  'volunteers',
  'neighbours',
  'privacy',
  'funding',
  'community',
  'outreach',
  'prototype',
  'users',
  'survey',
  'interviews',
  'trust',
  'impact',
  'measurement',
  'accessibility',
  'translation',
  'school',
  'parents',
  'seniors',
  'youth',
  'partnership',
  'municipality',
  'newsletter',
  'donations',
  'failure',
  'surprise',
  'insight',
  'delay',
  'budget',
  'timeline',
  'workshop',
  'feedback',
  'onboarding',
  'wir',
  'haben',
  'versucht',
  'gelernt',
  'und',
  'die',
  'der',
  'mit',
  'für',
  'nicht',
  'we',
  'tried',
  'learned',
  'the',
  'with',
  'for',
  'not',
  'because',
  'weil',
  'dann',
  'then',
  'more',
  'mehr',
];
const TAGS = [
  'ehrenamt',
  'datenschutz',
  'outreach',
  'beteiligung',
  'prototyp',
  'finanzen',
  'kooperation',
  'barrierefreiheit',
  'wirkung',
  'team',
  'technik',
  'kommunikation',
  'jugend',
  'senioren',
  'schule',
  'verwaltung',
  'spenden',
  'sprache',
  'evaluation',
  'zeitplan',
];
/** What people search for: single words, two words, compounds, a phrase. */
const SEARCHES = [
  'Ehrenamt',
  'Datenschutzkonzept',
  'Ehrenamtliche Nachbarschaft',
  'privacy',
  'volunteers trust',
  'Barrierefreiheit',
  'Befragung Eltern',
  '"Datenschutz Verein"',
  'Prototyp',
  'Spenden -Newsletter',
  'Stadtteilbeteiligung',
  'impact measurement',
  'Jugendliche Schule',
  'Verzögerung',
  'onboarding',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function columns(pg: Client, table: string, skip: string[]): Promise<string[]> {
  const { rows } = await pg.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => `"${r.column_name}"`).filter((c) => !skip.includes(c));
}

/** Seeds the commons from the bench grant, then times the searches. */
export async function learningsCase(url: string, baseGrantId: string): Promise<void> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const t0 = performance.now();
  const [base] = (
    await pg.query<{ funder: string; grantee: string; programme: string; application: string }>(
      `SELECT funder_organization_id AS funder, grantee_organization_id AS grantee,
              programme_id AS programme, application_id AS application FROM "grant" WHERE id = $1`,
      [baseGrantId],
    )
  ).rows;
  const orgCols = await columns(pg, 'organization', ['"id"', '"name"', '"slug"']);
  await pg.query(
    `CREATE TEMP TABLE bench_funder AS SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${FUNDERS}) n`,
  );
  await pg.query(
    `INSERT INTO organization (id, name, slug, ${orgCols.join(', ')})
     SELECT b.id, 'Stiftung ' || b.n, 'bench-stiftung-' || b.n, ${orgCols.map((c) => `o.${c}`).join(', ')}
       FROM bench_funder b, organization o WHERE o.id = $1`,
    [base!.funder],
  );
  const progCols = await columns(pg, 'programme', ['"id"', '"title"', '"funder_organization_id"']);
  await pg.query(`CREATE TEMP TABLE bench_programme AS
    SELECT gen_random_uuid() AS id, gen_random_uuid() AS application_id, gen_random_uuid() AS grant_id,
           gen_random_uuid() AS sprint_id, n,
           (SELECT id FROM bench_funder f WHERE f.n = 1 + (p.n % ${FUNDERS})) AS funder_id
      FROM generate_series(1, ${PROGRAMMES}) p(n)`);
  await pg.query(
    `INSERT INTO programme (id, title, funder_organization_id, ${progCols.join(', ')})
     SELECT b.id, 'Programm ' || b.n, b.funder_id, ${progCols.map((c) => `p.${c}`).join(', ')}
       FROM bench_programme b, programme p WHERE p.id = $1`,
    [base!.programme],
  );
  const appCols = await columns(pg, 'application', ['"id"', '"programme_id"']);
  await pg.query(
    `INSERT INTO application (id, programme_id, ${appCols.join(', ')})
     SELECT b.application_id, b.id, ${appCols.map((c) => `a.${c}`).join(', ')}
       FROM bench_programme b, application a WHERE a.id = $1`,
    [base!.application],
  );
  const grantCols = await columns(pg, 'grant', [
    '"id"',
    '"application_id"',
    '"reference"',
    '"programme_id"',
    '"funder_organization_id"',
  ]);
  await pg.query(
    `INSERT INTO "grant" (id, application_id, reference, programme_id, funder_organization_id, ${grantCols.join(', ')})
     SELECT b.grant_id, b.application_id, 'L-' || b.n, b.id, b.funder_id, ${grantCols.map((c) => `g.${c}`).join(', ')}
       FROM bench_programme b, "grant" g WHERE g.id = $1`,
    [baseGrantId],
  );
  await pg.query(
    `INSERT INTO sprint (id, grant_id, number, goal, start_date, end_date, status)
     SELECT b.sprint_id, b.grant_id, 1, 'bench', current_date - 42, current_date, 'ACCEPTED'
       FROM bench_programme b`,
  );
  // Learnings: texts of random words (the n > 0 keeps each row's draw its own), spread over three
  // years, two tags each.
  const words = `ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}]`;
  const tags = `ARRAY[${TAGS.map((w) => `'${w}'`).join(',')}]`;
  // One word in six is topical (from WORDS), the rest rare words of a 20,000-word vocabulary: so
  // a topical word appears in a few per cent of the texts, as words of a real commons do, rather
  // than in half of them.
  const text = (count: number) =>
    `array_to_string(ARRAY(SELECT CASE WHEN random() < 0.17 THEN (${words})[1 + floor(random() * ${WORDS.length})::int] ELSE 'wort' || floor(random() * ${RARE_WORDS})::int END FROM generate_series(1, ${count}) WHERE s.n > 0), ' ')`;
  // A bulk load: the full-text index collects the new entries in its pending list and merges them
  // in one pass afterwards (far faster than one merge per row), then is left as the migrations
  // made it — without a pending list, as searches find it in use.
  for (const index of ['ix_learning_search', 'ix_learning_tags'])
    await pg.query(`ALTER INDEX ${index} SET (fastupdate = on, gin_pending_list_limit = 1048576)`);
  await pg.query(
    `INSERT INTO learning (grant_id, programme_id, sprint_id, sprint_number, review_id, review_version,
                           position, title, tried, happened, learned, kind, tags, visibility,
                           author_organization_id, funder_organization_id, published_at, created_at)
     SELECT b.grant_id, b.id, b.sprint_id, 1, b.grant_id, 1, s.n,
            left(${text(5)}, 200), ${text(30)}, ${text(25)}, ${text(25)},
            (ARRAY['INSIGHT','FAILURE','SURPRISE'])[1 + s.n % 3],
            ARRAY[(${tags})[1 + s.n % ${TAGS.length}], (${tags})[1 + (s.n * 7) % ${TAGS.length}]],
            CASE WHEN s.n % 10 < 6 THEN 'PUBLIC' WHEN s.n % 10 < 9 THEN 'PROGRAMME' ELSE 'GRANT' END,
            $1, b.funder_id,
            CASE WHEN s.n % 10 < 6 THEN now() - (s.n % 1000) * interval '1 day' END,
            now() - (s.n % 1000) * interval '1 day'
       FROM generate_series(1, ${LEARNINGS}) s(n)
       JOIN bench_programme b ON b.n = 1 + (s.n % ${PROGRAMMES})`,
    [base!.grantee],
  );
  for (const index of ['ix_learning_search', 'ix_learning_tags']) {
    await pg.query(`SELECT gin_clean_pending_list('${index}'::regclass)`);
    await pg.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
    await pg.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
  }
  // As autovacuum leaves a table in use: statistics, hint bits and the visibility map set, rather
  // than the first searches paying for a bulk load's first reads.
  await pg.query('VACUUM (ANALYZE)');
  const seeded = performance.now() - t0;
  const [{ count }] = (await pg.query<{ count: string }>(`SELECT count(*) FROM learning`)).rows;
  await pg.end();

  const ds = new DataSource(dataSourceOptions(url, 4, true));
  await ds.initialize();
  const { Database } = await import('../src/core/database/database.service');
  const { AuditService } = await import('../src/core/audit/audit.service');
  const { OutboxService } = await import('../src/core/outbox/outbox.service');
  const { LearningSearchService, CANDIDATES } =
    await import('../src/learnings/learning-search.service');
  const { LearningService } = await import('../src/learnings/learning.service');
  const { RequestContext } = await import('../src/core/context/request-context');
  const { LearningKind } = await import('../src/learnings/learning.enums');
  const db = new Database(ds);
  const search = new LearningSearchService(db);
  const learnings = new LearningService(db, new AuditService(db), new OutboxService(db));
  const anonymous = () => RequestContext.create();
  const grantee = () =>
    RequestContext.create({
      actor: {
        kind: 'user',
        userId: base!.grantee,
        organizationId: base!.grantee,
        roles: ['OWNER'],
      },
    });
  const ids = (
    (await ds.query(
      `SELECT id FROM learning WHERE visibility = 'PUBLIC' ORDER BY random() LIMIT $1`,
      [QUERIES],
    )) as { id: string }[]
  ).map((r) => r.id);

  const time = async (work: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 10; i++) await work(i); // warm the caches and the pool
    const timings: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      await work(i);
      timings.push(performance.now() - t);
    }
    return timings;
  };
  let hits = 0;
  let complete = 0;
  const publicSearch = await time(async (i) => {
    const r = await search.searchPublic(anonymous(), { text: SEARCHES[i % SEARCHES.length] });
    hits += r.totalCount;
    if (r.countsComplete) complete++;
  });
  const granteeSearch = await time((i) =>
    search.search(grantee(), { text: SEARCHES[i % SEARCHES.length] }),
  );
  const narrowed = await time((i) =>
    search.searchPublic(anonymous(), {
      text: SEARCHES[i % SEARCHES.length],
      kind: Object.values(LearningKind)[i % 3],
      tag: TAGS[i % TAGS.length],
    }),
  );
  const newest = await time(() => search.searchPublic(anonymous(), {}));
  const lookup = await time((i) => learnings.publicOne(anonymous(), ids[i % ids.length]!));
  await ds.destroy();

  const row = (values: number[], extra: Record<string, string> = {}) => ({
    p50: ms(percentile(values, 50)),
    p95: ms(percentile(values, 95)),
    p99: ms(percentile(values, 99)),
    ...extra,
  });
  console.log(
    `\nlearnings: ${count} learnings in ${PROGRAMMES} programmes of ${FUNDERS} funders (seeded in ${ms(seeded)}); ${QUERIES} searches each, ${Math.round(hits / (QUERIES + 10))} hits counted on average, counts complete in ${complete} of ${QUERIES + 10} (the others match more than ${CANDIDATES}: ranked, counted and paged over the first ${CANDIDATES})`,
  );
  console.table({
    'ranked text search + 5 facets (public)': row(publicSearch, { goal: 'p95 ≤ 50 ms' }),
    'ranked text search + 5 facets (signed-in grantee)': row(granteeSearch, {
      goal: 'p95 ≤ 50 ms',
    }),
    'text + kind + tag + 5 facets (public)': row(narrowed, { goal: '' }),
    'newest public first + 5 facets, no text': row(newest, { goal: '' }),
    'baseline: one public learning by id (indexed)': row(lookup, { goal: '' }),
  });
}
