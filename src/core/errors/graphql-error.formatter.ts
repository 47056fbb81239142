// The one place where thrown errors become GraphQL errors. Known errors keep their code and a
// message a person can act on; anything else becomes INTERNAL_SERVER_ERROR without internals.
import { unwrapResolverError } from '@apollo/server/errors';
import type { ApolloServerPlugin } from '@apollo/server';
import { HttpException, Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
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
]);

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
  const original = unwrapResolverError(error);
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

  let code = formatted.extensions?.code;
  let message = formatted.message;
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
  // graphql-armor's token limit parses the document itself; its syntax errors are still parse errors.
  if (code === 'GRAPHQL_VALIDATION_FAILED' && message.startsWith('Syntax Error'))
    code = 'GRAPHQL_PARSE_FAILED';
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
