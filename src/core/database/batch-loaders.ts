// Per-request DataLoaders over one column: every field resolver that follows a foreign key (one
// row) or lists children (many rows) batches through these, one query per kind of data.
import DataLoader from 'dataloader';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { Database } from './database.service';

type StringKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/** The row whose `key` equals each requested value, or null. */
export function oneBy<T extends ObjectLiteral>(
  db: Database,
  ctx: RequestContext,
  name: string,
  entity: EntityTarget<T>,
  key: StringKey<T>,
): DataLoader<string, T | null> {
  return ctx.loader(
    name,
    () =>
      new DataLoader(async (values: readonly string[]) => {
        const rows = await db.rowsWhereIn(ctx, entity, key, values);
        const byKey = new Map(rows.map((row) => [row[key] as string, row]));
        return values.map((value) => byKey.get(value) ?? null);
      }),
  );
}

/** All rows whose `key` equals each requested value, in `order`. */
export function manyBy<T extends ObjectLiteral>(
  db: Database,
  ctx: RequestContext,
  name: string,
  entity: EntityTarget<T>,
  key: StringKey<T>,
  order: Partial<Record<keyof T & string, 'ASC' | 'DESC'>>,
): DataLoader<string, T[]> {
  return ctx.loader(
    name,
    () =>
      new DataLoader(async (values: readonly string[]) => {
        const rows = await db.rowsWhereIn(
          ctx,
          entity,
          key,
          values,
          order as Record<string, 'ASC' | 'DESC'>,
        );
        const byKey = new Map<string, T[]>();
        for (const row of rows) {
          const list = byKey.get(row[key]);
          if (list) list.push(row);
          else byKey.set(row[key], [row]);
        }
        return values.map((value) => byKey.get(value) ?? []);
      }),
  );
}
