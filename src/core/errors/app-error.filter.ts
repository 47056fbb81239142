// Expected errors (AppError) are answers, not failures: hand them to GraphQL's formatter, or turn
// them into an HTTP status on plain routes, without logging them as server errors.
import { ArgumentsHost, Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { languageFromHeader } from '../context/request-context';
import { AppError, ErrorCode } from './app-error';

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

@Catch(AppError)
export class AppErrorFilter implements GqlExceptionFilter {
  catch(error: AppError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return error;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const language = languageFromHeader(req.headers['accept-language']);
    res
      .status(HTTP_STATUS[error.code])
      .json({ code: error.code, message: error.text[language], ...error.details });
    return undefined;
  }
}
