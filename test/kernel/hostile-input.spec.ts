// Hostile input from outside, generated: garbled documents, every operation of the schema with
// hostile variables (NUL, lone surrogates, huge strings, wrong types, odd numbers, other tenants'
// ids, arrays for objects), odd content types, broken JSON, GET, batches and oversized bodies, and
// the REST routes beside /graphql. Whatever arrives, the answer is a client error or a result: never
// a 5xx, never INTERNAL_SERVER_ERROR, never a stack frame or a piece of SQL. The seed is fixed
// (HOSTILE_SEED changes it) and printed with every failure so a failing case can be replayed.
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import {
  getNamedType,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../helpers/api';
import { Account, createApiKey, signUp } from '../helpers/identity';
import { createProgramme, submitApplication } from '../helpers/programmes';
import { callFor, Operation, operations } from '../helpers/schema-walk';

const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_416);
const BATCH = 8;
// Generous: on a busy machine a few hundred requests take a while; nothing here is timed.
jest.setTimeout(240_000);

/** What a response must never show: stack frames, driver errors, SQL, file paths of the server. */
const LEAKS: [string, RegExp][] = [
  ['stack frame', /\bat [\w$.<>[\] ]+ \(?[^\s()]*:\d+:\d+\)?/],
  ['stack frame', /\\n\s+at /],
  ['driver error', /QueryFailedError|EntityNotFound|TypeORMError|PostgresError|ECONNREFUSED/],
  ['SQL', /\b(SELECT|INSERT INTO|UPDATE "|DELETE FROM)\s/],
  [
    'SQL',
    /relation "|column "|syntax error at or near|violates (not-null|foreign key|check|unique)/,
  ],
  ['SQL', /invalid input syntax for type|invalid byte sequence|unterminated quoted/],
  ['server path', /node_modules|\/src\/[\w/-]+\.ts/],
];

/** Operations that, if hostile input ever happened to be valid, would end the caller's account. */
const SELF_DESTRUCTIVE = new Set(['logOut', 'deleteMyAccount']);

interface Sent {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Finding {
  seed: number;
  label: string;
  status: number;
  problem: string;
  excerpt: string;
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(50),
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u202egnp.exe',
  '\ufeff',
  '\u200b\u200d',
  'Zoë 💥 👩‍👩‍👧',
  'ﷺ'.repeat(500),
  "'; DROP TABLE person; --",
  '" OR 1=1 --',
  '%_%',
  '\\',
  '\\u0000',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\r\nX-Injected: 1',
  'null',
  'undefined',
  'NaN',
  '-1',
  '9'.repeat(400),
  'x'.repeat(10_001),
  'é'.repeat(70_000),
  `${'a'.repeat(64)}@${'b'.repeat(255)}.example`,
  'a@b',
  '@@@',
  'mailto:x@y',
];

const NASTY_NUMBERS: unknown[] = [
  -1,
  0,
  -0,
  1.5,
  -0.000001,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e21,
  1e308,
  '1',
  '12.50',
  '1e3',
  '0x10',
  '',
  true,
];

const DATES = [
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-01-01T25:61:00Z',
  '2026-06-01T00:00:00+99:00',
  '1970-01-01T00:00:00Z',
  'today',
];

/** A value that is the wrong shape for anything: arrays for objects, deep nesting, odd JSON. */
function wrongShape(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(
      null,
      [],
      {},
      [[[[[]]]]],
      { __proto__: { admin: true } },
      { constructor: { prototype: { x: 1 } } },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      Array(200).fill({}),
    ),
    fc.constant(null).map(() => nested(500)),
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(...NASTY_STRINGS),
    fc.constantFrom(...NASTY_NUMBERS),
  );
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Hostile but often well-typed values for `type`, so that most requests reach the services. */
function hostile(type: GraphQLInputType, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const valid = hostileOfType(type, ids, depth);
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: wrongShape() });
}

function hostileOfType(
  type: GraphQLInputType,
  ids: string[],
  depth: number,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return hostileOfType(type.ofType, ids, depth);
  if (depth > 6) return wrongShape();
  if (isListType(type)) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(hostile(type.ofType, ids, depth + 1), { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc.array(hostile(type.ofType, ids, depth + 1), {
          minLength: 300,
          maxLength: 400,
        }),
      },
      { weight: 1, arbitrary: hostile(type.ofType, ids, depth + 1) },
    );
  }
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: fc.constantFrom('NOT_A_VALUE', 'owner', '__proto__', '\u0000') },
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((f) => [f.name, hostile(f.type, ids, depth + 1)]));
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.record(shape, { requiredKeys: required }).chain((value) =>
      // Sometimes a field the type does not have, or a required one missing.
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(value) },
        { weight: 1, arbitrary: fc.constant({ ...value, notAField: 'x' }) },
        {
          weight: 1,
          arbitrary: fc.constant(
            Object.fromEntries(Object.entries(value).filter(([k]) => k !== required[0])),
          ),
        },
      ),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...ids) },
          { weight: 1, arbitrary: fc.uuid() },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'not-a-uuid',
              '00000000-0000-0000-0000-000000000000',
              'ffffffff-ffff-ffff-ffff-ffffffffffff',
              `${randomUUID()}\u0000`,
              `${randomUUID()}' OR '1'='1`,
              Buffer.from(`Grant:${randomUUID()}`).toString('base64'),
              '1',
              '',
            ),
          },
          { weight: 1, arbitrary: fc.integer() },
        );
      case 'Int':
      case 'SafeInt':
      case 'Float':
        return fc.oneof(
          { weight: 2, arbitrary: fc.integer({ min: -5, max: 200 }) },
          { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
          { weight: 1, arbitrary: fc.double() },
          { weight: 1, arbitrary: fc.maxSafeInteger() },
        );
      case 'Boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom<unknown>('true', 1, 0, 'yes'));
      case 'DateTime':
      case 'LocalDate':
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          fc.constantFrom(...DATES),
        );
      case 'JSON':
      case 'JSONObject':
        return fc.oneof(
          fc.jsonValue({ maxDepth: 5 }),
          fc.dictionary(fc.constantFrom(...NASTY_STRINGS.slice(0, 20), 'a', 'b'), fc.jsonValue()),
        );
      default:
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
          { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
          { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
          { weight: 1, arbitrary: fc.constantFrom('EUR', 'USD', 'XXX', 'eur', 'DE', 'de', 'en') },
        );
    }
  }
  return wrongShape();
}

