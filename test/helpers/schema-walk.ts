// Walks the schema's operations and builds a syntactically valid call for each, with dummy
// arguments, so access rules can be checked for every operation without listing them by hand.
import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { ACCESS_POLICY, AccessPolicy } from '../../src/core/auth/public.decorator';

export interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
  policy?: AccessPolicy;
}

function dummy(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return [dummy(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, dummy(f.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'SafeInt':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      case 'LocalDate':
        return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      case 'JSON':
      case 'JSONObject':
        return {};
      default:
        return 'x';
    }
  }
  throw new Error(`no dummy for ${String(type)}`);
}

/** A document calling `op` with its required arguments as variables, selecting `__typename`. */
export function callFor(
  op: Operation,
  overrides: Record<string, unknown> = {},
): { query: string; variables: Record<string, unknown> } {
  const args = op.field.args.filter(
    (a: GraphQLArgument) => isNonNullType(a.type) || a.name in overrides,
  );
  const variables = Object.fromEntries(
    args.map((a) => [a.name, a.name in overrides ? overrides[a.name] : dummy(a.type)]),
  );
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(op.field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return {
    query: `${op.kind}${defs ? `(${defs})` : ''} { ${op.name}${call ? `(${call})` : ''}${selection} }`,
    variables,
  };
}

/** Every query and mutation, with the access policy its resolver declares (if any). */
export function operations(app: INestApplication): Operation[] {
  const { schema } = app.get(GraphQLSchemaHost);
  const policies = new Map<string, AccessPolicy | undefined>();
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    for (const method of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const fn = instance[method] as (...args: unknown[]) => unknown;
      const type = reflector.get<string | undefined>('graphql:resolver_type', fn);
      if (type !== 'Query' && type !== 'Mutation') continue;
      const name = reflector.get<string | undefined>('graphql:resolver_name', fn) ?? method;
      const policy =
        reflector.get<AccessPolicy | undefined>(ACCESS_POLICY, fn) ??
        reflector.get<AccessPolicy | undefined>(ACCESS_POLICY, instance.constructor);
      policies.set(`${type}.${name}`, policy);
    }
  }
  const ops: Operation[] = [];
  for (const [kind, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const key = `${kind === 'query' ? 'Query' : 'Mutation'}.${field.name}`;
      ops.push({ kind, name: field.name, field, policy: policies.get(key) });
    }
  }
  return ops;
}
