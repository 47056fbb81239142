// Dead letters through the API, for platform administrators only: a bounded, paginated list
// (unresolved unless asked) and running one again at the worker's next sweep, audited.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeadLetterService } from '../../src/core/queue/dead-letter.service';
import { startApi, TestApi } from '../helpers/api';
import { Account, createApiKey, logIn, signUp } from '../helpers/identity';

const LIST = `query($first: Int, $after: String, $all: Boolean) {
  deadLetters(first: $first, after: $after, includeResolved: $all) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id jobName payload attempts retries lastError nextRetryAt resolvedAt }
  }
}`;
const RETRY = `mutation($id: ID!) { retryDeadLetter(deadLetterId: $id) { id nextRetryAt retries } }`;

describe('dead letters through the API', () => {
  let api: TestApi;
  let admin: Account;
  let person: Account;
  let db: DataSource;
  const ids: string[] = [];
  let resolved: string;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    const operator = await signUp(api, 'FUNDER');
    await db.query('UPDATE person SET platform_admin = true WHERE id = $1', [operator.personId]);
    admin = await logIn(api, operator.email, operator.password);
    person = await signUp(api, 'FUNDER');
    // Three unresolved and one resolved, as the worker records them (oldest first).
    const later = new Date(Date.now() + 3_600_000);
    for (const [i, resolvedAt] of [null, null, null, new Date()].entries()) {
      const [row] = await db.query(
        `INSERT INTO dead_letter (queue, job_name, job_id, payload, last_error, attempts, failed_at,
                                  next_retry_at, resolved_at, created_at)
         VALUES ('webhooks', 'webhooks.deliver', $1, $2, 'connect ECONNREFUSED', 24,
                 now(), $3, $4, now() - make_interval(mins => $5))
         RETURNING id`,
        [randomUUID(), { deliveryId: randomUUID() }, later, resolvedAt, 10 - i],
      );
      if (resolvedAt) resolved = row.id;
      else ids.push(row.id);
    }
  });
  afterAll(() => api.close());

  it('refuses everyone but platform administrators', async () => {
    const key = await createApiKey(person, ['WRITE']);
    const asKey = (q: string, v: Record<string, unknown>) => api.gql(q, v, { token: key });
    for (const [call, code] of [
      [(q: string, v: Record<string, unknown>) => api.gql(q, v), 'UNAUTHENTICATED'],
      [person.gql, 'FORBIDDEN'],
      [asKey, 'FORBIDDEN'],
    ] as const) {
      const list = await call(LIST, {});
      expect({ code: list.errors?.[0]?.extensions?.code, data: list.data }).toEqual({
        code,
        data: null,
      });
      const retry = await call(RETRY, { id: ids[0] });
      expect(retry.errors?.[0]?.extensions?.code).toBe(code);
    }
    const [row] = await db.query('SELECT next_retry_at FROM dead_letter WHERE id = $1', [ids[0]]);
    expect(row.next_retry_at.getTime()).toBeGreaterThan(Date.now());
  });

  it('lists unresolved dead letters newest first, a page at a time; resolved ones on request', async () => {
    const first = await admin.gql(LIST, { first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data.deadLetters;
    expect(page.totalCount).toBe(3);
    expect(page.nodes.map((n: any) => n.id)).toEqual([ids[2], ids[1]]);
    expect(page.nodes[0]).toMatchObject({
      jobName: 'webhooks.deliver',
      attempts: 24,
      lastError: 'connect ECONNREFUSED',
      resolvedAt: null,
    });
    expect(Object.keys(page.nodes[0].payload)).toEqual(['deliveryId']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await admin.gql(LIST, { first: 2, after: page.pageInfo.endCursor });
    expect(second.data.deadLetters.nodes.map((n: any) => n.id)).toEqual([ids[0]]);
    expect(second.data.deadLetters.pageInfo.hasNextPage).toBe(false);
    const all = await admin.gql(LIST, { first: 10, all: true });
    expect(all.data.deadLetters.totalCount).toBe(4);
    expect(all.data.deadLetters.nodes.map((n: any) => n.id)).toContain(resolved);
    const tooMany = await admin.gql(LIST, { first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs one again at the next sweep, audited; a resolved or unknown one is refused', async () => {
    const retried = await admin.gql(RETRY, { id: ids[0] });
    expect(retried.errors).toBeUndefined();
    expect(new Date(retried.data.retryDeadLetter.nextRetryAt).getTime()).toBeLessThanOrEqual(
      Date.now(),
    );
    const audit = await db.query(
      `SELECT actor_user_id, organization_id FROM audit_event
        WHERE action = 'dead-letter.retry-requested' AND subject_id = $1`,
      [ids[0]],
    );
    expect(audit).toEqual([{ actor_user_id: admin.personId, organization_id: null }]);
    // The sweeper picks it up (and only it: the others are not due).
    const swept = await api.app.get(DeadLetterService).retryDue();
    expect(swept).toEqual({ retried: 1 });
    const [row] = await db.query('SELECT retries FROM dead_letter WHERE id = $1', [ids[0]]);
    expect(row.retries).toBe(1);

    const again = await admin.gql(RETRY, { id: resolved });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'DEAD_LETTER_RESOLVED',
    });
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const unknown = await admin.gql(RETRY, { id });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'dead-letter.retry-requested'`,
    );
    expect(n).toBe(1);
  });
});
