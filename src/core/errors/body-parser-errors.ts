// Express error middleware for the body parsers: a body over the limit (413) or JSON that does not
// parse (400) is the client's mistake. GraphQL clients read `{"errors":[…]}`, so the answer has that
// shape with a stable `extensions.code`, and the log gets one warning without a stack.
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('BodyParser');

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
  limit?: number;
}

const ANSWERS: Record<
  string,
  { status: number; code: string; message: (e: BodyParserError) => string }
> = {
  'entity.too.large': {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: (e) =>
      `The request body is larger than the server accepts${e.limit ? ` (${e.limit} bytes)` : ''}.`,
  },
  'entity.parse.failed': {
    status: 400,
    code: 'BAD_REQUEST',
    message: (e) => `The request body is not valid JSON: ${e.message ?? 'parse error'}`,
  },
  'encoding.unsupported': {
    status: 415,
    code: 'BAD_REQUEST',
    message: () => 'The request body has an encoding the server does not support.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'BAD_REQUEST',
    message: () => 'The request body has a charset the server does not support.',
  },
  'request.aborted': {
    status: 400,
    code: 'BAD_REQUEST',
    message: () => 'The request was aborted before its body arrived.',
  },
  'request.size.invalid': {
    status: 400,
    code: 'BAD_REQUEST',
    message: () => 'The request body is shorter or longer than its Content-Length.',
  },
};

export function bodyParserErrorHandler(
  error: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const e = (error ?? {}) as BodyParserError;
  const answer = e.type ? ANSWERS[e.type] : undefined;
  if (!answer || res.headersSent) return next(error);
  const message = answer.message(e);
  logger.warn(`${req.method} ${req.originalUrl}: ${answer.code} (${e.type}) ${message}`);
  // The rest of a body over the limit is never read: the connection cannot carry another request,
  // and saying so keeps a client from sending its next request on a socket about to close.
  if (answer.status === 413) res.setHeader('connection', 'close');
  res
    .status(answer.status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code: answer.code } }] }));
}
