// Prometheus metrics: the API's GET /metrics and the worker's listener expose the named series
// behind METRICS_TOKEN; a GraphQL request moves the series of its operation, a job those of its
// queue and name, and the outbox lag shows a row waiting to be relayed.
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueueRegistry } from '../../src/core/queue/queue.registry';
import { QueueName } from '../../src/core/queue/jobs';
import { WorkerHttp } from '../../src/core/telemetry/worker-http';
import { startApi, TestApi } from '../helpers/api';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

const TOKEN = 'metrics-token-for-this-test-0123';
const env = { METRICS_TOKEN: TOKEN };

/** The value of the series `name` whose labels include `labels` (label order does not matter). */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(url: string, token = TOKEN): Promise<Response> {
  return fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('metrics', () => {
  let api: TestApi;
  let ds: DataSource;

  beforeAll(async () => {
    api = await startApi({ env });
    ds = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const apiMetrics = async () => {
    const res = await scrape(`${api.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it('answers only a caller with the token, and names no tenant', async () => {
    expect((await scrape(`${api.url}/metrics`, '')).status).toBe(401);
    expect((await scrape(`${api.url}/metrics`, 'wrong-token-of-the-same-length')).status).toBe(401);
    const text = await apiMetrics();
    for (const name of [
      'meilenstein_http_requests_total',
      'meilenstein_http_request_duration_seconds',
      'meilenstein_graphql_requests_total',
      'meilenstein_graphql_request_duration_seconds',
      'meilenstein_graphql_errors_total',
      'meilenstein_queue_jobs',
      'meilenstein_outbox_unrelayed_events',
      'meilenstein_outbox_lag_seconds',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(text).toContain(`# TYPE ${name} `);
    // No uuid (an organisation, person or object id) in any label.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('is not found without a configured token', async () => {
    const open = await startApi();
    try {
      expect((await scrape(`${open.url}/metrics`)).status).toBe(404);
    } finally {
      await open.close();
    }
  });

  it('counts and times a GraphQL request by its operation name, and its errors by code', async () => {
    const series = [
      'meilenstein_graphql_requests_total',
      { operation: 'MetricsProbe', type: 'query' },
    ] as const;
    const histogram = [
      'meilenstein_graphql_request_duration_seconds_count',
      { operation: 'MetricsProbe', type: 'query' },
    ] as const;
    const before = await apiMetrics();
    expect(sample(before, ...series)).toBeUndefined();
    expect((await api.gql('query MetricsProbe { serverInfo { version } }')).errors).toBeUndefined();
    expect((await api.gql('query MetricsProbe { serverInfo { version } }')).errors).toBeUndefined();
    const after = await apiMetrics();
    expect(sample(after, ...series)).toBe(2);
    expect(sample(after, ...histogram)).toBe(2);

    // Unnamed operations fold into "anonymous", requests that never reach one into "invalid".
    await api.gql('{ serverInfo { version } }');
    await api.gql('query Broken { serverInfo { nope } }');
    const folded = await apiMetrics();
    expect(
      sample(folded, 'meilenstein_graphql_requests_total', {
        operation: 'anonymous',
        type: 'query',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(folded, 'meilenstein_graphql_errors_total', {
        operation: 'invalid',
        code: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(folded, 'meilenstein_http_requests_total', {
        method: 'POST',
        route: '/graphql',
        status: '2xx',
      }),
    ).toBeGreaterThanOrEqual(3);
  });

  it('shows the outbox lag of a row waiting to be relayed', async () => {
    await ds.query(
      `INSERT INTO outbox_event (job_name, payload, available_at, created_at)
       VALUES ('maintenance.prune-outbox', '{}', now() - interval '90 seconds', now() - interval '90 seconds')`,
    );
    const text = await apiMetrics();
    expect(sample(text, 'meilenstein_outbox_unrelayed_events')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meilenstein_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
  });

  describe('worker', () => {
    let worker: INestApplicationContext;
    let url: string;
    beforeAll(async () => {
      worker = await startWorker(env);
      url = `http://127.0.0.1:${worker.get(WorkerHttp).port}`;
    });
    afterAll(() => worker.close());

    const workerMetrics = async () => {
      const res = await scrape(`${url}/metrics`);
      expect(res.status).toBe(200);
      return res.text();
    };

    it('serves its health without a token and its metrics only with one', async () => {
      await until(async () => (await fetch(`${url}/health`)).status === 200, 'a fresh heartbeat');
      expect((await scrape(`${url}/metrics`, '')).status).toBe(401);
      expect((await fetch(`${url}/anything`)).status).toBe(404);
    });

    it('times a completed job by queue and name, and counts a failed one', async () => {
      const done = [
        'meilenstein_job_duration_seconds_count',
        { queue: 'maintenance', job: 'maintenance.prune-outbox', outcome: 'completed' },
      ] as const;
      const before = sample(await workerMetrics(), ...done) ?? 0;
      await ds.query(
        `INSERT INTO outbox_event (job_name, payload) VALUES ('maintenance.prune-outbox', '{}')`,
      );
      let text = '';
      await until(async () => {
        text = await workerMetrics();
        return (sample(text, ...done) ?? 0) > before;
      }, 'the job to be timed');
      expect(sample(text, 'meilenstein_outbox_lag_seconds')).toBeLessThan(90);

      // A job on a queue its name does not belong to fails in the runner: counted as a failure.
      const queue = worker.get(QueueRegistry).queue(QueueName.Maintenance);
      await queue.add(
        'webhooks.deliver',
        { payload: {}, meta: { createdAt: new Date().toISOString() } },
        { attempts: 1 },
      );
      const failures = [
        'meilenstein_job_failures_total',
        { queue: 'maintenance', job: 'webhooks.deliver' },
      ] as const;
      await until(async () => {
        text = await workerMetrics();
        return sample(text, ...failures) === 1;
      }, 'the failure to be counted');
      expect(
        sample(text, 'meilenstein_job_duration_seconds_count', {
          queue: 'maintenance',
          job: 'webhooks.deliver',
          outcome: 'failed',
        }),
      ).toBe(1);
      await until(async () => {
        text = await workerMetrics();
        return (
          (sample(text, 'meilenstein_queue_jobs', { queue: 'maintenance', state: 'failed' }) ??
            0) >= 1
        );
      }, 'the failed job in the queue depth');
      for (const state of ['waiting', 'active', 'delayed'])
        expect(
          sample(text, 'meilenstein_queue_jobs', { queue: 'notifications', state }),
        ).toBeGreaterThanOrEqual(0);
    });
  });
});
