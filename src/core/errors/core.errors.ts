// The reasons the kernel gives in `extensions.reason`, with their messages in German and English
// (GraphQL enum CoreErrorReason). QUERY_LIMIT_EXCEEDED comes with GRAPHQL_VALIDATION_FAILED (HTTP
// 400), `limit`, and graphql-armor's own (English) message, or for tokens one of the formatter's.
import { declareErrorReasons } from './error-reasons';

export enum CoreReason {
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  QUERY_LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED',
  DEAD_LETTER_RESOLVED = 'DEAD_LETTER_RESOLVED',
}

export const coreErrors = declareErrorReasons(
  'CoreErrorReason',
  'Why the kernel refused a request (`extensions.reason`).',
  CoreReason,
  {
    [CoreReason.IDEMPOTENCY_KEY_REUSED]: {
      meaning: 'The idempotency key was used before with other parameters.',
      text: () => ({
        en: 'This idempotency key was used with other parameters. Use a new key for a new request.',
        de: 'Dieser Idempotenzschlüssel wurde mit anderen Angaben benutzt. Nimm für eine neue Anfrage einen neuen Schlüssel.',
      }),
    },
    [CoreReason.CURRENCY_MISMATCH]: {
      meaning: 'An amount is in another currency than expected; `expected` and `actual` name both.',
      text: (expected: string, actual: string) => ({
        en: `Currency ${actual} does not match ${expected}.`,
        de: `Die Währung ${actual} passt nicht zu ${expected}.`,
      }),
    },
    [CoreReason.QUERY_LIMIT_EXCEEDED]: {
      meaning:
        'The query is beyond one of the server’s limits (`limit`: cost, depth, aliases, directives or tokens).',
      text: (limit: string) => ({
        en: `The query is beyond the server's ${limit} limit.`,
        de: `Die Abfrage überschreitet die Grenze des Servers für ${limit}.`,
      }),
    },
    [CoreReason.DEAD_LETTER_RESOLVED]: {
      meaning: 'The dead letter was resolved already: a later run of its job succeeded.',
      text: () => ({
        en: 'This job has succeeded since; there is nothing to run again.',
        de: 'Dieser Auftrag ist inzwischen gelungen; es gibt nichts erneut auszuführen.',
      }),
    },
  },
);
