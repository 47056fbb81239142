import { Controller, Delete, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { Public, SignedIn } from '../core/auth/public.decorator';
import { AppConfig } from '../core/config/app-config.service';
import { UnauthenticatedError } from '../core/errors/app-error';
import { PlatformAdminGuard } from './platform-admin.guard';
import { ADMIN_COOKIE, ADMIN_COOKIE_PATH } from './queue-dashboard';
import { IdentityReason } from '../identity/identity.errors';

/** Seconds-since-epoch expiry of an already verified access token (JWT). */
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lets a platform administrator's browser open the /admin pages: it sends its access token once as
 * `Authorization: Bearer …` and gets it back as an HttpOnly, SameSite=Strict cookie limited to
 * /admin, which lives as long as the token does. The token is still checked on every request
 * (signed, unexpired, session not ended, person still a platform administrator).
 */
@Controller('admin/session')
export class AdminSessionController {
  constructor(private readonly config: AppConfig) {}

  private cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.isProduction,
      path: ADMIN_COOKIE_PATH,
    };
  }

  @Post()
  @HttpCode(200)
  @SignedIn()
  @UseGuards(PlatformAdminGuard)
  open(@Req() req: Request, @Res({ passthrough: true }) res: Response): { expiresAt: string } {
    // The AccessGuard has verified this header's token; the cookie is never read on this route.
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const exp = expiryOf(token);
    if (!exp) throw new UnauthenticatedError(undefined, { reason: IdentityReason.INVALID_TOKEN });
    res.cookie(ADMIN_COOKIE, token, {
      ...this.cookieOptions(),
      maxAge: Math.max(0, exp * 1000 - Date.now()),
    });
    res.setHeader('cache-control', 'no-store');
    return { expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Forgets the cookie (signing out of the session itself is the GraphQL `logOut`). */
  @Delete()
  @HttpCode(204)
  @Public()
  close(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(ADMIN_COOKIE, this.cookieOptions());
  }
}
