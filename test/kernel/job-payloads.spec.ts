// Jobs carry ids only: whatever a tenant wrote (a decision's feedback, a webhook event's data, a
// title, an email address) stays in PostgreSQL, and neither the outbox rows nor the jobs in Redis
// hold it. The jobs still do their work by reading the text when they run.
import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { signUp } from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;
// A W3C trace context (`version-traceid-spanid-flags`): ids of a trace, no tenant text.
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const CODE = /^[A-Z][A-Z0-9_]*$/;
/** The few lower-case codes a payload may hold (why an endpoint was disabled). */
const LOWER_CODES = new Set(['failures', 'creator-left']);

/** Every string in a payload that is not an id, a time or a code, with its path. */
function textIn(value: unknown, path = ''): string[] {
  if (typeof value === 'string')
    return UUID.test(value) ||
      ISO_TIME.test(value) ||
      TRACEPARENT.test(value) ||
      CODE.test(value) ||
      LOWER_CODES.has(value)
      ? []
      : [`${path}: ${value.slice(0, 80)}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => textIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => textIn(v, path ? `${path}.${k}` : k));
  return [];
}

describe('job payloads', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let receiver: Server;
  let base: string;
  const received: string[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString());
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    smtp = await startSmtp();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await new Promise((r) => receiver.close(r));
  });

  const waitFor = async (what: string, ready: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 20_000;
    while (!(await ready())) {
      if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('queues no tenant text, and the jobs read the feedback and the event data when they run', async () => {
    const funder = await signUp(api, 'FUNDER');
    const grantee = await signUp(api, 'GRANTEE', { language: 'en' });
    const programme = await createProgramme(funder, { title: 'Kiez digital' });
    const hook = await funder.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { input: { url: `${base}/hook`, eventTypes: ['APPLICATION_DECIDED'] } },
    );
    expect(hook.errors).toBeUndefined();
    const applicationId = await submitApplication(grantee, programme.id, [30_000_00]);
    const feedback = 'Please describe how the neighbourhood council is involved (Quartiersrat).';
    const decided = await funder.gql(DECIDE, {
      input: { applicationId, decision: 'REQUEST_INFO', comment: feedback },
    });
    expect(decided.errors).toBeUndefined();

    // The worker told the grantee with the funder's words, and the receiver got the event data.
    await waitFor('the email', () => smtp.messages.some((m) => m.text?.includes(feedback)));
    await waitFor('the webhook', () => received.length > 0);
    const event = JSON.parse(received[0]!) as { type: string; data: Record<string, unknown> };
    expect(event).toMatchObject({
      type: 'application.decided',
      data: { applicationId, decision: 'REQUEST_INFO', grantId: null },
    });
    // The event waited in the database and was removed by its fan-out.
    const ds = api.app.get(DataSource);
    await waitFor('the fan-out to finish', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM webhook_event`);
      return n === 0;
    });

    // Nothing but ids, times and codes in any outbox row ...
    const rows = await ds.query<{ name: string; payload: unknown }[]>(
      `SELECT job_name AS name, payload FROM outbox_event`,
    );
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['applications.decided', 'webhooks.fanout']),
    );
    expect(rows.flatMap((r) => textIn(r.payload, r.name))).toEqual([]);

    // ... nor in any job BullMQ keeps in Redis.
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const found: string[] = [];
      let jobs = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          `${process.env.REDIS_PREFIX}:*`,
          'COUNT',
          500,
        );
        cursor = next;
        for (const key of keys) {
          if ((await redis.type(key)) !== 'hash') continue;
          const data = await redis.hget(key, 'data');
          if (data === null) continue;
          jobs++;
          found.push(...textIn(JSON.parse(data), key));
        }
      } while (cursor !== '0');
      expect(jobs).toBeGreaterThan(2);
      expect(found).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
