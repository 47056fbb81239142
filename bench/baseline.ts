// The bench's raw baseline: node:http + pg, no framework, answering the bench's three GraphQL
// operations with hand-written SQL. It checks the access token as the API does (HS256 signature,
// expiry, a live session of a person, the membership of the organisation asked for) and answers
// byte-identical JSON, so the ratio API / baseline is the price of everything the API adds.
// Started by bench/run.ts as a process of its own: `ts-node -T bench/baseline.ts` with
// DATABASE_URL, AUTH_TOKEN_SECRET and PORT in the environment; prints `listening <port>`.
import { createHmac, createSecretKey, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { LIST, MOVE, SINGLE } from './operations';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const key = createSecretKey(Buffer.from(process.env.AUTH_TOKEN_SECRET ?? '', 'utf8'));

interface Caller {
  personId: string;
  organizationId: string;
  kind: string;
  role: string;
}

class Refusal extends Error {}

function verifyJwt(token: string): { sub: string; sid: string } {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) throw new Refusal('malformed token');
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new Refusal('bad signature');
  const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg: string };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    sub: string;
    sid: string;
    typ: string;
    exp: number;
  };
  if (alg !== 'HS256' || claims.typ !== 'access' || claims.exp * 1000 <= Date.now())
    throw new Refusal('token refused');
  return claims;
}

// BENCH_BASELINE_ACCESS_CACHE=on keeps each session's caller in memory, as the API does (without
// its invalidation, so at the baseline's best): the price of the API with that work taken off both.
const callers = process.env.BENCH_BASELINE_ACCESS_CACHE === 'on' ? new Map<string, Caller>() : null;

