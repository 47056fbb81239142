// The one DataSource definition, used by the application (through DatabaseModule) and by the
// TypeORM CLI for migrations. Migrations run as their own step; `synchronize` is never on.
import 'reflect-metadata';
import { join } from 'node:path';
import { types as pgTypes, type CustomTypesConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/meilenstein';

/** Entities are found by file name so the CLI sees the same set as the application. */
export const ENTITY_GLOB = join(__dirname, '..', '..', '**', '*.entity.{ts,js}');
/** Built: dist/migrations/*.js beside dist/core; from source: the top-level migrations/*.ts. */
export const MIGRATION_GLOB = __filename.endsWith('.js')
  ? join(__dirname, '..', '..', 'migrations', '*.js')
  : join(__dirname, '..', '..', '..', 'migrations', '*.ts');

const DATE_OID = 1082;
const DATE_ARRAY_OID = 1182;
const TEXT_ARRAY_OID = 1009;

// pg's own parsers, by any oid (its typings list only the scalar ones).
const builtIn = pgTypes.getTypeParser as (oid: number, format: 'text' | 'binary') => unknown;

/**
 * A `date` is a calendar date: it arrives as its `YYYY-MM-DD` text, which is what the entities
 * hold, instead of being parsed into a Date at local midnight and printed back by TypeORM. A
 * `date[]` arrives as an array of such texts (parsed as a `text[]` is).
 */
const types: CustomTypesConfig = {
  getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text') => {
    if (format === 'text' && oid === DATE_OID) return (value: string) => value;
    if (format === 'text' && oid === DATE_ARRAY_OID) return builtIn(TEXT_ARRAY_OID, 'text');
    return builtIn(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

/**
 * The application registers its entities through its modules (autoLoadEntities); only the CLI
 * finds them by file name, so `migration:generate` sees the same set.
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  findEntityFiles = false,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    entities: findEntityFiles ? [ENTITY_GLOB] : [],
    migrations: [MIGRATION_GLOB],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, application_name: 'meilenstein', types },
  };
}

export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, 2, true),
);
