// PostgreSQL cannot store the NUL character (U+0000) in text, and text with an unpaired UTF-16
// surrogate is not Unicode at all (it cannot be encoded as UTF-8; libraries such as `encodeURI`
// throw on it): either fails deep in a service as a server error. This plugin refuses both for
// every operation, before any resolver runs, in variables and in literals alike, with
// BAD_USER_INPUT (HTTP 400) naming the field.
import type { ApolloServerPlugin } from '@apollo/server';
import { ASTNode, GraphQLError, Kind, visit } from 'graphql';
import { BadUserInputError } from './app-error';

const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextFlaw = 'nul' | 'surrogate';

export interface FlawedText {
  path: string;
  flaw: TextFlaw;
}

function flawOf(text: string): TextFlaw | undefined {
  if (text.includes(NUL)) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return undefined;
}

const printable = (key: string) =>
  key.replaceAll(NUL, '\\u0000').replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD');

/** Dotted paths (`input.organization.name`) of the strings in `value` that cannot be stored. */
export function flawedTexts(value: unknown, path: string): FlawedText[] {
  if (typeof value === 'string') {
    const flaw = flawOf(value);
    return flaw ? [{ path, flaw }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => flawedTexts(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => {
      const flaw = flawOf(k);
      return [
        ...(flaw ? [{ path: `${path}.${printable(k)}`, flaw }] : []),
        ...flawedTexts(v, `${path}.${printable(k)}`),
      ];
    });
  return [];
}

/** Dotted paths of the strings in `value` that contain NUL. */
export function nulPaths(value: unknown, path: string): string[] {
  return flawedTexts(value, path)
    .filter((t) => t.flaw === 'nul')
    .map((t) => t.path);
}

/**
 * What `flawedLiterals` found in a document, by document: Apollo hands the same parsed document to
 * every request with the same text, and walking it again cost about 2 % of a short read's CPU.
 */
const literalsSeen = new WeakMap<ASTNode, FlawedText[]>();

/** Paths (argument, then input fields) of the string literals in a document that cannot be stored. */
function flawedLiterals(document: ASTNode): FlawedText[] {
  const seen = literalsSeen.get(document);
  if (seen) return seen;
  const found: FlawedText[] = [];
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const flaw = flawOf(node.value);
      if (!flaw) return;
      const names = ([...ancestors, parent] as ASTNode[]).flatMap((a) =>
        a && 'kind' in a && (a.kind === Kind.ARGUMENT || a.kind === Kind.OBJECT_FIELD)
          ? [a.name.value]
          : [],
      );
      found.push({ path: names.join('.') || 'query', flaw });
    },
  });
  literalsSeen.set(document, found);
  return found;
}

const MESSAGES: Record<TextFlaw, { message: string; messageDe: string }> = {
  nul: {
    message: 'must not contain the NUL character (U+0000)',
    messageDe: 'darf kein NUL-Zeichen (U+0000) enthalten',
  },
  surrogate: {
    message: 'must be valid Unicode text (it holds an unpaired surrogate, e.g. \\ud800)',
    messageDe: 'muss gültiger Unicode-Text sein (enthält ein einzelnes Surrogat, z. B. \\ud800)',
  },
};

export function nulCharacterError(paths: string[]): GraphQLError {
  return flawedTextError(paths.map((path) => ({ path, flaw: 'nul' as const })));
}

export function flawedTextError(texts: FlawedText[]): GraphQLError {
  const seen = new Set<string>();
  const cause = BadUserInputError.forFields(
    texts
      .filter((t) => !seen.has(t.path) && seen.add(t.path))
      .map((t) => ({ field: t.path, ...MESSAGES[t.flaw] })),
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
          const texts = [
            ...Object.entries(request.variables ?? {}).flatMap(([name, v]) => flawedTexts(v, name)),
            ...flawedLiterals(document),
          ];
          if (texts.length) throw flawedTextError(texts);
        },
      };
    },
  };
}
