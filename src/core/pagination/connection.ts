// Relay cursor connections: `Connection(ItemType)` makes the GraphQL types, `paginate` runs
// keyset pagination on a query builder. Cursors are opaque (base64url of the sort values).
import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  Brackets,
  ObjectLiteral,
  QueryFailedError,
  QueryRunner,
  SelectQueryBuilder,
} from 'typeorm';
import { BadUserInputError } from '../errors/app-error';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Where a page sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Whether items follow the last item of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede the first item of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return the first n items (1–${MAX_PAGE_SIZE}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;

  @Field(() => Int, {
    nullable: true,
    description: `Return the last n items (1–${MAX_PAGE_SIZE}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  before?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A number, or a count that runs only when awaited (when `totalCount` is asked for). */
  totalCount: number | PromiseLike<number>;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for an item type. */
export function Connection<T>(
  itemType: Type<T>,
  name = itemType.name.replace(/Type$/, ''),
): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => itemType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items (Relay cursor connection).`,
  })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    edges!: EdgeType[];

    @Field(() => [itemType], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export interface SortKey<T> {
  /** SQL expression to order by, e.g. `application.created_at`. */
  column: string;
  /** Reads the key's value from an item, to make its cursor. */
  value: (item: T) => string | number | Date | bigint;
}

/**
 * Newest-first (or oldest-first) order by creation time with the id as tie-breaker. Creation times
 * are compared at millisecond precision — what a cursor can carry — so no row is skipped or
 * repeated between pages.
 */
export function createdAtKeys<T extends { createdAt: Date; id: string }>(
  alias: string,
): SortKey<T>[] {
  return [
    { column: `date_trunc('milliseconds', ${alias}.created_at)`, value: (row) => row.createdAt },
    { column: `${alias}.id`, value: (row) => row.id },
  ];
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(
    JSON.stringify(
      values.map((v) =>
        v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : v,
      ),
    ),
  ).toString('base64url');
}

function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => ['string', 'number'].includes(typeof v))
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.forField(
    'cursor',
    'is not a cursor this list gave out',
    'ist kein Cursor dieser Liste',
  );
}

/**
 * Counted only when selected: a COUNT(*) over the whole list is the costliest part of a page. The
 * count is a thenable that starts when GraphQL awaits it — never, when the field is not asked for.
 * A list read inside a transaction is counted after it ended: then through the pool.
 */
function lazyCount<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): PromiseLike<number> {
  const counter = qb.clone().orderBy();
  let counting: Promise<number> | undefined;
  return {
    then: (resolve, reject) => {
      counting ??= (() => {
        const runner = (counter as unknown as { queryRunner?: QueryRunner }).queryRunner;
        if (runner?.isReleased) counter.setQueryRunner(undefined as unknown as QueryRunner);
        return counter.getCount();
      })();
      return counting.then(resolve, reject);
    },
  };
}

/** The cursor after the `n`th item of a list paged by position (see `paginateByPosition`). */
export const positionCursor = (n: number): string => Buffer.from(`o:${n}`).toString('base64url');