async function authenticate(req: IncomingMessage): Promise<Caller> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) throw new Refusal('no token');
  const claims = verifyJwt(match[1]!);
  const header = req.headers['x-organization-id'];
  const key = `${claims.sid} ${claims.sub} ${typeof header === 'string' ? header : ''}`;
  const kept = callers?.get(key);
  if (kept) return kept;
  const { rows } = await pool.query<{ organization_id: string; kind: string; role: string }>(
    `SELECT m.organization_id, o.kind, m.role
       FROM session s
       JOIN person p ON p.id = s.person_id AND p.anonymized_at IS NULL
       JOIN membership m ON m.person_id = s.person_id
                        AND m.organization_id = coalesce($3::uuid, s.organization_id)
       JOIN organization o ON o.id = m.organization_id
      WHERE s.id = $1 AND s.person_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [claims.sid, claims.sub, typeof header === 'string' ? header : null],
  );
  if (!rows[0]) throw new Refusal('no session');
  const caller = {
    personId: claims.sub,
    organizationId: rows[0].organization_id,
    kind: rows[0].kind,
    role: rows[0].role,
  };
  callers?.set(key, caller);
  return caller;
}

const money = (minor: string, currency: string) => ({ amount: Number(minor), currency });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function single(caller: Caller, vars: { id: string }): Promise<unknown> {
  const { rows } = await pool.query(
    `SELECT id, reference, title, status, currency, start_date::text AS start_date,
            end_date::text AS end_date, awarded_amount_minor::text AS awarded
       FROM "grant" WHERE id = $1 AND (funder_organization_id = $2 OR grantee_organization_id = $2)`,
    [vars.id, caller.organizationId],
  );
  const g = rows[0];
  if (!g) throw new Refusal('not found');
  return {
    grant: {
      id: g.id,
      reference: g.reference,
      title: g.title,
      status: g.status,
      currency: g.currency,
      startDate: g.start_date,
      endDate: g.end_date,
      awardedAmount: money(g.awarded, g.currency),
    },
  };
}

function groupBy<T extends Record<string, unknown>>(rows: T[], key: keyof T): Map<unknown, T[]> {
  const out = new Map<unknown, T[]>();
  for (const row of rows) {
    const list = out.get(row[key]);
    if (list) list.push(row);
    else out.set(row[key], [row]);
  }
  return out;
}

async function list(caller: Caller, vars: { first: number }): Promise<unknown> {
  const { rows: grants } = await pool.query(
    `SELECT id, reference, title, status, currency, start_date::text AS start_date,
            end_date::text AS end_date, awarded_amount_minor::text AS awarded, created_at
       FROM "grant" g WHERE funder_organization_id = $1 OR grantee_organization_id = $1
      ORDER BY date_trunc('milliseconds', g.created_at) DESC, g.id DESC LIMIT $2`,
    [caller.organizationId, vars.first + 1],
  );
  const page = grants.slice(0, vars.first);
  const ids = page.map((g) => g.id as string);
  const [lines, tranches, sprints] = await Promise.all([
    pool.query(
      `SELECT id, grant_id, position, category, name, currency, original_amount_minor::text AS original
         FROM budget_line WHERE grant_id = ANY($1) ORDER BY position`,
      [ids],
    ),
    pool.query(
      `SELECT id, grant_id, number, kind, status, currency, amount_minor::text AS amount, released_at
         FROM tranche WHERE grant_id = ANY($1) ORDER BY number`,
      [ids],
    ),
    pool.query(
      `SELECT id, grant_id, number, goal, status, start_date::text AS start_date, end_date::text AS end_date
         FROM sprint WHERE grant_id = ANY($1) ORDER BY number`,
      [ids],
    ),
  ]);
  const milestones = await pool.query(
    `SELECT id, sprint_id, position, title FROM milestone WHERE sprint_id = ANY($1) ORDER BY position`,
    [sprints.rows.map((s) => s.id as string)],
  );
  const linesOf = groupBy(lines.rows, 'grant_id');
  const tranchesOf = groupBy(tranches.rows, 'grant_id');
  const sprintsOf = groupBy(sprints.rows, 'grant_id');
  const milestonesOf = groupBy(milestones.rows, 'sprint_id');
  const last = page[page.length - 1];
  return {
    grants: {
      nodes: page.map((g) => ({
        id: g.id,
        reference: g.reference,
        title: g.title,
        status: g.status,
        startDate: g.start_date,
        endDate: g.end_date,
        awardedAmount: money(g.awarded, g.currency),
        budgetLines: (linesOf.get(g.id) ?? []).map((l) => ({
          id: l.id,
          position: l.position,
          category: l.category,
          name: l.name,
          originalAmount: money(l.original as string, l.currency as string),
        })),
        tranches: (tranchesOf.get(g.id) ?? []).map((t) => ({
          id: t.id,
          number: t.number,
          kind: t.kind,
          status: t.status,
          amount: money(t.amount as string, t.currency as string),
          releasedAt: iso(t.released_at as Date | null),
        })),
        sprints: (sprintsOf.get(g.id) ?? []).map((s) => ({
          id: s.id,
          number: s.number,
          goal: s.goal,
          status: s.status,
          startDate: s.start_date,
          endDate: s.end_date,
          milestones: (milestonesOf.get(s.id) ?? []).map((m) => ({
            id: m.id,
            position: m.position,
            title: m.title,
          })),
        })),
      })),
      pageInfo: {
        hasNextPage: grants.length > vars.first,
        endCursor: last
          ? Buffer.from(
              JSON.stringify([(last.created_at as Date).toISOString(), last.id]),
            ).toString('base64url')
          : null,
      },
    },
  };
}

/**
 * requestReallocation as one statement: lock the grant, check the caller's side, the lines, the
 * balances and the tolerance, then write the move, both lines, the two ledger entries, the
 * webhook outbox row, the notify and the audit row. A statement is its own transaction.
 */
async function move(
  caller: Caller,
  vars: {
    i: {
      grantId: string;
      fromLineId: string;
      toLineId: string;
      amount: { amount: number; currency: string };
      reason: string;
    };
  },
): Promise<unknown> {
  const { grantId, fromLineId, toLineId, amount, reason } = vars.i;
  const { rows } = await pool.query<{ id: string; status: string }>(
    `WITH g AS (
       SELECT g.id, g.currency, g.funder_organization_id, g.grantee_organization_id,
              (p.reallocation_policy ->> 'tolerancePercent')::numeric AS tolerance
         FROM "grant" g JOIN programme p ON p.id = g.programme_id
        WHERE g.id = $1 AND g.grantee_organization_id = $2 AND g.status = 'ACTIVE' FOR UPDATE OF g),
     f AS (SELECT l.* FROM budget_line l, g WHERE l.id = $3 AND l.grant_id = g.id),
     t AS (SELECT l.* FROM budget_line l, g WHERE l.id = $4 AND l.grant_id = g.id),
     ok AS (
       SELECT g.*, f.name AS from_name, t.name AS to_name FROM g, f, t
        WHERE $3 <> $4 AND $5::bigint > 0 AND f.allocated_minor - $5 >= f.spent_minor
          AND (t.allocated_minor + $5) * 100 <= t.original_amount_minor * (100 + g.tolerance)),
     r AS (
       INSERT INTO reallocation (grant_id, from_line_id, to_line_id, amount_minor, currency, reason,
                                 status, within_tolerance, requested_by_id)
       SELECT id, $3, $4, $5, currency, $6, 'APPLIED', true, $7 FROM ok
       RETURNING id, status, grant_id, currency, created_at),
     u AS (
       UPDATE budget_line l SET allocated_minor = l.allocated_minor
                                + CASE WHEN l.id = $4 THEN $5::bigint ELSE -$5::bigint END
         FROM r WHERE l.id IN ($3, $4) RETURNING l.id),
     le AS (
       INSERT INTO ledger_entry (grant_id, movement_id, kind, account, amount_minor, currency,
                                 source_id, memo, actor_person_id)
       SELECT r.grant_id, $8, 'REALLOCATION', 'line:' || e.line, e.amount, r.currency, r.id,
              ok.from_name || ' → ' || ok.to_name, $7
         FROM r, ok, (VALUES ($3::uuid, -$5::bigint), ($4::uuid, $5::bigint)) e(line, amount)
       RETURNING id),
     ob AS (
       INSERT INTO outbox_event (job_name, payload, organization_id)
       SELECT 'webhooks.fanout', jsonb_build_object('eventId', gen_random_uuid(), 'type',
              'reallocation.requested', 'occurredAt', now(), 'organizationIds',
              jsonb_build_array(ok.funder_organization_id, ok.grantee_organization_id), 'data',
              jsonb_build_object('grantId', r.grant_id, 'reallocationId', r.id, 'status', r.status)),
              NULL
         FROM r, ok RETURNING pg_notify('meilenstein_outbox', '')),
     a AS (
       INSERT INTO audit_event (organization_id, actor_user_id, actor_kind, action, subject_type,
                                subject_id, after)
       SELECT ok.grantee_organization_id, $7, 'user', 'reallocation.applied', 'Reallocation', r.id,
              to_jsonb(r) FROM r, ok RETURNING id)
     SELECT r.id, r.status, (SELECT count(*) FROM u) + (SELECT count(*) FROM le)
            + (SELECT count(*) FROM ob) + (SELECT count(*) FROM a) AS written FROM r`,
    [
      grantId,
      caller.organizationId,
      fromLineId,
      toLineId,
      String(amount.amount),
      reason,
      caller.personId,
      randomUUID(),
    ],
  );
  if (!rows[0]) throw new Refusal('refused');
  return { requestReallocation: { id: rows[0].id, status: rows[0].status } };
}

const handlers: Record<string, (caller: Caller, vars: never) => Promise<unknown>> = {
  [SINGLE]: single,
  [LIST]: list,
  [MOVE]: move,
};

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString()) as {
          query: string;
          variables: never;
        };
        const handler = handlers[query];
        if (!handler) throw new Refusal('unknown operation');
        const caller = await authenticate(req);
        // Apollo ends its JSON with a newline; so does the baseline, byte for byte.
        send(res, 200, `${JSON.stringify({ data: await handler(caller, variables) })}\n`);
      } catch (error) {
        send(res, 400, JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      }
    })();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