/** A document calling `op` with (a random subset of) its arguments as variables. */
function callOf(op: Operation, ids: string[]): fc.Arbitrary<{ query: string; variables: unknown }> {
  const args = op.field.args;
  const named = getNamedType(op.field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  const shape = Object.fromEntries(args.map((a) => [a.name, hostile(a.type, ids)]));
  const required = args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
  return fc.record(shape, { requiredKeys: required }).map((variables) => {
    const used = args.filter((a) => a.name in variables);
    const defs = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
    return {
      query: `${op.kind}${defs ? `(${defs})` : ''} { ${op.name}${call ? `(${call})` : ''}${selection} }`,
      variables,
    };
  });
}

/** `value` with every optional field of its input objects (at any depth) set to null. */
function withNulls(type: GraphQLInputType, value: unknown): unknown {
  if (isNonNullType(type)) return withNulls(type.ofType, value);
  if (isListType(type))
    return Array.isArray(value) ? value.map((v) => withNulls(type.ofType, v)) : value;
  if (!isInputObjectType(type) || !value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of Object.values(type.getFields()))
    out[field.name] = isNonNullType(field.type) ? withNulls(field.type, out[field.name]) : null;
  return out;
}

/** Words a garbled document is made of: GraphQL punctuation, keywords, the schema's own names. */
function garbledDocument(names: string[]): fc.Arbitrary<string> {
  const token = fc.oneof(
    fc.constantFrom(
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      ':',
      '$',
      '!',
      '@',
      '...',
      '=',
      '|',
      '&',
      ',',
      'query',
      'mutation',
      'subscription',
      'fragment',
      'on',
      'schema',
      'type',
      'input',
      'enum',
      '__typename',
      '__schema',
      '__type',
      'true',
      'false',
      'null',
      '1',
      '-1',
      '1.5e999',
      '0x1',
      '"x"',
      '"\\u0000"',
      '"\\ud800"',
      '"\\u{1F600}"',
      '"""block"""',
      '"unterminated',
      '#c\n',
      '$x',
      'Int!',
      'String',
      '@include(if: true)',
      '@skip(if: $x)',
      '@deprecated',
      'id',
      '\u0000',
      '\ud800',
      '\ufeff',
      '\u00a0',
    ),
    fc.constantFrom(...names),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(token, { maxLength: 40 }).map((t) => t.join(' ')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...names), fc.integer({ min: 1, max: 400 }))
        .map(
          ([name, n]) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${name}`).join(' ')} }`,
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10, max: 3000 })
        .map((n) => `{ ${'me { '.repeat(n)}id${' }'.repeat(n)} }`),
    },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/graphql-response+json',
  'application/graphql',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=utf-8; boundary=x',
  '*/*',
  '',
  'json',
  '\u00e9/json',
];

