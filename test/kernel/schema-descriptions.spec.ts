// The schema is the API consumers' manual: every type, field, argument and enum value carries a
// description. Fails naming each gap.
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  buildSchema,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { startApi, TestApi } from '../helpers/api';

export function missingDescriptions(schema: GraphQLSchema): string[] {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean),
  );
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!roots.has(type as never) && !type.description?.trim()) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe('schema documentation', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('describes every type, field, argument and enum value', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    expect(missingDescriptions(schema)).toEqual([]);
  });

  it('notices each kind of missing description', () => {
    const schema = buildSchema(`
      type Query { "ok" thing(arg: Int): Thing }
      type Thing { "ok" kind: Kind }
      "ok" enum Kind { A }
    `);
    expect(missingDescriptions(schema).sort()).toEqual(
      ['Kind.A', 'Query.thing(arg)', 'Thing'].sort(),
    );
  });
});
