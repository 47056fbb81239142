import { startApi, TestApi } from '../helpers/api';

describe('API server', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('answers serverInfo without sign-in', async () => {
    const res = await api.gql('{ serverInfo { version } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.serverInfo.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
    const given = await api.gql('{ serverInfo { version } }', undefined, {
      headers: { 'x-request-id': 'client-req-12345' },
    });
    expect(given.headers.get('x-request-id')).toBe('client-req-12345');
    const made = await api.gql('{ serverInfo { version } }', undefined, {
      headers: { 'x-request-id': 'bad id!' },
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is live and ready while PostgreSQL and Redis answer', async () => {
    const live = await fetch(`${api.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('refuses batched HTTP requests', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ serverInfo { version } }' },
        { query: '{ serverInfo { version } }' },
      ]),
    });
    expect(res.status).toBe(400);
  });
});

describe('API server with Redis unreachable', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi({ env: { REDIS_URL: 'redis://127.0.0.1:9' } })));
  afterAll(() => api.close());

  it('stays live but is not ready (503) within 2 s', async () => {
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    const started = Date.now();
    const ready = await fetch(`${api.url}/health/ready`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ready.status).toBe(503);
    const body: any = await ready.json();
    expect(body.error.redis.status).toBe('down');
    expect(body.details.database.status).toBe('up');
  });

  it('still answers GraphQL', async () => {
    const res = await api.gql('{ serverInfo { version } }');
    expect(res.data.serverInfo.version).toBeDefined();
  });
});

describe('API server in production mode', () => {
  let api: TestApi;
  beforeAll(
    async () =>
      (api = await startApi({
        env: { NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'p'.repeat(48) },
      })),
  );
  afterAll(() => api.close());

  it('turns introspection and field suggestions off', async () => {
    const introspection = await api.gql('{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await api.gql('{ serverInfo { versio } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('serves no IDE landing page', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/<html/i);
  });
});

describe('API server in development mode', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi({ env: { NODE_ENV: 'development' } })));
  afterAll(() => api.close());

  it('serves an IDE landing page and allows introspection', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await res.text()).toMatch(/<html/i);
    const introspection = await api.gql('{ __schema { queryType { name } } }');
    expect(introspection.data.__schema.queryType.name).toBe('Query');
  });
});
