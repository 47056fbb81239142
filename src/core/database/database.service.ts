// Repositories and transactions, always through the request context: a service in a transaction
// gets that transaction's manager, so its audit and outbox rows commit (or roll back) with it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { RequestContext } from '../context/request-context';
import { WriteBatch } from './write-batch';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Retries on serialization failures and deadlocks (SQLSTATE 40001, 40P01). */
  retries?: number;
}

const RETRYABLE = new Set(['40001', '40P01']);

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

  /** `alias."column" AS "alias_column"` for every column of `entity`: for `hydrate` to read back. */
  selectColumns(entity: EntityTarget<ObjectLiteral>, alias: string): string {
    const escape = (name: string) => this.dataSource.driver.escape(name);
    return this.dataSource
      .getMetadata(entity)
      .columns.filter((c) => !c.isVirtual)
      .map(
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
    const row = metadata.create() as T;
    for (const column of metadata.columns.filter((c) => !c.isVirtual))
      column.setEntityValue(
        row,
        this.dataSource.driver.prepareHydratedValue(raw[`${alias}_${column.databaseName}`], column),
      );
    return row;
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
