import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { RequestWithContext } from './ctx.decorator';
import { languageFromHeader, RequestContext } from './request-context';
import { requestIdOf } from './request-id';

/** Creates the request context for each HTTP request; authentication fills in the actor later. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: RequestWithContext, _res: Response, next: NextFunction): void {
    req.requestContext = RequestContext.create({
      requestId: requestIdOf(req),
      language: languageFromHeader(req.headers['accept-language']),
      ip: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 500),
    });
    next();
  }
}
