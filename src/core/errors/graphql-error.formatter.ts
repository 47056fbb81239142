// The one place where thrown errors become GraphQL errors. Known errors keep their code and a
// message a person can act on; anything else becomes INTERNAL_SERVER_ERROR without internals.
import { unwrapResolverError } from '@apollo/server/errors';
import type { ApolloServerPlugin } from '@apollo/server';
import { HttpException, Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, FieldProblem, LocalizedText } from './app-error';
import { CoreReason } from './core.errors';
import { languageFromHeader } from '../context/request-context';

const logger = new Logger('GraphQLError');

/** Codes produced by GraphQL itself, Apollo or graphql-armor before a resolver runs. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
]);

/** Client-side codes whose answer must not be a 5xx (see clientErrorStatusPlugin). */
const CLIENT_CODES = new Set([...PASS_THROUGH, ...Object.values(ErrorCode)]);
CLIENT_CODES.delete(ErrorCode.INTERNAL_SERVER_ERROR);

/** graphql-js's parser refusing a document over `parseOptions.maxTokens` ("more that" in 16.x). */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;
/** graphql-js gives up coercing variables after 50 errors with this message and no code. */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;
/** Codes for GraphQL errors Apollo marks with a 4xx HTTP status but no code (e.g. APQ hash mismatch). */
const CODE_OF_CLIENT_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
};

const ARMOR_LIMIT = /(Query Cost|Query depth|Aliases|Directives|Token) limit of \d+/i;
const ARMOR_LIMITS: Record<string, string> = {
  'query cost': 'cost',
  'query depth': 'depth',
  aliases: 'aliases',
  directives: 'directives',
  token: 'tokens',
};

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.TOO_MANY_REQUESTS,
};

export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  exposeInternals: boolean,
): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // An AppError wrapped by a plugin (e.g. the NUL check) still speaks for itself.
  const original =
    unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
      ? unwrapped.originalError
      : unwrapped;
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return {
      ...base,
      message: original.text.en,
      extensions: { ...original.details, code: original.code, i18n: original.text },
    };
  }

  if (original instanceof HttpException) {
    const status = original.getStatus();
    const code = HTTP_STATUS_CODES[status];
    if (code) return { ...base, message: original.message, extensions: { code } };
  }

  const code = formatted.extensions?.code;
  let message = formatted.message;
  const tokens = TOKEN_LIMIT.exec(message);
  if (tokens) {
    logger.warn(`query refused: token limit of ${tokens[1]}`);
    return {
      message: `Token limit of ${tokens[1]} exceeded: the document has more tokens.`,
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        reason: CoreReason.QUERY_LIMIT_EXCEEDED,
        limit: 'tokens',
      },
    };
  }
  if (TOO_MANY_VARIABLE_ERRORS.test(message)) {
    logger.warn(message);
    return { message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  const status = original instanceof GraphQLError ? original.extensions?.http : undefined;
  const clientStatus = (status as { status?: number } | undefined)?.status;
  if (
    (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) &&
    clientStatus !== undefined &&
    CODE_OF_CLIENT_STATUS[clientStatus]
  ) {
    logger.warn(`client error ${clientStatus}: ${message}`);
    return { ...base, message, extensions: { code: CODE_OF_CLIENT_STATUS[clientStatus] } };
  }
  const limit = ARMOR_LIMIT.exec(message);
  if (limit) {
    // graphql-armor words its rejections as syntax errors; say plainly which limit was hit.
    message = message.replace(/^Syntax Error: /, '');
    return {
      message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        reason: CoreReason.QUERY_LIMIT_EXCEEDED,
        limit: ARMOR_LIMITS[limit[1].toLowerCase()],
      },
    };
  }
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    const { stacktrace, ...rest } = formatted.extensions ?? {};
    const extensions = { ...rest, code };
    return {
      ...formatted,
      extensions: exposeInternals ? { ...extensions, stacktrace } : extensions,
    };
  }

  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return {
    ...base,
    message:
      exposeInternals && original instanceof Error ? original.message : 'Internal server error',
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(exposeInternals && original instanceof Error
        ? { stacktrace: original.stack?.split('\n') }
        : {}),
    },
  };
}

/**
 * A response whose every error is the client's mistake is not a server error: a plugin hook that
 * refuses a request (Apollo answers 500 for those) answers 400 instead.
 */
export function clientErrorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (!errors?.length || data !== undefined) return;
          if ((response.http.status ?? 200) < 500) return;
          if (errors.every((e) => CLIENT_CODES.has(String(e.extensions?.code))))
            response.http.status = 400;
        },
      };
    },
  };
}

interface HttpContext {
  req?: { headers?: Record<string, string | string[] | undefined> };
}

/** Picks each error's message in the caller's language (Accept-Language) and drops the catalogue. */
export function localizeErrorsPlugin(): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const header = contextValue?.req?.headers?.['accept-language'];
          const language = languageFromHeader(Array.isArray(header) ? header[0] : header);
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => {
            const i18n = e.extensions?.i18n as LocalizedText | undefined;
            if (!i18n) return e;
            const { i18n: _dropped, ...extensions } = e.extensions ?? {};
            // Field problems speak the caller's language too.
            if (Array.isArray(extensions.fields)) {
              extensions.fields = (extensions.fields as FieldProblem[]).map(
                ({ messageDe, ...f }) => ({
                  ...f,
                  message: language === 'de' && messageDe ? messageDe : f.message,
                }),
              );
            }
            return { ...e, message: i18n[language], extensions };
          });
        },
      };
    },
  };
}
