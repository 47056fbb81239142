// The queue dashboard (Bull Board) at /admin/queues: platform administrators only, by bearer token or
// by the HttpOnly cookie POST /admin/session sets; failed jobs are listed with their error.
import { Job, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/core/config/app-config.service';
import { ALL_QUEUES, QueueName } from '../../src/core/queue/jobs';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { AdminSessionController } from '../../src/operations/admin-session.controller';
import { startApi, TestApi } from '../helpers/api';
import { Account, createApiKey, logIn, signUp } from '../helpers/identity';
import { until } from '../helpers/wait';

describe('queue dashboard', () => {
  let api: TestApi;
  let owner: Account;
  let admin: Account;
  let apiKey: string;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, { headers, redirect: 'manual' });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const setPlatformAdmin = (personId: string, value: boolean) =>
    api.app
      .get(DataSource)
      .query('UPDATE person SET platform_admin = $2 WHERE id = $1', [personId, value]);

  /** Opens an admin session for `token` and returns the cookie pair the browser would send back. */
  async function adminCookie(token: string): Promise<string> {
    const res = await fetch(`${api.url}/admin/session`, { method: 'POST', headers: bearer(token) });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    return setCookie.split(';')[0]!;
  }

  beforeAll(async () => {
    // Job actions are switched on here; the read-only default is tested in kernel/security.spec.ts.
    api = await startApi({ env: { QUEUE_DASHBOARD_ACTIONS: 'true' } });
    owner = await signUp(api, 'FUNDER');
    apiKey = await createApiKey(owner, ['WRITE']);
    const person = await signUp(api, 'GRANTEE');
    await setPlatformAdmin(person.personId, true);
    admin = await logIn(api, person.email, person.password);
  });
  afterAll(() => api.close());

  describe('refuses everyone but platform administrators', () => {
    it.each([
      '/admin/queues',
      '/admin/queues/',
      '/admin/queues/api/queues',
      '/admin/queues/queue/x',
    ])('answers 401 without credentials: %s', async (path) => {
      const res = await get(path);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('answers 401 for a token that is not valid, in the header or the cookie', async () => {
      expect((await get('/admin/queues', bearer('not.a.token'))).status).toBe(401);
      expect((await get('/admin/queues', { cookie: 'ms_admin=not.a.token' })).status).toBe(401);
    });

    it('answers 403 for a signed-in person who is not a platform administrator', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const res = await get(path, bearer(owner.accessToken));
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
      // Also when the token comes in the cookie.
      const res = await get('/admin/queues', { cookie: `ms_admin=${owner.accessToken}` });
      expect(res.status).toBe(403);
    });

    it('answers 403 for API keys, whatever their scopes', async () => {
      const res = await get('/admin/queues/api/queues', bearer(apiKey));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'FORBIDDEN' });
      const write = await fetch(`${api.url}/admin/queues/api/queues/pause`, {
        method: 'PUT',
        headers: bearer(apiKey),
      });
      expect(write.status).toBe(403);
    });

    it('refuses job actions to non-administrators before Bull Board sees them', async () => {
      const res = await fetch(`${api.url}/admin/queues/api/queues/${QueueName.Maintenance}/empty`, {
        method: 'PUT',
        headers: bearer(owner.accessToken),
      });
      expect(res.status).toBe(403);
    });
  });

  describe('for a platform administrator', () => {
    it('serves the Bull Board page and its static files', async () => {
      const res = await get('/admin/queues', bearer(admin.accessToken));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toMatch(/no-store/);
      const html = await res.text();
      expect(html).toMatch(/<title>Meilenstein queues<\/title>/);
      expect(html).toContain('/admin/queues/');

      const script = /src="([^"]*static\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await get(new URL(script!, `${api.url}/admin/queues/`).pathname, {
        ...bearer(admin.accessToken),
      });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      // Static files need the same credentials.
      expect((await get(new URL(script!, `${api.url}/admin/queues/`).pathname)).status).toBe(401);
    });

    it('serves the page for the board’s client-side routes too', async () => {
      const res = await get(`/admin/queues/queue/${QueueName.Webhooks}`, bearer(admin.accessToken));
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/<title>Meilenstein queues<\/title>/);
    });

    it('lists every queue of the deployment in its JSON API', async () => {
      const res = await get('/admin/queues/api/queues', bearer(admin.accessToken));
      expect(res.status).toBe(200);
      const body: any = await res.json();
      expect(body.queues.map((q: any) => q.name).sort()).toEqual([...ALL_QUEUES].sort());
    });

    it('answers 404 for paths the board does not know', async () => {
      const res = await get('/admin/queues/api/nothing-here', bearer(admin.accessToken));
      expect(res.status).toBe(404);
    });

    it('shows a failed job with its error message and stack trace', async () => {
      const registry = api.app.get(QueueRegistry);
      const queue = registry.queue(QueueName.Maintenance);
      const job = await queue.add(
        'operations.test-explodes',
        { note: 'fails on purpose' },
        { attempts: 1 },
      );
      const worker = new Worker(
        QueueName.Maintenance,
        async (j: Job) => {
          if (j.id === job.id) throw new Error('boom: the test job failed on purpose');
        },
        {
          prefix: registry.prefix,
          connection: { ...registry.connectionOptions(), maxRetriesPerRequest: null },
        },
      );
      try {
        await new Promise<void>((resolve) => {
          worker.on('failed', (failed) => {
            if (failed?.id === job.id) resolve();
          });
        });
      } finally {
        await worker.close();
      }

      const res = await get(
        `/admin/queues/api/queues?activeQueue=${QueueName.Maintenance}&status=failed&page=1&jobsPerPage=50`,
        bearer(admin.accessToken),
      );
      expect(res.status).toBe(200);
      const body: any = await res.json();
      const maintenance = body.queues.find((q: any) => q.name === QueueName.Maintenance);
      expect(maintenance.counts.failed).toBeGreaterThanOrEqual(1);
      const shown = maintenance.jobs.find((j: any) => j.id === job.id);
      expect(shown).toMatchObject({
        name: 'operations.test-explodes',
        failedReason: 'boom: the test job failed on purpose',
        isFailed: true,
      });
      expect(shown.stacktrace.join('\n')).toContain('boom: the test job failed on purpose');
      // The failed job keeps the retention DEFAULT_JOB_OPTIONS gives it (14 days).
      expect(shown.opts.removeOnFail).toEqual({ age: 14 * 24 * 3600 });

      const single = await get(
        `/admin/queues/api/queues/${QueueName.Maintenance}/${job.id}`,
        bearer(admin.accessToken),
      );
      expect(single.status).toBe(200);
      expect(((await single.json()) as any).job.failedReason).toBe(
        'boom: the test job failed on purpose',
      );
    });
  });

  describe('the cookie for browsers', () => {
    it('is set by POST /admin/session from a platform administrator’s bearer token', async () => {
      const res = await fetch(`${api.url}/admin/session`, {
        method: 'POST',
        headers: bearer(admin.accessToken),
      });
      expect(res.status).toBe(200);
      const body: any = await res.json();
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(
        new RegExp(`^ms_admin=${admin.accessToken.replace(/\./g, '\\.')};`),
      );
      expect(setCookie).toMatch(/; HttpOnly/i);
      expect(setCookie).toMatch(/; SameSite=Strict/i);
      expect(setCookie).toMatch(/; Path=\/admin(;|$)/);
      expect(setCookie).not.toMatch(/; Secure/i); // not in production
      const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1]);
      const ttl = api.app.get(AppConfig).get('ACCESS_TOKEN_TTL_SECONDS');
      expect(maxAge).toBeGreaterThan(ttl - 60);
      expect(maxAge).toBeLessThanOrEqual(ttl);
    });

    it('opens the dashboard and its API', async () => {
      const cookie = await adminCookie(admin.accessToken);
      const page = await get('/admin/queues', { cookie });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<title>Meilenstein queues<\/title>/);
      const queues = await get('/admin/queues/api/queues', { cookie: `other=1; ${cookie}` });
      expect(queues.status).toBe(200);
      const body: any = await queues.json();
      expect(body.queues).toHaveLength(ALL_QUEUES.length);
    });

    it('does job actions only when they come from the board itself', async () => {
      const cookie = await adminCookie(admin.accessToken);
      const queue = api.app.get(QueueRegistry).queue(QueueName.Reports);
      const pause = (headers: Record<string, string>) =>
        fetch(`${api.url}/admin/queues/api/queues/${QueueName.Reports}/pause`, {
          method: 'PUT',
          headers: { cookie, ...headers },
        });
      expect((await pause({ 'sec-fetch-site': 'cross-site' })).status).toBe(401);
      expect((await pause({ 'sec-fetch-site': 'same-site' })).status).toBe(401);
      expect(await queue.isPaused()).toBe(false);
      expect((await pause({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect(await queue.isPaused()).toBe(true);
      await queue.resume();
    });

    it('is refused to anyone else', async () => {
      expect((await fetch(`${api.url}/admin/session`, { method: 'POST' })).status).toBe(401);
      const owned = await fetch(`${api.url}/admin/session`, {
        method: 'POST',
        headers: bearer(owner.accessToken),
      });
      expect(owned.status).toBe(403);
      expect(owned.headers.get('set-cookie')).toBeNull();
      const keyed = await fetch(`${api.url}/admin/session`, {
        method: 'POST',
        headers: bearer(apiKey),
      });
      expect(keyed.status).toBe(403);
      // The cookie cannot stand in for the header here.
      const fromCookie = await fetch(`${api.url}/admin/session`, {
        method: 'POST',
        headers: { cookie: `ms_admin=${admin.accessToken}` },
      });
      expect(fromCookie.status).toBe(401);
    });

    it('stops working when the session ends or the person stops being an administrator', async () => {
      const second = await logIn(api, admin.email, admin.password);
      const cookie = await adminCookie(second.accessToken);
      expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);

      // Made with plain SQL, the change reaches the API with its notification (the access cache
      // forgets then), which a loaded machine can deliver after the next request: wait for it.
      await setPlatformAdmin(second.personId, false);
      try {
        await until(
          async () => (await get('/admin/queues/api/queues', { cookie })).status === 403,
          'the API to refuse the former administrator',
          5_000,
        );
      } finally {
        await setPlatformAdmin(second.personId, true);
      }

      const out = await second.gql('mutation { logOut }');
      expect(out.errors).toBeUndefined();
      const ended = await get('/admin/queues/api/queues', { cookie });
      expect(ended.status).toBe(401);
      expect(await ended.json()).toMatchObject({ reason: 'SESSION_ENDED' });
    });

    it('is cleared by DELETE /admin/session', async () => {
      const res = await fetch(`${api.url}/admin/session`, { method: 'DELETE' });
      expect(res.status).toBe(204);
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^ms_admin=;/);
      expect(setCookie).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(setCookie).toMatch(/; Path=\/admin(;|$)/);
    });

    it('is Secure in production', () => {
      const cookies: { name: string; options: Record<string, unknown> }[] = [];
      const res = {
        cookie: (name: string, _value: string, options: Record<string, unknown>) =>
          cookies.push({ name, options }),
        setHeader: () => undefined,
      };
      const exp = Math.floor(Date.now() / 1000) + 600;
      const token = `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
      const controller = new AdminSessionController({ isProduction: true } as AppConfig);
      controller.open({ headers: { authorization: `Bearer ${token}` } } as any, res as any);
      expect(cookies[0]).toMatchObject({
        name: 'ms_admin',
        options: { httpOnly: true, sameSite: 'strict', secure: true, path: '/admin' },
      });
    });
  });

  it('leaves GraphQL and the health checks as they were', async () => {
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/health/ready')).status).toBe(200);
    const res = await api.gql('{ serverInfo { version } }');
    expect(res.data.serverInfo.version).toBeDefined();
  });
});
