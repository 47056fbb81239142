// Bull Board at /admin/queues: every BullMQ queue of the deployment, with waiting, delayed, failed
// (kept 14 days, with their error and stack trace) and completed jobs. For platform administrators
// only. The board's Express app is served from a Nest controller, so the global AccessGuard
// (`@SignedIn()`, refusing anonymous callers with 401 and API keys with 403) and the
// PlatformAdminGuard (403 for everyone else) run before any of it, as for every other route.
// Browsers cannot send an Authorization header when opening a page: POST /admin/session turns the
// bearer access token into the HttpOnly `ms_admin` cookie, which AdminCookieMiddleware reads here.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import {
  All,
  Controller,
  Injectable,
  NestMiddleware,
  Next,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { Router } from 'express';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { SignedIn } from '../core/auth/public.decorator';
import { AppConfig } from '../core/config/app-config.service';
import { QueueRegistry } from '../core/queue/queue.registry';
import { PlatformAdminGuard } from './platform-admin.guard';

/** Where the dashboard is mounted. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie carrying a platform administrator's access token to the /admin pages. */
export const ADMIN_COOKIE = 'ms_admin';
export const ADMIN_COOKIE_PATH = '/admin';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The value of one cookie from a `Cookie` header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * For dashboard requests without an Authorization header, takes the access token from the
 * `ms_admin` cookie, so the global AccessGuard authenticates it like a bearer token. Only session
 * tokens (JWTs) are taken. The cookie is SameSite=Strict, so other sites cannot make a browser send
 * it; on top of that, a browser's job action (PUT, POST, DELETE) must come from the board itself.
 */
@Injectable()
export class AdminCookieMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (!req.headers.authorization) {
      const token = readCookie(req.headers.cookie, ADMIN_COOKIE);
      const site = req.headers['sec-fetch-site'];
      const crossSite = !SAFE_METHODS.includes(req.method) && site && site !== 'same-origin';
      if (token && JWT.test(token) && !crossSite) req.headers.authorization = `Bearer ${token}`;
    }
    next();
  }
}

/**
 * What the board shows of a job's data: ids, kinds and times only. Payloads carry ids only (the
 * job-payloads test holds them to it); this is the second line of defence, so that a field added
 * carelessly still shows operators no tenant text.
 */
export function idsOnly(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(idsOnly);
  if (!data || typeof data !== 'object') return data;
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object') shown[key] = idsOnly(value);
    else if (/(^id$|Ids?$|^kind$|^type$|^decision$|^version$|At$|^attempt)/.test(key))
      shown[key] = value;
    else shown[key] = '[hidden]';
  }
  return shown;
}

/** The Bull Board Express app over the queues of QueueRegistry, built on first use. */
@Injectable()
export class QueueDashboard {
  private handler?: RequestHandler;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  get router(): RequestHandler {
    if (!this.handler) {
      const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
      createBullBoard({
        queues: this.queues.all().map((queue) => {
          // Retrying, promoting, cleaning or removing jobs only with QUEUE_DASHBOARD_ACTIONS=true.
          const adapter = new BullMQAdapter(queue, {
            readOnlyMode: !this.config.get('QUEUE_DASHBOARD_ACTIONS'),
          });
          adapter.setFormatter('data', idsOnly);
          return adapter;
        }),
        serverAdapter,
        options: { uiConfig: { boardTitle: 'Meilenstein queues' } },
      });
      const board = serverAdapter.getRouter() as Express;
      board.disable('x-powered-by');
      // Mounted under the full path, as app.use(path, board) would: the board sees paths relative to it.
      this.handler = Router().use(QUEUE_DASHBOARD_PATH, board);
    }
    return this.handler;
  }
}

@Controller(QUEUE_DASHBOARD_PATH)
@SignedIn()
@UseGuards(PlatformAdminGuard)
export class QueueDashboardController {
  constructor(private readonly dashboard: QueueDashboard) {}

  /** The board's page, its static files and its JSON API (`api/queues`, job actions). */
  @All(['/', '*path'])
  serve(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    res.setHeader('x-frame-options', 'DENY');
    if (!req.path.startsWith(`${QUEUE_DASHBOARD_PATH}/static/`)) {
      res.setHeader('cache-control', 'private, no-store');
    }
    void this.dashboard.router(req, res, next);
  }
}
