// The grants module owns the grant aggregate: no file outside src/grants writes the rows of Grant,
// Sprint, Milestone, Tranche or BudgetLine — through a repository, an entity manager, a query
// builder or raw SQL. Others change a grant through GrantAggregate.withGrant and
// GrantLifecycleService. The scan is textual, so it also proves itself on examples below.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ENTITIES = ['Grant', 'Sprint', 'Milestone', 'Tranche', 'BudgetLine'];
const TABLES = ['"grant"', 'grant', 'sprint', 'milestone', 'tranche', 'budget_line'];
const WRITES = [
  'save',
  'insert',
  'update',
  'upsert',
  'delete',
  'remove',
  'softDelete',
  'restore',
  'increment',
  'decrement',
];

const entity = `(?:${ENTITIES.join('|')})`;
const table = `(?:${TABLES.map((t) => t.replace(/"/g, '"?')).join('|')})`;
const write = `(?:${WRITES.join('|')})`;

const PATTERNS: { what: string; re: RegExp }[] = [
  {
    // db.repo(tx, Sprint).update(…), getRepository(Grant).save(…), also across line breaks and
    // through .createQueryBuilder().update()/.insert()/.delete() — within one statement (no `;`).
    what: 'repository write',
    re: new RegExp(
      `(?:repo\\(\\s*[\\w.]+\\s*,\\s*|getRepository\\(\\s*)${entity}\\s*\\)[^;]{0,200}?\\.${write}\\(`,
      'g',
    ),
  },
  {
    // manager.save(Grant, …), manager.update(Sprint, …)
    what: 'entity-manager write',
    re: new RegExp(`\\.${write}\\(\\s*${entity}\\s*,`, 'g'),
  },
  {
    // qb.update(Tranche), qb.insert().into(BudgetLine), qb.delete().from(Milestone)
    what: 'query-builder write',
    re: new RegExp(`\\.(?:update|into|from)\\(\\s*${entity}\\s*\\)`, 'g'),
  },
  {
    what: 'SQL write',
    re: new RegExp(`\\b(?:UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+${table}\\b`, 'gi'),
  },
];

/** Every write to the aggregate's tables in `source`, as `what: excerpt`. */
export function aggregateWrites(source: string): string[] {
  const found: string[] = [];
  for (const { what, re } of PATTERNS) {
    for (const m of source.matchAll(re))
      found.push(`${what}: ${m[0].replace(/\s+/g, ' ').slice(0, 120)}`);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the grant aggregate has one owner', () => {
  const root = join(__dirname, '..');

  it('no file outside src/grants writes Grant, Sprint, Milestone, Tranche or BudgetLine rows', () => {
    const offenders = sourceFiles(root)
      .filter((file) => !relative(root, file).startsWith(`grants${sep}`))
      .flatMap((file) =>
        aggregateWrites(readFileSync(file, 'utf8')).map((w) => `${relative(root, file)}: ${w}`),
      );
    expect(offenders).toEqual([]);
  });

  it('finds the writes it forbids (and not reads)', () => {
    const writes = [
      `await this.db.repo(tx, Sprint).update({ id }, { status });`,
      `await this.db\n  .repo(tx, BudgetLine)\n  .createQueryBuilder()\n  .update()\n  .set({})`,
      `manager.getRepository(Tranche).insert({ grantId })`,
      `await manager.save(Grant, grant)`,
      `qb.insert().into(Milestone).values([])`,
      'await manager.query(`UPDATE sprint s SET status = $1`)',
      `await manager.query('update "grant" set end_date = $1')`,
      `await manager.query('DELETE FROM budget_line WHERE id = $1')`,
    ];
    for (const w of writes) expect(aggregateWrites(w)).not.toEqual([]);
    const reads = [
      `await this.db.repo(tx, Sprint).findOneBy({ id });\nawait this.db.repo(tx, Learning).update({ id }, {});`,
      `this.db.repo(ctx, Grant).createQueryBuilder('g').where('g.id = :id')`,
      'manager.query(`SELECT * FROM sprint s JOIN "grant" g ON g.id = s.grant_id`)',
      `await this.db.repo(tx, SprintReview).update({ id }, {})`,
    ];
    for (const r of reads) expect(aggregateWrites(r)).toEqual([]);
  });
});
