// Several writes of one transaction sent as one statement: each INSERT or UPDATE becomes a
// data-modifying CTE of `WITH … SELECT`, and a NOTIFY is the final SELECT. A mutation that holds a
// lock decides everything in Node first (ids and timestamps included), then applies it in one round
// trip instead of one per row, so the lock is held for the work, not for the wire.
//
// All parts run on the same snapshot and none sees another's rows: a batch is for writes that do
// not read each other (new rows, and updates of distinct rows with values decided beforehand).
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export class WriteBatch {
  private readonly parts: string[] = [];
  private readonly params: unknown[] = [];
  private readonly notifications: string[] = [];

  constructor(private readonly manager: EntityManager) {}

  /** Whether nothing was added yet. */
  get empty(): boolean {
    return this.parts.length === 0 && this.notifications.length === 0;
  }

  /**
   * Inserts `rows` of `entity` (entity property names; missing ones take the column's default).
   * Values go through the entity's column types and transformers, as the repository's insert does.
   */
  insert<T extends ObjectLiteral>(entity: EntityTarget<T>, rows: Partial<T>[]): this {
    if (!rows.length) return this;
    const metadata = this.manager.connection.getMetadata(entity);
    const driver = this.manager.connection.driver;
    const columns = metadata.columns.filter((c) =>
      rows.some((row) => (row as Record<string, unknown>)[c.propertyName] !== undefined),
    );
    const values = rows.map(
      (row) =>
        `(${columns
          .map((c) => {
            const value = (row as Record<string, unknown>)[c.propertyName];
            return value === undefined
              ? 'DEFAULT'
              : this.param(driver.preparePersistentValue(value, c));
          })
          .join(', ')})`,
    );
    this.parts.push(
      `INSERT INTO ${this.manager.connection.driver.escape(metadata.tableName)} (${columns
        .map((c) => driver.escape(c.databaseName))
        .join(', ')}) VALUES ${values.join(', ')}`,
    );
    return this;
  }

  /** Any INSERT, UPDATE or DELETE, its parameters numbered from $1 as if it stood alone. */
  sql(text: string, params: unknown[]): this {
    const offset = this.params.length;
    this.params.push(...params);
    this.parts.push(text.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`));
    return this;
  }

  /** `pg_notify(channel, '')`, once per channel; PostgreSQL delivers it on commit. */
  notify(channel: string): this {
    if (!this.notifications.includes(channel)) this.notifications.push(channel);
    return this;
  }

  /** Sends everything added as one statement in the manager's transaction. */
  async run(): Promise<void> {
    if (this.empty) return;
    const ctes = this.parts.map((sql, i) => `w${i} AS (${sql})`);
    const select = this.notifications.length
      ? this.notifications.map((c) => `pg_notify(${this.param(c)}, '')`).join(', ')
      : '1';
    const text = ctes.length ? `WITH ${ctes.join(', ')} SELECT ${select}` : `SELECT ${select}`;
    await this.manager.query(text, this.params);
  }

  private param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}
