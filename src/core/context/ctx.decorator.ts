import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { RequestContext } from './request-context';

export interface RequestWithContext extends Request {
  requestContext?: RequestContext;
}

/** The request context of the current GraphQL or HTTP request. */
export function requestContextOf(context: ExecutionContext): RequestContext {
  const req: RequestWithContext =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req: RequestWithContext }>().req
      : context.switchToHttp().getRequest<RequestWithContext>();
  if (!req.requestContext)
    throw new Error('request context missing: is RequestContextMiddleware applied?');
  return req.requestContext;
}

export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContextOf(context),
);