const BROKEN_BODIES = [
  '',
  '{',
  '}',
  '{"query":',
  '{"query":"{ serverInfo { version } }"',
  'null',
  '[]',
  '[null]',
  '[1,2,3]',
  '"x"',
  '1',
  'true',
  '{"query":1}',
  '{"query":null}',
  '{"query":["{ me { id } }"]}',
  '{"query":{"a":1}}',
  '{"query":"{ serverInfo { version } }","variables":"x"}',
  '{"query":"{ serverInfo { version } }","variables":[1]}',
  '{"query":"{ serverInfo { version } }","operationName":5}',
  '{"query":"{ serverInfo { version } }","extensions":"x"}',
  '{"query":"{ serverInfo { version } }","extensions":{"persistedQuery":1}}',
  '{"query":"{ serverInfo { version } }","extensions":{"persistedQuery":{"version":2,"sha256Hash":"x"}}}',
  '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":null}}}',
  '{"query":"\\u0000"}',
  '{"query":"{ serverInfo { version } }"}garbage',
  '{"query":"\\ud800"}',
  '\ufeff{"query":"{ serverInfo { version } }"}',
  '{"__proto__":{"query":"{ me { id } }"}}',
  '{"query":"{ serverInfo { version } }","query":"{ me { id } }"}',
  '[' + '['.repeat(10_000),
  '{"a":' + '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_001),
  '\u0000\u0000\u0000',
  'query { serverInfo { version } }',
  'query=%7B%20serverInfo%20%7B%20version%20%7D%20%7D',
];

