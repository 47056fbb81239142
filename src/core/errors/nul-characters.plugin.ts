// PostgreSQL cannot store the NUL character (U+0000) in text: a string carrying one fails in the
// database as a server error. This plugin refuses it for every operation, before any resolver runs,
// in variables and in literals alike, with BAD_USER_INPUT (HTTP 400) naming the field.
import type { ApolloServerPlugin } from '@apollo/server';
import { ASTNode, GraphQLError, Kind, visit } from 'graphql';
import { BadUserInputError } from './app-error';

const NUL = '\u0000';

/** Dotted paths (`input.organization.name`) of the strings in `value` that contain NUL. */
export function nulPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes(NUL) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.includes(NUL) ? [`${path}.${k.replaceAll(NUL, '\\u0000')}`] : []),
      ...nulPaths(v, `${path}.${k}`),
    ]);
  return [];
}

/** Paths (argument, then input fields) of the string literals in a document that contain NUL. */
function nulLiteralPaths(document: ASTNode): string[] {
  const found: string[] = [];
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (!node.value.includes(NUL)) return;
      const names = ([...ancestors, parent] as ASTNode[]).flatMap((a) =>
        a && 'kind' in a && (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD)
          ? [a.name.value]
          : [],
      );
      found.push(names.join('.') || 'query');
    },
  });
  return found;
}

export function nulCharacterError(paths: string[]): GraphQLError {
  const cause = BadUserInputError.forFields(
    [...new Set(paths)].map((field) => ({
      field,
      message: 'must not contain the NUL character (U+0000)',
      messageDe: 'darf kein NUL-Zeichen (U+0000) enthalten',
    })),
  );
  return new GraphQLError(cause.message, {
    originalError: cause,
    extensions: { code: cause.code, http: { status: 400 } },
  });
}

export function refuseNulCharactersPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const paths = [
            ...Object.entries(request.variables ?? {}).flatMap(([name, v]) => nulPaths(v, name)),
            ...nulLiteralPaths(document),
          ];
          if (paths.length) throw nulCharacterError(paths);
        },
      };
    },
  };
}
