// graphql-js appends "Did you mean …?" to validation and coercion errors, naming fields, types,
// arguments and enum values close to what was sent. graphql-armor's blockFieldSuggestion covers
// validation rules only; enum values in variables and literals still leaked. In production no
// error names what the schema holds beyond what the client sent.
import type { GraphQLFormattedError } from 'graphql';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  if (!SUGGESTION.test(error.message)) return error;
  SUGGESTION.lastIndex = 0;
  const message = error.message.replace(SUGGESTION, '').trim();
  const i18n = error.extensions?.i18n as Record<string, string> | undefined;
  return {
    ...error,
    message,
    ...(error.extensions
      ? {
          extensions: {
            ...error.extensions,
            ...(i18n
              ? {
                  i18n: Object.fromEntries(
                    Object.entries(i18n).map(([k, v]) => [k, v.replace(SUGGESTION, '').trim()]),
                  ),
                }
              : {}),
          },
        }
      : {}),
  };
}
