// Browser sessions: the refresh token travels in an HttpOnly cookie the page's scripts cannot read,
// while the access token stays in the app's memory. Only refreshSession reads the cookie; nothing
// authenticates by it. SameSite=Strict and Apollo's CSRF prevention (on by default) keep other
// sites from using it.
import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { AppConfig } from '../../core/config/app-config.service';
import { UnauthenticatedError } from '../../core/errors/app-error';
import { AuthPayload } from '../dto/identity.types';
import { RefreshTokenTransport } from '../dto/identity.inputs';
import { IdentityReason, identityErrors } from '../identity.errors';

export const REFRESH_COOKIE = 'meilenstein_refresh';
const COOKIE_PATH = '/graphql';

export interface HttpExchange {
  req: Request;
  res: Response;
}

/** The HTTP request and response of the current GraphQL operation. */
export const Http = createParamDecorator(
  (_data: unknown, context: ExecutionContext): HttpExchange =>
    GqlExecutionContext.create(context).getContext<HttpExchange>(),
);

/** The refresh cookie's value, parsed by hand from the Cookie header (one cookie, no decoding). */
export function refreshTokenFromCookie(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    // Refresh tokens are base64url; anything else is not one of ours.
    return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

@Injectable()
export class SessionCookie {
  constructor(private readonly config: AppConfig) {}

  /** Hands the refresh token over the way the client asked: in the body, or as the cookie. */
  async deliver(
    http: HttpExchange,
    transport: RefreshTokenTransport | undefined,
    payload: Promise<AuthPayload>,
  ): Promise<AuthPayload> {
    const result = await payload;
    if (transport !== RefreshTokenTransport.COOKIE) return result;
    const maxAge = Math.max(0, result.sessionExpiresAt.getTime() - Date.now());
    http.res.cookie(REFRESH_COOKIE, result.refreshToken ?? '', {
      ...this.attributes(),
      maxAge,
    });
    return { ...result, refreshToken: null };
  }

  /**
   * refreshSession: the token from the argument, else from the cookie. The new one goes back the
   * way the old one came unless the client asks otherwise; a cookie that no longer works is cleared.
   */
  async refresh(
    http: HttpExchange,
    args: { refreshToken?: string; refreshTokenTransport?: RefreshTokenTransport },
    exchange: (token: string) => Promise<AuthPayload>,
  ): Promise<AuthPayload> {
    const fromCookie = args.refreshToken === undefined || args.refreshToken === null;
    const token = fromCookie ? refreshTokenFromCookie(http.req) : args.refreshToken!;
    if (!token) {
      throw new UnauthenticatedError(identityErrors.text(IdentityReason.NO_REFRESH_TOKEN), {
        reason: IdentityReason.NO_REFRESH_TOKEN,
      });
    }
    const transport =
      args.refreshTokenTransport ??
      (fromCookie ? RefreshTokenTransport.COOKIE : RefreshTokenTransport.BODY);
    try {
      return await this.deliver(http, transport, exchange(token));
    } catch (error) {
      if (fromCookie && error instanceof UnauthenticatedError) this.clear(http);
      throw error;
    }
  }

  clear(http: HttpExchange): void {
    http.res.clearCookie(REFRESH_COOKIE, this.attributes());
  }

  private attributes() {
    return {
      httpOnly: true,
      sameSite: 'strict' as const,
      path: COOKIE_PATH,
      secure: this.config.isProduction,
    };
  }
}