/** The position a `positionCursor` carries, or null for anything else. */
export function cursorPosition(cursor: string): number | null {
  const m = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

/**
 * Pages a query already ordered by something a cursor cannot carry, such as a score computed from
 * other rows: the cursor is the position in the list. Forward only (first/after). A row that moves
 * between two requests may be shown twice or skipped — right for a list a person reads (an inbox
 * sorted by score), not for one a program syncs (those page by `paginate`).
 */
export async function paginateByPosition<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
): Promise<ConnectionShape<T>> {
  if (args.last !== undefined || args.before !== undefined)
    throw BadUserInputError.forField(
      'last',
      'cannot be used in this order; page forward with first and after',
      'geht in dieser Reihenfolge nicht; blättere vorwärts mit first und after',
    );
  const offset = args.after ? cursorPosition(args.after) : 0;
  if (offset === null)
    throw BadUserInputError.forField(
      'cursor',
      'is not a cursor this list gave out',
      'ist kein Cursor dieser Liste',
    );
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  const rows = await qb
    .clone()
    .offset(offset)
    .limit(limit + 1)
    .getMany();
  const items = rows.slice(0, limit);
  const edges = items.map((node, i) => ({
    node,
    cursor: positionCursor(offset + i + 1),
  }));
  return {
    edges,
    nodes: items,
    totalCount: lazyCount(qb),
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * Keyset pagination over a query builder, in the order of `keys` (all ascending or all
 * descending; the last key must be unique, e.g. the id).
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  keys: SortKey<T>[],
  direction: 'ASC' | 'DESC' = 'DESC',
): Promise<ConnectionShape<T>> {
  if (args.first !== undefined && args.last !== undefined) {
    throw BadUserInputError.forField(
      'first',
      'cannot be combined with last',
      'kann nicht mit last kombiniert werden',
    );
  }
  if (
    (args.first !== undefined && args.before !== undefined) ||
    (args.last !== undefined && args.after !== undefined)
  ) {
    throw BadUserInputError.forField(
      'before',
      'page forward with first/after or backward with last/before',
      'blättere vorwärts mit first/after oder rückwärts mit last/before',
    );
  }
  const backward =
    args.last !== undefined || (args.before !== undefined && args.first === undefined);
  const limit = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const totalCount = lazyCount(qb);
  const page = qb.clone();
  const cursorArg = backward ? args.before : args.after;
  const effective = backward ? (direction === 'ASC' ? 'DESC' : 'ASC') : direction;
  if (cursorArg) {
    const values = decodeCursor(cursorArg, keys.length);
    const op = effective === 'ASC' ? '>' : '<';
    const tuple = keys.map((k) => k.column).join(', ');
    const params = Object.fromEntries(values.map((v, i) => [`__cursor${i}`, v]));
    page.andWhere(
      new Brackets((w) =>
        w.where(`(${tuple}) ${op} (${keys.map((_, i) => `:__cursor${i}`).join(', ')})`, params),
      ),
    );
  }
  page.orderBy();
  keys.forEach((k, i) =>
    i === 0 ? page.orderBy(k.column, effective) : page.addOrderBy(k.column, effective),
  );
  // Joins in list queries only filter (one row per item), so a plain LIMIT is exact.
  page.limit(limit + 1);
  let rows: T[];
  try {
    rows = await page.getMany();
  } catch (error) {
    // A hand-made cursor with values of the wrong type reaches PostgreSQL as bad input.
    if (
      cursorArg &&
      error instanceof QueryFailedError &&
      ['22007', '22008', '22P02'].includes((error.driverError as { code?: string }).code ?? '')
    ) {
      throw BadUserInputError.forField(
        'cursor',
        'is not a cursor this list gave out',
        'ist kein Cursor dieser Liste',
      );
    }
    throw error;
  }
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  if (backward) items.reverse();
  const edges = items.map((node) => ({
    node,
    cursor: encodeCursor(keys.map((k) => k.value(node))),
  }));
  return {
    edges,
    nodes: items,
    totalCount,
    pageInfo: {
      hasNextPage: backward ? Boolean(args.before) : hasMore,
      hasPreviousPage: backward ? hasMore : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * The same connection over a list already in memory and in its final order (for lists whose
 * totals need every row anyway, e.g. a programme's budget per grant, or that are assembled from
 * several tables, e.g. a grant's timeline). `key` must be unique and stable as the list grows.
 */
export function paginateList<T>(
  items: readonly T[],
  args: PageArgs,
  key: (item: T, index: number) => string,
): ConnectionShape<T> {
  if (args.first !== undefined && args.last !== undefined) {
    throw BadUserInputError.forField(
      'first',
      'cannot be combined with last',
      'kann nicht mit last kombiniert werden',
    );
  }
  const position = (cursor: string) => {
    const [value] = decodeCursor(cursor, 1);
    const index = items.findIndex((item, i) => key(item, i) === value);
    if (index < 0)
      throw BadUserInputError.forField(
        'cursor',
        'is not a cursor this list gave out',
        'ist kein Cursor dieser Liste',
      );
    return index;
  };
  let start = args.after ? position(args.after) + 1 : 0;
  let end = args.before ? position(args.before) : items.length;
  const backward = args.last !== undefined || (args.before !== undefined && !args.first);
  const limit = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (backward) start = Math.max(start, end - limit);
  else end = Math.min(end, start + limit);
  const edges = items
    .slice(start, end)
    .map((node, i) => ({ node, cursor: encodeCursor([key(node, start + i)]) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
