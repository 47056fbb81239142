// Typed GraphQL documents: gql.tada checks every operation against the committed ../schema.gql
// (its introspection is generated into graphql-env.d.ts and checked for drift in CI).
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from '../graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: {
    DateTime: string;
    LocalDate: string;
    SafeInt: number;
    JSONObject: Record<string, unknown>;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
