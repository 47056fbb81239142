// Webhooks end to end: a local receiver verifies signatures, a flaky one is retried into exactly
// one effective delivery, a failing one gets its endpoint disabled (owners told), and a disabled
// endpoint receives nothing.
import type { INestApplicationContext } from '@nestjs/common';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { SIGNATURE_HEADER, verifySignature } from '../../src/webhooks/signature';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { submitReview } from '../helpers/sprints';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { settle, until } from '../helpers/wait';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('webhooks', () => {
  let smtp: TestSmtp;
  let api: TestApi;
  let worker: INestApplicationContext;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  /** Status codes to answer per path, in order; then 200. */
  const script = new Map<string, number[]>();
  let g: GrantFixture;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          path: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const queue = script.get(req.url!) ?? [];
        res.statusCode = queue.length ? queue.shift()! : 200;
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
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_MAX_ATTEMPTS: '6',
      WEBHOOK_DISABLE_AFTER_FAILURES: '4',
    };
    api = await startApi({ env });
    worker = await startWorker(env);
    g = await createGrant(api, { sprints: 4 });
    await api.app.get(DataSource).query(`UPDATE person SET language = 'en'`);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await new Promise((r) => receiver.close(r));
  });

  const at = (path: string) => received.filter((r) => r.path === path);
  const create = async (path: string, eventTypes = ['SPRINT_REVIEW_SUBMITTED']) => {
    const res = await g.funder.gql(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id status url eventTypes } } }`,
      { input: { url: `${base}${path}`, eventTypes, description: path } },
    );
    expect(res.errors).toBeUndefined();
    return res.data.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
  };
  const deliveries = async (endpointId: string) => {
    const res = await g.funder.gql(
      `query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { id eventId eventType status attempts lastStatusCode lastError } } }`,
      { id: endpointId },
    );
    expect(res.errors).toBeUndefined();
    return res.data.webhookDeliveries.nodes as any[];
  };

  it('signs every request so a receiver can verify it; the secret is shown once', async () => {
    const { secret, endpoint } = await create('/good');
    expect(secret).toMatch(/^whsec_/);
    const list = await g.funder.gql('{ webhookEndpoints(first: 100) { nodes { id url status } } }');
    expect(JSON.stringify(list.data)).not.toContain(secret);

    await submitReview(g.grantee, g.grantId, 1);
    await until(() => at('/good').length === 1, 'a delivery');
    const [req] = at('/good');
    const header = req.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(verifySignature(secret, header, req.body)).toBe(true);
    expect(verifySignature('whsec_wrong', header, req.body)).toBe(false);
    expect(verifySignature(secret, header, req.body.replace('"v', '"x'))).toBe(false);
    expect(verifySignature(secret, header, req.body, { now: Date.now() / 1000 + 3600 })).toBe(
      false,
    );
    const event = JSON.parse(req.body);
    expect(event).toMatchObject({
      type: 'sprint_review.submitted',
      organizationId: g.funder.organizationId,
      data: { grantId: g.grantId, sprintNumber: 1, version: 1 },
    });
    expect(req.headers['meilenstein-event-id']).toBe(event.id);
    const [log] = await deliveries(endpoint.id);
    expect(log).toMatchObject({ status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200 });

    // Redelivery on request: the same event, freshly signed.
    const again = await g.funder.gql(
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }`,
      { id: log.id },
    );
    expect(again.errors).toBeUndefined();
    await until(() => at('/good').length === 2, 'redelivery');
    expect(JSON.parse(at('/good')[1].body).id).toBe(event.id);
  });

  it('retries a failing receiver with backoff until it succeeds, with one effective delivery', async () => {
    script.set('/flaky', [500, 503]);
    const { endpoint } = await create('/flaky', ['SPRINT_REVIEW_DECIDED']);
    const review = await g.grantee.gql(
      `query($id: ID!) { grant(grantId: $id) { sprints { review { id } } } }`,
      { id: g.grantId },
    );
    await g.manager.gql(
      `mutation($input: DecideSprintReviewInput!) { decideSprintReview(input: $input) { status } }`,
      { input: { reviewId: review.data.grant.sprints[0].review.id, decision: 'ACCEPT' } },
    );
    await until(async () => (await deliveries(endpoint.id))[0]?.status === 'SUCCEEDED', 'success');
    const requests = at('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['meilenstein-event-id'])).size).toBe(1);
    const log = await deliveries(endpoint.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'SUCCEEDED', attempts: 3, lastStatusCode: 200 });
    await settle();
    expect(at('/flaky')).toHaveLength(3);
  });

  it('disables an endpoint after repeated failures, tells its owners, and sends it nothing more', async () => {
    script.set('/down', Array(100).fill(500));
    const { endpoint } = await create('/down');
    await submitReview(g.grantee, g.grantId, 2);
    await until(async () => {
      const list = await g.funder.gql(
        '{ webhookEndpoints(first: 100) { nodes { id status disabledReason } } }',
      );
      return (
        list.data.webhookEndpoints.nodes.find((e: any) => e.id === endpoint.id).status ===
        'DISABLED'
      );
    }, 'disabled');
    expect(at('/down')).toHaveLength(4);
    const [log] = await deliveries(endpoint.id);
    expect(log).toMatchObject({ status: 'FAILED', attempts: 4, lastStatusCode: 500 });
    await until(
      () => smtp.messages.some((m) => m.subject === 'Webhook endpoint disabled'),
      'owner email',
    );

    // Disabled: nothing is sent, not even on request.
    const redeliver = await g.funder.gql(
      `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }`,
      { id: log.id },
    );
    expect(redeliver.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const review2 = await g.grantee.gql(
      `query($id: ID!) { grant(grantId: $id) { sprints { review { id } } } }`,
      { id: g.grantId },
    );
    await g.manager.gql(
      `mutation($input: DecideSprintReviewInput!) { decideSprintReview(input: $input) { status } }`,
      { input: { reviewId: review2.data.grant.sprints[1].review.id, decision: 'ACCEPT' } },
    );
    await submitReview(g.grantee, g.grantId, 3);
    await until(() => at('/good').length === 4, 'the enabled endpoint gets both');
    await settle();
    expect(at('/down')).toHaveLength(4);

    // Turned on again by hand, it receives the next event.
    const enabled = await g.funder.gql(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { status consecutiveFailures } }`,
      { input: { endpointId: endpoint.id, enabled: true } },
    );
    expect(enabled.data.updateWebhookEndpoint).toEqual({
      status: 'ENABLED',
      consecutiveFailures: 0,
    });
  });

  it('refuses bad URLs and other tenants', async () => {
    const bad = await g.funder.gql(
      `mutation { createWebhookEndpoint(input: { url: "ftp://example.org/x", eventTypes: [GRANT_COMPLETED] }) { secret } }`,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const asGrantee = await g.grantee.gql(
      `query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }`,
      {
        id: (await g.funder.gql('{ webhookEndpoints(first: 100) { nodes { id } } }')).data
          .webhookEndpoints.nodes[0].id,
      },
    );
    expect(asGrantee.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const asManager = await g.manager.gql('{ webhookEndpoints(first: 100) { nodes { id } } }');
    expect(asManager.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
