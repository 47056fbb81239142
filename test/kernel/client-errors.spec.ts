// Client mistakes are answered as client errors: 4xx, a GraphQL error body with a stable
// `extensions.code`, no server error, nothing written and no stack in the log.
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { signUp, uniqueEmail } from '../helpers/identity';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { email } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
const TABLES = ['person', 'organization', 'membership', 'audit_event', 'session', 'outbox_event'];
const MAX_TOKENS = 100;

interface Raw {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, any> }[] };
}

function signUpInput(overrides: Record<string, unknown> = {}, org: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('nul'),
    password: 'correct horse battery staple',
    displayName: 'Ada Lovelace',
    language: 'EN',
    ...overrides,
    organization: {
      name: `Stiftung ${randomBytes(3).toString('hex')}`,
      kind: 'FUNDER',
      country: 'DE',
      ...org,
    },
  };
}

describe('client mistakes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { GRAPHQL_MAX_TOKENS: String(MAX_TOKENS) } });
  });
  afterAll(() => api.close());

  // Client mistakes are warnings at most, one line each, never errors with a stack.
  let logged: jest.SpyInstance[];
  beforeEach(() => {
    logged = (['error', 'fatal', 'warn'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level),
    );
  });
  afterEach(() => {
    const [error, fatal, warn] = logged.map((spy) => spy.mock.calls.map((c) => String(c[0])));
    logged.forEach((spy) => spy.mockRestore());
    expect({ error, fatal }).toEqual({ error: [], fatal: [] });
    for (const line of warn!) expect(line).not.toMatch(/\n\s+at /);
  });

  const post = async (body: string, headers: Record<string, string> = {}): Promise<Raw> => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...headers,
      },
      body,
    });
    const text = await response.text();
    let parsed: Raw['body'];
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
    }
    return { status: response.status, body: parsed };
  };
  const counts = async () => {
    const ds = api.app.get(DataSource);
    const out: Record<string, number> = {};
    for (const table of TABLES)
      out[table] = (await ds.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
    return out;
  };
  const expectClientError = (res: Raw, status: number, code: string) => {
    expect({ status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
      status,
      code,
    });
    expect(res.body.errors![0]!.message.length).toBeGreaterThan(5);
  };

  it('a syntax error is GRAPHQL_PARSE_FAILED with 400', async () => {
    expectClientError(await post('{"query":"{"}'), 400, 'GRAPHQL_PARSE_FAILED');
    expectClientError(await post('{"query":"{ serverInfo { "}'), 400, 'GRAPHQL_PARSE_FAILED');
  });

  it('a document one token over the limit is QUERY_LIMIT_EXCEEDED with 400', async () => {
    const tokens = (n: number) => `{ serverInfo { ${'version '.repeat(n - 5)}} }`;
    const at = await post(JSON.stringify({ query: tokens(MAX_TOKENS) }));
    expect(at.status).toBe(200);
    expect(at.body.errors).toBeUndefined();
    const over = await post(JSON.stringify({ query: tokens(MAX_TOKENS + 1) }));
    expect(over.status).toBe(400);
    expect(over.body.errors![0]!.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      reason: 'QUERY_LIMIT_EXCEEDED',
      limit: 'tokens',
    });
    expect(over.body.errors![0]!.message).toMatch(/token/i);
  });

  it('a NUL character in a variable is BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ displayName: 'Ada\u0000Lovelace' }, {}, 'input.displayName'],
      [{ password: 'correct horse\u0000battery' }, {}, 'input.password'],
      [{ email: `a\u0000${uniqueEmail('nul')}` }, {}, 'input.email'],
      [{}, { name: 'Stiftung\u0000' }, 'input.organization.name'],
    ];
    for (const [person, org, field] of cases) {
      const before = await counts();
      const res = await post(
        JSON.stringify({ query: SIGN_UP, variables: { input: signUpInput(person, org) } }),
      );
      expectClientError(res, 400, 'BAD_USER_INPUT');
      expect(res.body.errors![0]!.message).toContain(field);
      expect(await counts()).toEqual(before);
    }
    const login = await post(
      JSON.stringify({
        query: LOG_IN,
        variables: { input: { email: 'x\u0000@example.org', password: 'p\u0000' } },
      }),
    );
    expectClientError(login, 400, 'BAD_USER_INPUT');
  });

  it('a NUL character in a literal is BAD_USER_INPUT, and writes nothing', async () => {
    const before = await counts();
    const query = `mutation { signUp(input: { email: "${uniqueEmail('nul')}", password: "correct horse battery staple", displayName: "Ada\\u0000", language: EN, organization: { name: "Stiftung X", kind: FUNDER, country: "DE" } }) { email } }`;
    const res = await post(JSON.stringify({ query }));
    expectClientError(res, 400, 'BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toContain('displayName');
    expect(await counts()).toEqual(before);
  });

  it('a NUL character in a search is BAD_USER_INPUT too, signed in or not, in either language', async () => {
    const query = `query($text: String) { learnings(text: $text) { totalCount } }`;
    const res = await post(JSON.stringify({ query, variables: { text: 'Ehrenamt\u0000' } }));
    expectClientError(res, 400, 'BAD_USER_INPUT');
    expect(res.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'text', message: 'must not contain the NUL character (U+0000)' },
    ]);
    const de = await post(
      JSON.stringify({ query: '{ learnings(tag: "a\\u0000") { totalCount } }' }),
      { 'accept-language': 'de' },
    );
    expectClientError(de, 400, 'BAD_USER_INPUT');
    expect(de.body.errors![0]!.extensions!.fields).toEqual([
      { field: 'tag', message: 'darf kein NUL-Zeichen (U+0000) enthalten' },
    ]);
  });

  it('variable coercion with very many errors is BAD_USER_INPUT', async () => {
    // graphql-js stops after 50 coercion errors with an error of its own that carries no code.
    const query = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`;
    const input = { url: 'https://example.org/hook', eventTypes: Array(60).fill('NOT_AN_EVENT') };
    const res = await post(JSON.stringify({ query, variables: { input } }));
    expect(res.status).toBe(400);
    expect(res.body.errors!.length).toBeGreaterThan(1);
    for (const e of res.body.errors!) expect(e.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a persisted query whose hash does not match is a 400 client error', async () => {
    const res = await post(
      JSON.stringify({
        query: '{ serverInfo { version } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions!.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(res.body.errors![0]!.extensions!.code).toMatch(/^(BAD_REQUEST|PERSISTED_QUERY_\w+)$/);
    const unknown = await post(
      JSON.stringify({
        extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } },
      }),
    );
    expect(unknown.status).toBeLessThan(500);
    expect(unknown.body.errors![0]!.extensions!.code).toMatch(/^PERSISTED_QUERY_\w+$/);
  });

  it('a body over the limit is PAYLOAD_TOO_LARGE with 413 in a GraphQL body', async () => {
    const res = await post(
      JSON.stringify({
        query: '{ serverInfo { version } }',
        variables: { pad: 'x'.repeat(1_100_000) },
      }),
    );
    expectClientError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON is BAD_REQUEST with 400 in a GraphQL body', async () => {
    expectClientError(await post('{"query": '), 400, 'BAD_REQUEST');
  });

  it('still answers a good request after all that', async () => {
    const account = await signUp(api, 'FUNDER');
    expect(account.email).toContain('@');
  });
});
