// What a session's access looks like is kept in memory between requests, and every change to it —
// made by this process or by any other, even with plain SQL — reaches the cache as it commits.
import { DataSource, QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { AccessCache } from '../../src/identity/access/access-cache.service';
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { until } from '../helpers/wait';

const ME = '{ me { person { id } organization { id } roles } }';
const SESSION_READ = /FROM session s\s+JOIN person p/;

const query = PostgresQueryRunner.prototype.query;
let accessReads = 0;

const code = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.code;
const reason = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  res.errors?.[0]?.extensions?.reason;

describe('access cache', () => {
  let api: TestApi;
  let db: DataSource;
  let cache: AccessCache;

  beforeAll(async () => {
    PostgresQueryRunner.prototype.query = function (this: QueryRunner, sql: string, ...rest) {
      if (SESSION_READ.test(sql)) accessReads++;
      return query.call(this, sql, ...rest) as never;
    } as typeof query;
    api = await startApi();
    db = api.app.get(DataSource);
    cache = api.app.get(AccessCache);
  });
  afterAll(async () => {
    PostgresQueryRunner.prototype.query = query;
    await api.close();
  });

  /** Signs up and makes sure the next request's access is kept. */
  async function keptAccount(kind: 'FUNDER' | 'GRANTEE' = 'GRANTEE'): Promise<Account> {
    const account = await signUp(api, kind);
    expect((await account.gql(ME)).errors).toBeUndefined();
    await until(() => cache.active, 'the access cache to listen');
    expect((await account.gql(ME)).errors).toBeUndefined();
    return account;
  }

  /** How many times the next request reads access from the database. */
  async function readsOf(request: () => Promise<unknown>): Promise<number> {
    const before = accessReads;
    await request();
    return accessReads - before;
  }

  it('asks the database about a session once, not on every request', async () => {
    const account = await keptAccount();
    for (let i = 0; i < 3; i++) expect(await readsOf(() => account.gql(ME))).toBe(0);
    // Another organisation asked for is its own entry (and answers NOT_FOUND, as before).
    const other = await signUp(api, 'FUNDER');
    const asOther = () => account.gql(ME, undefined, { 'x-organization-id': other.organizationId });
    expect(code(await asOther())).toBe('NOT_FOUND');
    expect(code(await asOther())).toBe('NOT_FOUND');
  });

  it('ends a signed-out session on its very next request', async () => {
    const account = await keptAccount();
    const out = await account.gql('mutation { logOut }');
    expect(out.errors).toBeUndefined();
    const res = await account.gql(ME);
    expect(reason(res)).toBe('SESSION_ENDED');
  });

  it('hears a session ended by another process (plain SQL, no API involved)', async () => {
    const account = await keptAccount();
    const [{ sid }] = await db.query<{ sid: string }[]>(
      `SELECT id AS sid FROM session WHERE person_id = $1`,
      [account.personId],
    );
    await db.query(`UPDATE session SET revoked_at = now() WHERE id = $1`, [sid]);
    // The notification travels on its own connection: allow it a moment, not the cache's minute.
    await until(
      async () => reason(await account.gql(ME)) === 'SESSION_ENDED',
      'the revoked session to be refused',
      2_000,
    );
  });

  it('hears a role changed by another process, and an organisation changed', async () => {
    const owner = await keptAccount('FUNDER');
    const reviewer = await addMember(api, owner, 'REVIEWER');
    expect((await reviewer.gql(ME)).data.me.roles).toEqual(['REVIEWER']);
    expect((await reviewer.gql(ME)).data.me.roles).toEqual(['REVIEWER']);
    await db.query(`UPDATE membership SET role = 'FINANCE' WHERE person_id = $1`, [
      reviewer.personId,
    ]);
    await until(
      async () => (await reviewer.gql(ME)).data.me.roles[0] === 'FINANCE',
      'the new role',
      2_000,
    );
    // A change to the organisation evicts all its members' entries.
    expect(await readsOf(() => owner.gql(ME))).toBe(0);
    await db.query(`UPDATE organization SET form_of_address = 'DU' WHERE id = $1`, [
      owner.organizationId,
    ]);
    await until(async () => (await readsOf(() => owner.gql(ME))) === 1, 'the owner re-read', 2_000);
  });

  it('keeps nothing while it cannot listen, and listens again', async () => {
    const account = await keptAccount();
    const killed = await db.query<{ pid: number }[]>(
      `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
        WHERE datname = current_database() AND query = 'LISTEN access_changed'`,
    );
    expect(killed).toHaveLength(1);
    await until(() => !cache.active, 'the listener to be missed');
    // Ended while nobody listened: its notification reaches no one, and nothing kept answers.
    await db.query(`UPDATE session SET revoked_at = now() WHERE person_id = $1`, [
      account.personId,
    ]);
    expect(reason(await account.gql(ME))).toBe('SESSION_ENDED');
    await until(() => cache.active, 'the listener to come back', 5_000);
    const again = await keptAccount();
    expect(await readsOf(() => again.gql(ME))).toBe(0);
  });

  it('does not keep an answer read while a change to it arrived', async () => {
    await until(() => cache.active, 'the access cache to listen');
    const entry = {
      row: { live: true },
      personId: 'p',
      organizationId: null,
      sessionEndsAt: Date.now() + 60_000,
    };
    const read = jest.fn(async () => {
      // Another process changes what is being read, and its notification arrives meanwhile.
      await db.query(`SELECT pg_notify('access_changed', 'p:someone-else')`);
      await new Promise((r) => setTimeout(r, 300));
      return entry;
    });
    await cache.get('a key', read);
    await cache.get('a key', read);
    expect(read).toHaveBeenCalledTimes(2);
    // Read undisturbed, the same answer is kept.
    const quiet = jest.fn(async () => entry);
    await cache.get('another key', quiet);
    await cache.get('another key', quiet);
    expect(quiet).toHaveBeenCalledTimes(1);
  });
});