describe('hostile input', () => {
  let api: TestApi;
  let ops: Operation[];
  let ids: string[];
  let callers: { label: string; headers: Record<string, string> }[];
  let names: string[];
  const findings: Finding[] = [];
  let sent = 0;
  let loggedErrors: string[] = [];
  let errorSpies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    api = await startApi();
    ops = operations(api.app).filter((op) => !SELF_DESTRUCTIVE.has(op.name));
    names = ops.map((op) => op.name);
    const funder = await signUp(api, 'FUNDER');
    const grantee = await signUp(api, 'GRANTEE');
    const otherFunder = await signUp(api, 'FUNDER');
    const otherGrantee = await signUp(api, 'GRANTEE');
    const mine = await createProgramme(funder);
    const theirs = await createProgramme(otherFunder);
    const myApplication = await submitApplication(grantee, mine.id);
    const theirApplication = await submitApplication(otherGrantee, theirs.id);
    const key = await createApiKey(funder, ['WRITE']);
    // Own ids, other tenants' ids and people's ids: the generated calls mix them all.
    ids = [
      mine.id,
      theirs.id,
      myApplication,
      theirApplication,
      funder.personId,
      otherFunder.personId,
      funder.organizationId,
      otherFunder.organizationId,
      otherGrantee.organizationId,
    ];
    const as = (account: Account) => ({
      authorization: `Bearer ${account.accessToken}`,
      'x-organization-id': account.organizationId,
    });
    callers = [
      { label: 'anonymous', headers: {} },
      { label: 'funder owner', headers: as(funder) },
      { label: 'grantee owner', headers: as(grantee) },
      { label: 'funder write key', headers: { authorization: `Bearer ${key}` } },
      {
        label: 'funder owner acting for another tenant',
        headers: { ...as(funder), 'x-organization-id': otherFunder.organizationId },
      },
      { label: 'garbled token', headers: { authorization: 'Bearer a.b.c\u00e9' } },
    ];
  });
  afterAll(() => api.close());

  beforeEach(() => {
    findings.length = 0;
    sent = 0;
    loggedErrors = [];
    errorSpies = (['error', 'fatal'] as const).map((level) =>
      jest
        .spyOn(Logger.prototype, level)
        .mockImplementation((message: unknown, ..._rest: unknown[]) => {
          loggedErrors.push(String(message).slice(0, 300));
        }),
    );
  });
  afterEach(() => errorSpies.forEach((spy) => spy.mockRestore()));

  /** Sends one request and records whatever is wrong with its answer. */
  const send = async (request: Sent, seed: number, retried = false): Promise<void> => {
    if (!retried) sent++;
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`${api.url}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      // The server refuses a body over the limit (1 MB) with 413 and closes the connection; a
      // client still writing many megabytes then sees the connection reset. Anything else must
      // get an answer.
      const code = (error as { cause?: { code?: string } }).cause?.code;
      const size = request.body ? Buffer.byteLength(request.body) : 0;
      if (size > 1_048_576 && (code === 'ECONNRESET' || code === 'EPIPE')) return;
      // A pooled keep-alive socket can be closed by the server just as the client reuses it (seen
      // next to the 413s above); the same request is sent once more on a fresh connection, and
      // only a second failure counts.
      if (!retried && code === 'ECONNRESET') return send(request, seed, true);
      findings.push({
        seed,
        label: request.label,
        status,
        problem: `no answer: ${(error as Error).message} ${code ?? ''}`,
        excerpt: '',
      });
      return;
    }
    const problem = (what: string, excerpt = text) =>
      findings.push({
        seed,
        label: request.label,
        status,
        problem: what,
        excerpt: excerpt.slice(0, 400),
      });
    if (status >= 500) problem(`HTTP ${status}`);
    if (/INTERNAL_SERVER_ERROR/.test(text)) problem('INTERNAL_SERVER_ERROR');
    for (const [what, pattern] of LEAKS) {
      const match = pattern.exec(text);
      if (match) problem(what, text.slice(Math.max(0, match.index - 150), match.index + 250));
    }
    if (request.path.startsWith('/graphql') && status >= 400 && ![405, 406, 431].includes(status)) {
      // A refused GraphQL request still answers a GraphQL body with a code a client can read
      // (except where no GraphQL is involved: a wrong method, an unacceptable media type, and a
      // request line too long for Node's HTTP parser, 431, answered before the app sees it).
      try {
        const body = JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] };
        if (!body.errors?.every((e) => typeof e.extensions?.code === 'string'))
          problem('a GraphQL error without extensions.code');
      } catch {
        problem('a refusal that is not a GraphQL JSON body');
      }
    }
  };

  /** Runs generated requests in small parallel batches; `seed` identifies each for replay. */
  const run = async (arbitrary: fc.Arbitrary<Sent>, count: number, salt: number) => {
    const samples = fc.sample(arbitrary, { seed: SEED + salt, numRuns: count });
    // Bodies over the limit go alone: the server closes their connection after the 413, and the
    // client's connection pool could otherwise have put a parallel request on that socket.
    const oversized = (r: Sent) => (r.body ? Buffer.byteLength(r.body) : 0) > 1_048_576;
    for (let i = 0; i < samples.length; i += BATCH) {
      const batch = samples
        .slice(i, i + BATCH)
        .map((request, j) => ({ request, seed: SEED + salt + i + j }));
      await Promise.all(
        batch.filter((b) => !oversized(b.request)).map((b) => send(b.request, b.seed)),
      );
      for (const b of batch.filter((b) => oversized(b.request))) await send(b.request, b.seed);
    }
  };

  const report = () => {
    const unique = new Map<string, Finding>();
    for (const f of findings) unique.set(`${f.label}|${f.problem}`, f);
    return [...unique.values()].map(
      (f) =>
        `[seed ${SEED}, case ${f.seed}] ${f.label} → ${f.status}: ${f.problem}\n    ${f.excerpt}`,
    );
  };
  const expectClean = () => {
    expect({ seed: SEED, findings: report(), loggedErrors }).toEqual({
      seed: SEED,
      findings: [],
      loggedErrors: [],
    });
  };

  const graphqlPost = (
    label: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Sent => ({
    label,
    method: 'POST',
    path: '/graphql',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });

  it('answers every operation of the schema called with hostile variables, by every kind of caller, as a client error or a result', async () => {
    const arbitrary = fc
      .tuple(fc.constantFrom(...ops), fc.constantFrom(...callers))
      .chain(([op, caller]) =>
        callOf(op, ids).map(({ query, variables }) =>
          graphqlPost(
            `${op.name} as ${caller.label}: ${JSON.stringify(variables).slice(0, 300)}`,
            { query, variables },
            caller.headers,
          ),
        ),
      );
    // Every operation at least twice, then a random mix.
    for (const op of ops) {
      await run(
        fc
          .constantFrom(...callers.slice(1, 3))
          .chain((caller) =>
            callOf(op, ids).map(({ query, variables }) =>
              graphqlPost(
                `${op.name} as ${caller.label}: ${JSON.stringify(variables).slice(0, 300)}`,
                { query, variables },
                caller.headers,
              ),
            ),
          ),
        2,
        ops.indexOf(op) * 10_000,
      );
    }
    await run(arbitrary, 500, 1);
    expect(sent).toBeGreaterThanOrEqual(500 + 2 * ops.length);
    expectClean();
  });

  it('answers every id argument that is no UUID, and every optional input field set to null, as a client error', async () => {
    const requests: Sent[] = [];
    for (const op of ops) {
      const idArgs = op.field.args.filter((a) => getNamedType(a.type).name === 'ID');
      for (const caller of callers.slice(1, 3)) {
        if (idArgs.length) {
          const overrides = Object.fromEntries(idArgs.map((a) => [a.name, 'not-a-uuid']));
          const { query, variables } = callFor(op, overrides);
          requests.push(
            graphqlPost(
              `${op.name} with ids "not-a-uuid" as ${caller.label}`,
              { query, variables },
              caller.headers,
            ),
          );
        }
        const inputs = op.field.args.filter((a) => isInputObjectType(getNamedType(a.type)));
        if (inputs.length) {
          const { variables: base } = callFor(
            op,
            Object.fromEntries(
              op.field.args
                .filter((a) => getNamedType(a.type).name === 'ID')
                .map((a) => [a.name, ids[0]]),
            ),
          );
          const nulls = Object.fromEntries(
            inputs.map((a) => [a.name, withNulls(a.type, base[a.name] ?? {})]),
          );
          const { query, variables } = callFor(op, { ...base, ...nulls });
          requests.push(
            graphqlPost(
              `${op.name} with optional fields null as ${caller.label}: ${JSON.stringify(variables).slice(0, 300)}`,
              { query, variables },
              caller.headers,
            ),
          );
        }
      }
    }
    for (let i = 0; i < requests.length; i += BATCH)
      await Promise.all(requests.slice(i, i + BATCH).map((r, j) => send(r, i + j)));
    expect(sent).toBeGreaterThan(100);
    expectClean();
    // A field that may be left out but cannot be cleared says so, naming it.
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...callers[1]!.headers },
      body: JSON.stringify({
        query: 'mutation { updateOrganization(input: { name: null }) { name } }',
      }),
    });
    const body = (await res.json()) as { errors: { extensions: Record<string, any> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: expect.arrayContaining([
        { field: 'name', message: 'may be left out, but not be null' },
      ]),
    });
  });

  it('answers garbled documents, odd variables and batches as client errors', async () => {
    const arbitrary = fc.oneof(
      fc
        .tuple(garbledDocument(names), fc.constantFrom(...callers))
        .map(([query, caller]) =>
          graphqlPost(`garbled: ${query.slice(0, 200)}`, { query }, caller.headers),
        ),
      fc
        .tuple(
          fc.constantFrom(
            '{ serverInfo { version } }',
            '{ me { id } }',
            'query Q { programmes { totalCount } }',
          ),
          fc.oneof(wrongShape(), fc.jsonValue()),
          fc.oneof(fc.constant(undefined), wrongShape()),
          fc.oneof(fc.constant(undefined), wrongShape()),
        )
        .map(([query, variables, operationName, extensions]) =>
          graphqlPost(
            `odd envelope: ${JSON.stringify({ variables, operationName, extensions }).slice(0, 200)}`,
            {
              query,
              variables,
              operationName,
              extensions,
            },
          ),
        ),
      fc
        .array(
          fc.oneof(
            fc.constant({ query: '{ serverInfo { version } }' }),
            garbledDocument(names).map((query) => ({ query })),
            wrongShape(),
          ),
          { minLength: 0, maxLength: 60 },
        )
        .map((batch) => graphqlPost(`batch of ${batch.length}`, batch)),
    );
    await run(arbitrary, 300, 2_000_000);
    expect(sent).toBeGreaterThanOrEqual(300);
    expectClean();
  });

  it('answers odd methods, content types, broken JSON, GET and oversized bodies as client errors', async () => {
    const query = fc.oneof(
      garbledDocument(names),
      fc.constantFrom('{ serverInfo { version } }', 'mutation { logOut }', '{ me { id } }'),
    );
    const arbitrary = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
          fc.constantFrom(...CONTENT_TYPES),
          fc.oneof(
            fc.constantFrom(...BROKEN_BODIES),
            fc.string({ unit: 'binary', maxLength: 300 }),
            fc.jsonValue().map((v) => JSON.stringify(v)),
          ),
          fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', ''),
        )
        .map(([method, contentType, body, accept]) => ({
          label: `${method} ${contentType} accept=${accept}: ${body.slice(0, 120)}`,
          method,
          path: '/graphql',
          headers: { 'content-type': contentType, accept },
          body,
        })),
      fc
        .tuple(
          query,
          fc.oneof(
            fc.constant(undefined),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.constantFrom('{', 'x', '%00'),
          ),
          fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 })),
        )
        .map(([q, variables, operationName]) => {
          const params = new URLSearchParams({ query: q });
          if (variables !== undefined) params.set('variables', variables);
          if (operationName !== undefined) params.set('operationName', operationName);
          return {
            label: `GET ${params.toString().slice(0, 200)}`,
            method: 'GET',
            path: `/graphql?${params.toString()}`,
            headers: { accept: 'application/graphql-response+json, application/json' },
          };
        }),
      fc
        .tuple(
          fc.constantFrom('/attachments/GRANT', '/attachments/SPEND_ENTRY', '/attachments/x'),
          fc.constantFrom(...ids, 'not-a-uuid', '%00', '..%2F..'),
          fc.constantFrom('a.pdf', '', '%00.pdf', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(2000)),
          fc.constantFrom(...callers),
          fc.string({ unit: 'binary', maxLength: 200 }),
        )
        .map(([base, id, fileName, caller, body]) => ({
          label: `upload ${base}/${id}?fileName=${fileName.slice(0, 40)} as ${caller.label}`,
          method: 'POST',
          path: `${base}/${id}?fileName=${fileName}`,
          headers: { 'content-type': 'application/octet-stream', ...caller.headers },
          body,
        })),
      fc
        .tuple(
          fc.constantFrom(
            '/commons/',
            '/reports/',
            '/attachments/',
            '/downloads/',
            '/commons/feed.atom?tag=',
            '/commons/export.json?programme=',
          ),
          fc.oneof(
            fc.constantFrom(...ids, 'x', '%00', '%E0%A4%A', 'a'.repeat(5000), '..%2F'),
            fc.string({ maxLength: 30 }).map(encodeURIComponent),
          ),
          fc.constantFrom(...callers),
        )
        .map(([base, id, caller]) => {
          const path =
            base.endsWith('/') && !base.startsWith('/commons/')
              ? `${base}${id}/download`
              : `${base}${id}`;
          return {
            label: `GET ${path.slice(0, 120)} as ${caller.label}`,
            method: 'GET',
            path,
            headers: caller.headers,
          };
        }),
      fc.constantFrom<Sent>(
        {
          label: 'a body of 2 MB',
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: '{ serverInfo { version } }',
            variables: { pad: 'x'.repeat(2_000_000) },
          }),
        },
        {
          label: 'a document of 900 kB',
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ ${'serverInfo { version } '.repeat(40_000)} }` }),
        },
        {
          label: 'an admin session without a token',
          method: 'POST',
          path: '/admin/session',
          headers: { 'content-type': 'application/json' },
          body: '{',
        },
        {
          label: 'a GET with a mutation',
          method: 'GET',
          path: `/graphql?query=${encodeURIComponent('mutation { logOut }')}`,
          headers: {},
        },
      ),
    );
    await run(arbitrary, 300, 3_000_000);
    expect(sent).toBeGreaterThanOrEqual(300);
    expectClean();
  });

  it('answers the named cases of client mistakes as client errors with a code', async () => {
    const named: Sent[] = [
      graphqlPost('a syntax error', { query: '{' }),
      graphqlPost('one token over the limit', {
        query: `{ ${'serverInfo { version } '.repeat(1000)} }`,
      }),
      graphqlPost('NUL in signUp', {
        query: 'mutation($i: SignUpInput!) { signUp(input: $i) { email } }',
        variables: {
          i: {
            email: 'a\u0000@example.org',
            password: 'correct horse battery staple',
            displayName: '\u0000',
            language: 'EN',
            organization: { name: '\u0000', kind: 'FUNDER', country: 'DE' },
          },
        },
      }),
      graphqlPost('NUL in logIn', {
        query: 'mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }',
        variables: { i: { email: '\u0000', password: '\u0000' } },
      }),
      graphqlPost('NUL in a search', {
        query: '{ publicLearnings(text: "a\\u0000") { totalCount } }',
      }),
      graphqlPost('many coercion errors', {
        query:
          'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }',
        variables: { input: { url: 'https://example.org', eventTypes: Array(200).fill('NOPE') } },
      }),
      graphqlPost('a mismatched persisted-query hash', {
        query: '{ serverInfo { version } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      }),
      {
        label: 'a body over the limit',
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ serverInfo { version } }',
          variables: { pad: 'x'.repeat(1_100_000) },
        }),
      },
    ];
    for (const [i, request] of named.entries()) await send(request, i);
    expectClean();
  });
});
