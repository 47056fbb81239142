// Writes the GraphQL schema to schema.gql in a stable (sorted) order. CI regenerates it and fails
// when the committed file differs. Usage: npm run schema:emit [-- --check]
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from '../src/api.module';

const HEADER = '# Generated from the code by `npm run schema:emit`. Do not edit by hand.\n\n';

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'silent';
  const app = await NestFactory.create(ApiModule, { logger: false });
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  const text = HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
  await app.close();
  const file = join(__dirname, '..', 'schema.gql');
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as different
    }
    if (current !== text) {
      console.error('schema.gql is out of date: run `npm run schema:emit` and commit the result.');
      process.exit(1);
    }
    console.log('schema.gql is up to date.');
    return;
  }
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
