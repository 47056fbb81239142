// Test databases: one template migrated once per run, and one clone of it per test file; and the
// Redis keys of a file or a run.
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { deletePrefixedKeys } from '../../src/core/redis/prefixed-keys';
import { redisOptionsFromUrl } from '../../src/core/redis/redis-options';

export const BASE_URL = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

export function databaseUrl(name: string): string {
  return `${BASE_URL}/${name}`;
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Deletes the Redis keys under `prefix` (a test file's, or the whole run's). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
  try {
    await deletePrefixedKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [name]);
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

export async function createDatabase(name: string, template?: string): Promise<void> {
  await withAdmin(async (c) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        return;
      } catch (error) {
        // Two clones of one template at the same instant can collide; a moment later they do not.
        if (attempt >= 20 || !String((error as Error).message).includes('is being accessed'))
          throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
}
