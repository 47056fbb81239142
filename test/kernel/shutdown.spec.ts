// SIGTERM under load: the API drains first (readiness 503 while requests are still served, each
// answer closing its keep-alive connection), then closes its listener. The clients act like a load
// balancer in front of it: they send until they see readiness answer 503, then send no more. No
// request fails with a reset connection; once the listener is closed, connections are refused.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { until } from '../helpers/wait';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const causeOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(error);
};

describe('graceful shutdown', () => {
  it('answers readiness 503 first and resets no connection under load', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let output = '';
    const child: ChildProcess = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/main.ts')],
      {
        env: {
          ...process.env,
          PORT: String(port),
          SHUTDOWN_DRAIN_MS: '1500',
          LOG_LEVEL: 'info',
          TS_NODE_PROJECT: join(__dirname, '../../tsconfig.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<string>((r) =>
      child.once('exit', (code, signal) => r(signal ?? String(code))),
    );
    try {
      await until(
        () =>
          fetch(`${base}/health/live`).then(
            (r) => r.ok,
            () => false,
          ),
        'the API to start',
        150_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n${output.slice(-3000)}`);
      });

      const events: { at: number; kind: string }[] = [];
      let stop = false;
      /** Set when the readiness check answered 503: a load balancer takes the instance out. */
      let removed = false;
      const client = async () => {
        while (!stop && !removed) {
          try {
            const res = await fetch(`${base}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: '{ __typename }' }),
            });
            await res.text();
            events.push({ at: Date.now(), kind: res.ok ? 'ok' : `status ${res.status}` });
          } catch (error) {
            const cause = causeOf(error);
            events.push({ at: Date.now(), kind: cause });
            if (cause === 'ECONNREFUSED') return;
          }
        }
      };
      const readiness = async () => {
        while (!stop) {
          try {
            const res = await fetch(`${base}/health/ready`);
            await res.text();
            events.push({ at: Date.now(), kind: `ready ${res.status}` });
            if (res.status === 503) removed = true;
          } catch (error) {
            // The listener is gone. (A probe that connects at the very moment it closes may see
            // its new connection reset instead of refused: TCP's race, not a request cut off.)
            if (['ECONNREFUSED', 'ECONNRESET'].includes(causeOf(error))) {
              events.push({ at: Date.now(), kind: 'probe refused' });
              return;
            }
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const load = [...Array.from({ length: 8 }, client), readiness()];
      await new Promise((r) => setTimeout(r, 500));
      const termAt = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      stop = true;
      await Promise.all(load);

      // Nest closes the app, then ends the process with the signal it got.
      expect(['0', 'SIGTERM']).toContain(code);
      const kinds = new Set(events.map((e) => e.kind));
      // Every request of the load was answered: none refused, none reset.
      expect(
        [...kinds].filter((k) => !['ok', 'ready 200', 'ready 503', 'probe refused'].includes(k)),
      ).toEqual([]);
      const first503 = events.find((e) => e.kind === 'ready 503');
      const firstRefused = events.find((e) => e.kind === 'probe refused');
      expect(first503).toBeDefined();
      expect(firstRefused).toBeDefined();
      expect(first503!.at).toBeLessThan(firstRefused!.at);
      // Requests were still served while draining.
      expect(events.filter((e) => e.kind === 'ok' && e.at > first503!.at).length).toBeGreaterThan(
        0,
      );
      // Readiness turns at once: the probe already under way when the signal came may still
      // answer 200, the next one answers 503. (Counted in answers, not milliseconds: the clock
      // here is the test process's, which a long run's garbage collection can stop for a second.)
      const readyAfterTerm = events.filter((e) => e.at >= termAt && e.kind.startsWith('ready'));
      expect(readyAfterTerm.slice(0, 2).map((e) => e.kind)).toContain('ready 503');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 240_000);
});
