// A receiver that answers a byte at a time never goes idle; the webhook timeout is a deadline for
// the whole attempt, so such a receiver loses the attempt (recorded as a failure) instead of holding
// a worker slot for as long as it likes.
import type { INestApplicationContext } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

describe('webhook deadline', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let receiver: Server;
  let base: string;
  let g: GrantFixture;
  let requests = 0;
  let open = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      requests++;
      open++;
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      // One byte every 200 ms, forever: never idle, never done.
      const drip = setInterval(() => res.write('.'), 200);
      res.on('close', () => {
        clearInterval(drip);
        open--;
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    smtp = await startSmtp();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_TIMEOUT_SECONDS: '1',
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_MAX_ATTEMPTS: '1',
      WEBHOOK_DISABLE_AFTER_FAILURES: '10',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    g = await createGrant(api, { sprints: 2 });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });

  it('ends an attempt at the deadline even when the receiver keeps trickling, and logs the failure', async () => {
    const created = await g.funder.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { input: { url: `${base}/trickle`, eventTypes: ['SPRINT_REVIEW_SUBMITTED'] } },
    );
    expect(created.errors).toBeUndefined();
    const endpointId = created.data.createWebhookEndpoint.endpoint.id as string;

    await submitReview(g.grantee, g.grantId, 1);
    await until(() => requests === 1, 'the request reaches the receiver');
    let log: any;
    await until(async () => {
      const res = await g.funder.gql(
        `query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { status attempts lastStatusCode lastError lastDurationMs } } }`,
        { id: endpointId },
      );
      log = res.data.webhookDeliveries.nodes[0];
      return log?.status === 'FAILED';
    }, 'the delivery fails');
    expect(log).toMatchObject({ status: 'FAILED', attempts: 1, lastStatusCode: null });
    expect(log.lastError).toMatch(/timed out.*whole attempt/);
    // Bounded by the deadline (1 s), with a generous ceiling for a slow machine.
    expect(log.lastDurationMs).toBeLessThan(8000);
    // The connection was cut: the receiver holds nothing open.
    await until(() => open === 0, 'the connection is closed');
  });
});
