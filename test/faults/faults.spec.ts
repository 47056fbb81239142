// The worker under faults: Redis gone while people work, SMTP down, and the worker killed in the
// middle of sending an email. Nothing is lost and nothing is sent twice.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi } from '../helpers/api';
import { createGrant } from '../helpers/grants';
import { signUp } from '../helpers/identity';
import { submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startTcpProxy } from '../helpers/tcp-proxy';
import { startWorker } from '../helpers/worker';
import { settle, until } from '../helpers/wait';

/** Each test has its own SMTP server, so these are this test's review emails. */
const reviewMails = (smtp: TestSmtp) =>
  smtp.messages.filter((m) => /review of .* submitted|Sprint-Review 1 von/.test(m.subject ?? ''));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('faults', () => {
  it('accepts work while Redis is down and sends its notifications once Redis is back', async () => {
    const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const proxy = await startTcpProxy(Number(redisUrl.port || 6379), redisUrl.hostname);
    const smtp = await startSmtp();
    const env = {
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    };
    const api = await startApi({ env });
    const worker = await startWorker(env);
    try {
      const g = await createGrant(api);
      await proxy.down();
      const review = await submitReview(g.grantee, g.grantId, 1);
      expect(review.status).toBe('SUBMITTED');
      await settle(1500);
      expect(reviewMails(smtp)).toHaveLength(0);
      await proxy.up();
      await until(() => reviewMails(smtp).length === 1, 'the email after Redis returned', 20_000);
      await settle(800);
      expect(reviewMails(smtp)).toHaveLength(1);
    } finally {
      await worker.close();
      await api.close();
      await proxy.close();
      await smtp.close();
    }
  });

  it('retries emails while SMTP is down and loses none', async () => {
    const port = await freePort();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      MAIL_BACKOFF_MS: '200',
      MAIL_BACKOFF_MAX_MS: '400',
      MAIL_ATTEMPTS: '12',
    };
    const api = await startApi({ env });
    const worker = await startWorker(env);
    let smtp: TestSmtp | undefined;
    try {
      const g = await createGrant(api);
      const review = await submitReview(g.grantee, g.grantId, 1);
      // The attempts fail while nothing listens; then the server comes up on that port.
      await settle(1500);
      smtp = await startSmtp({ port });
      await until(() => reviewMails(smtp!).length === 1, 'the email after SMTP returned', 20_000);
      await settle(800);
      expect(reviewMails(smtp)).toHaveLength(1);
      const [{ count }] = await api.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS count FROM mail_delivery WHERE idempotency_key LIKE $1`, [
          `review-submitted:${review.id}:%`,
        ]);
      expect(count).toBe(1);
    } finally {
      await worker.close();
      await api.close();
      await smtp?.close();
    }
  });

  it('finishes a job after the worker was killed in the middle of it, with one email sent', async () => {
    let hang = true;
    let started = 0;
    const smtp = await startSmtp({ hang: () => hang, onDataStarted: () => started++ });
    const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) };
    const api = await startApi({ env });
    const spawnWorker = (): ChildProcess =>
      spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/worker.ts')],
        {
          env: {
            ...process.env,
            ...env,
            JOB_LOCK_MS: '3000',
            JOB_BACKOFF_MS: '200',
            LOG_LEVEL: 'info',
            TS_NODE_PROJECT: join(__dirname, '../../tsconfig.json'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    let child: ChildProcess | undefined;
    let output = '';
    const watch = (c: ChildProcess) => {
      c.stdout!.on('data', (d) => (output += d));
      c.stderr!.on('data', (d) => (output += d));
      return c;
    };
    try {
      const owner = await signUp(api, 'FUNDER');
      const invited = await owner.gql(
        `mutation { inviteMember(input: { email: "new.colleague@example.org", role: REVIEWER }) { id } }`,
      );
      expect(invited.errors).toBeUndefined();
      child = watch(spawnWorker());
      const explain = (e: Error): never => {
        throw new Error(
          `${e.message} (${started} started); the workers said:\n${output.slice(-3000)}`,
        );
      };
      await until(() => started >= 1, 'the email to start', 150_000).catch(explain);
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      hang = false;
      child = watch(spawnWorker());
      await until(() => smtp.messages.length === 1, 'the email after the restart', 150_000).catch(
        explain,
      );
      await settle(1500);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].subject).toMatch(/^(Einladung|Invitation) /);
    } finally {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child!.once('exit', r));
      }
      await api.close();
      await smtp.close();
    }
  }, 360_000); // two worker processes start (compiled on the fly) on a busy CI machine
});
