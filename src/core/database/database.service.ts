// Repositories and transactions, always through the request context: a service in a transaction
// gets that transaction's manager, so its audit and outbox rows commit (or roll back) with it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { RequestContext } from '../context/request-context';

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
