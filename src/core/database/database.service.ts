// Repositories and transactions, always through the request context: a service in a transaction
// gets that transaction's manager, so its audit and outbox rows commit (or roll back) with it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { RequestContext } from '../context/request-context';
import { WriteBatch } from './write-batch';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Retries on serialization failures and deadlocks (SQLSTATE 40001, 40P01). */
  retries?: number;
}

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Column types the PostgreSQL driver hands over as TypeORM would keep them (strings, numbers as
 * pg parses them, JSON): a column of these without transformer or embedding is read back as is,
 * without TypeORM's conversion, which tests its type against each kind it knows.
 */
const PLAIN = new Set<ColumnMetadata['type']>([
  String,
  'uuid',
  'text',
  'varchar',
  'character varying',
  'citext',
  'char',
  'character',
  // A calendar date, as text (see data-source.ts).
  'date',
  'integer',
  'int',
  'smallint',
  'bigint',
  'jsonb',
  'json',
]);

interface Hydration {
  columns: ColumnMetadata[];
  /** Per column: read back as is. */
  plain: boolean[];
}

interface RowStatement {
  sql: string;
  metadata: EntityMetadata;
}

@Injectable()
export class Database {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  manager(ctx: RequestContext): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }

  repo<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>): Repository<T> {
    return this.manager(ctx).getRepository(entity);
  }

  /** Writes to send as one statement in the context's transaction (see WriteBatch). */
  batch(ctx: RequestContext): WriteBatch {
    if (!ctx.inTransaction) throw new Error('write batch outside a transaction');
    return new WriteBatch(this.manager(ctx));
  }

  /**
   * `alias."column" AS "alias_column"` for every column of `entity` the repository selects (not
   * those marked `select: false`, such as a password hash): for `hydrate` to read back.
   */
  selectColumns(entity: EntityTarget<ObjectLiteral>, alias: string): string {
    const escape = (name: string) => this.dataSource.driver.escape(name);
    return this.hydration(this.dataSource.getMetadata(entity))
      .columns.map(
        (c) =>
          `${escape(alias)}.${escape(c.databaseName)} AS ${escape(`${alias}_${c.databaseName}`)}`,
      )
      .join(', ');
  }

  /**
   * The entity in a raw row selected with `selectColumns(entity, alias)` — with the column types and
   * transformers the repository applies — or null when its primary key is null (an outer join).
   */
  hydrate<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    raw: Record<string, unknown>,
    alias: string,
  ): T | null {
    const metadata = this.dataSource.getMetadata(entity);
    if (metadata.primaryColumns.some((c) => raw[`${alias}_${c.databaseName}`] == null)) return null;
    return this.entityFrom<T>(metadata, (column) => raw[`${alias}_${column.databaseName}`]);
  }

  private readonly hydrations = new Map<EntityMetadata, Hydration>();

  /** The columns a repository selects, and which of them it reads back unchanged. */
  private hydration(metadata: EntityMetadata): Hydration {
    let known = this.hydrations.get(metadata);
    if (!known) {
      const columns = metadata.columns.filter((c) => !c.isVirtual && c.isSelect);
      known = {
        columns,
        plain: columns.map(
          (c) => !c.embeddedMetadata && !c.transformer && !c.referencedColumn && PLAIN.has(c.type),
        ),
      };
      this.hydrations.set(metadata, known);
    }
    return known;
  }

  /** An entity from raw values, one per column, with the types and transformers of the repository. */
  private entityFrom<T extends ObjectLiteral>(
    metadata: EntityMetadata,
    value: (column: ColumnMetadata) => unknown,
  ): T {
    const row = metadata.create() as T;
    const { columns, plain } = this.hydration(metadata);
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      const raw = value(column);
      if (plain[i]) (row as Record<string, unknown>)[column.propertyName] = raw;
      else column.setEntityValue(row, this.dataSource.driver.prepareHydratedValue(raw, column));
    }
    return row;
  }

  /**
   * The rows of `entity` whose `key` column holds one of `values`, in `order`: the data loaders'
   * one statement per kind of data. Built once per entity, key and order and hydrated column by
   * column like the repository does (types, transformers) — without the query builder, which
   * built the same SQL anew and mapped every row through its alias machinery on each batch, the
   * largest share of the API's CPU on nested lists.
   */
  async rowsWhereIn<T extends ObjectLiteral>(
    ctx: RequestContext,
    entity: EntityTarget<T>,
    key: string,
    values: readonly string[],
    order: Readonly<Record<string, 'ASC' | 'DESC'>> = {},
  ): Promise<T[]> {
    const statement = this.rowStatement(entity, key, order);
    const raw: Record<string, unknown>[] = await this.manager(ctx).query(statement.sql, [values]);
    return raw.map((r) => this.entityFrom<T>(statement.metadata, (c) => r[c.databaseName]));
  }

  private readonly rowStatements = new Map<string, RowStatement>();

  private rowStatement(
    entity: EntityTarget<ObjectLiteral>,
    key: string,
    order: Readonly<Record<string, 'ASC' | 'DESC'>>,
  ): RowStatement {
    const metadata = this.dataSource.getMetadata(entity);
    const id = `${metadata.name}\u0000${key}\u0000${Object.entries(order).join(',')}`;
    const known = this.rowStatements.get(id);
    if (known) return known;
    const escape = (name: string) => this.dataSource.driver.escape(name);
    const column = (property: string) => {
      const found = metadata.findColumnWithPropertyName(property);
      if (!found) throw new Error(`${metadata.name} has no column ${property}`);
      return escape(found.databaseName);
    };
    const { columns } = this.hydration(metadata);
    const orderBy = Object.entries(order).map(([property, direction]) => {
      if (direction !== 'ASC' && direction !== 'DESC')
        throw new Error(`order ${String(direction)}`);
      return `${column(property)} ${direction}`;
    });
    // An untyped array parameter takes the key column's type: `uuid = ANY($1)` reads uuid[].
    const sql = `SELECT ${columns.map((c) => escape(c.databaseName)).join(', ')} FROM ${escape(metadata.tablePath)} WHERE ${column(key)} = ANY($1)${orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : ''}`;
    const statement = { sql, metadata };
    this.rowStatements.set(id, statement);
    return statement;
  }

  /**
   * Runs independent reads: at once outside a transaction (each on a connection of the pool), one
   * after the other inside one, whose single connection runs one statement at a time anyway — and
   * the PostgreSQL driver is to refuse queries queued on a busy connection.
   */
  async all<T extends readonly unknown[]>(
    ctx: RequestContext,
    reads: { [K in keyof T]: () => Promise<T[K]> },
  ): Promise<T> {
    if (!ctx.inTransaction) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
    const results: unknown[] = [];
    for (const read of reads) results.push(await read());
    return results as unknown as T;
  }

  /**
   * Runs `work` in a transaction. Nested calls join the transaction already open on the context.
   * The callback receives a context bound to the transaction; use it for every call inside.
   */
  async transaction<T>(
    ctx: RequestContext,
    work: (ctx: RequestContext) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    if (ctx.inTransaction) return work(ctx);
    const attempts = 1 + (options.retries ?? 0);
    for (let attempt = 1; ; attempt++) {
      try {
        const run = (manager: EntityManager) => work(ctx.withManager(manager));
        // PostgreSQL starts a transaction READ COMMITTED: naming that level would cost a
        // `SET TRANSACTION` round trip in every transaction, inside the grant lock for money.
        return await (options.isolation
          ? this.dataSource.transaction(options.isolation, run)
          : this.dataSource.transaction(run));
      } catch (error) {
        const code = (error as { code?: string; driverError?: { code?: string } }).driverError
          ?.code;
        if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw error;
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 10 * attempt)));
      }
    }
  }
}
