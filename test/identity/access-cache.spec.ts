// What a session's access looks like is kept in memory between requests, and every change to it —
// made by this process or by any other, even with plain SQL — reaches the cache as it commits.
import { DataSource, QueryRunner } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Metrics } from '../../src/core/telemetry/metrics';
import { AccessCache, AccessEntry } from '../../src/identity/access/access-cache.service';
import { errorCode as code, errorReason as reason, startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { until } from '../helpers/wait';

const ME = '{ me { person { id } organization { id } roles } }';
const SESSION_READ = /FROM session s\s+JOIN person p/;
const HEARTBEAT_MS = AccessCache.HEARTBEAT_MS;

const query = PostgresQueryRunner.prototype.query;
let accessReads = 0;

describe('access cache', () => {
  let api: TestApi;
  let db: DataSource;
  let cache: AccessCache;
  let metrics: Metrics;

  beforeAll(async () => {
    AccessCache.HEARTBEAT_MS = 1_000;
    PostgresQueryRunner.prototype.query = function (this: QueryRunner, sql: string, ...rest) {
      if (SESSION_READ.test(sql)) accessReads++;
      return query.call(this, sql, ...rest) as never;
    } as typeof query;
    api = await startApi();
    db = api.app.get(DataSource);
    cache = api.app.get(AccessCache);
    metrics = api.app.get(Metrics);
    // The first request starts the listener.
    await (await signUp(api, 'GRANTEE')).gql(ME);
    await until(() => cache.active, 'the access cache to listen');
  });
  afterAll(async () => {
    PostgresQueryRunner.prototype.query = query;
    AccessCache.HEARTBEAT_MS = HEARTBEAT_MS;
    await api.close();
  });
  afterEach(() => jest.restoreAllMocks());

  /** How many times a request reads access from the database. */
  async function readsOf(request: () => Promise<unknown>): Promise<number> {
    const before = accessReads;
    await request();
    return accessReads - before;
  }

  const hits = async () =>
    (await metrics.accessLookups.get()).values.find((v) => v.labels.result === 'hit')?.value ?? 0;
  const listening = async () => (await metrics.accessCacheListening.get()).values[0]?.value;

  /** Requests as `account` until its access is answered from memory. */
  async function kept(account: Account): Promise<Account> {
    await until(
      async () => (await readsOf(() => account.gql(ME))) === 0,
      'the access to be kept',
      5_000,
    );
    return account;
  }

  /** Notifications reach the cache only after `ms`: only what this process does itself is quick. */
  const delayed = new Map<NodeJS.Timeout, () => void>();
  function slowNotifications(ms: number) {
    const hear = (cache as unknown as { hear: (payload?: string) => void }).hear.bind(cache);
    jest
      .spyOn(cache as unknown as { hear: (payload?: string) => void }, 'hear')
      .mockImplementation((payload) => {
        const deliver = () => hear(payload);
        const timer = setTimeout(() => delayed.delete(timer) && deliver(), ms);
        delayed.set(timer, deliver);
      });
  }
  // What was held back is delivered when the test ends, so it cannot reach the next test.
  afterEach(() => {
    for (const [timer, deliver] of delayed) {
      clearTimeout(timer);
      deliver();
    }
    delayed.clear();
  });

  it('asks the database about a session once, not on every request', async () => {
    const account = await kept(await signUp(api, 'GRANTEE'));
    const hitsBefore = await hits();
    for (let i = 0; i < 3; i++) expect(await readsOf(() => account.gql(ME))).toBe(0);
    // Operators see it in the metrics.
    expect((await hits()) - hitsBefore).toBe(3);
    expect(await listening()).toBe(1);
    // Naming an organisation one does not belong to answers NOT_FOUND, and is asked again each
    // time: any id can be named, and those must not crowd out the sessions kept.
    const other = await signUp(api, 'FUNDER');
    const asOther = () => account.gql(ME, undefined, { 'x-organization-id': other.organizationId });
    for (let i = 0; i < 2; i++) {
      let res: Awaited<ReturnType<typeof asOther>> | undefined;
      expect(await readsOf(async () => (res = await asOther()))).toBe(1);
      expect(code(res!)).toBe('NOT_FOUND');
    }
  });

  it("applies this process's own changes on the very next request, before any notification", async () => {
    const owner = await kept(await signUp(api, 'FUNDER'));
    const reviewer = await kept(await addMember(api, owner, 'REVIEWER'));
    const leaver = await kept(await signUp(api, 'GRANTEE'));
    const membershipOf = async (who: Account) =>
      (
        await db.query<{ id: string }[]>(
          `SELECT id FROM membership WHERE person_id = $1 AND organization_id = $2`,
          [who.personId, owner.organizationId],
        )
      )[0]!.id;
    slowNotifications(3_000);

    const changed = await owner.gql(
      `mutation($id: ID!) { changeMemberRole(membershipId: $id, role: FINANCE) { role } }`,
      { id: await membershipOf(reviewer) },
    );
    expect(changed.errors).toBeUndefined();
    expect((await reviewer.gql(ME)).data.me.roles).toEqual(['FINANCE']);

    expect(await readsOf(() => owner.gql(ME))).toBe(0);
    const updated = await owner.gql(
      `mutation { updateOrganization(input: { formOfAddress: DU }) { formOfAddress } }`,
    );
    expect(updated.errors).toBeUndefined();
    expect(await readsOf(() => owner.gql(ME))).toBe(1);

    const removed = await owner.gql(
      `mutation($id: ID!) { removeMember(membershipId: $id) { id } }`,
      { id: await membershipOf(reviewer) },
    );
    expect(removed.errors).toBeUndefined();
    expect(code(await reviewer.gql(ME))).toBe('NOT_FOUND');

    expect(await readsOf(() => leaver.gql(ME))).toBe(0);
    expect((await leaver.gql('mutation { logOut }')).errors).toBeUndefined();
    expect(reason(await leaver.gql(ME))).toBe('SESSION_ENDED');
  });

  it('hears a session ended by another process (plain SQL, no API involved)', async () => {
    const account = await kept(await signUp(api, 'GRANTEE'));
    await db.query(`UPDATE session SET revoked_at = now() WHERE person_id = $1`, [
      account.personId,
    ]);
    // The notification travels on its own connection: allow it a moment, not the cache's minute.
    await until(
      async () => reason(await account.gql(ME)) === 'SESSION_ENDED',
      'the revoked session to be refused',
      2_000,
    );
  });

  it('hears a role changed by another process, and an organisation changed', async () => {
    const owner = await kept(await signUp(api, 'FUNDER'));
    const reviewer = await kept(await addMember(api, owner, 'REVIEWER'));
    await db.query(`UPDATE membership SET role = 'FINANCE' WHERE person_id = $1`, [
      reviewer.personId,
    ]);
    await until(
      async () => (await reviewer.gql(ME)).data.me.roles[0] === 'FINANCE',
      'the new role',
      2_000,
    );
    // A change to the organisation evicts all its members' entries.
    await kept(owner);
    await db.query(`UPDATE organization SET form_of_address = 'DU' WHERE id = $1`, [
      owner.organizationId,
    ]);
    await until(async () => (await readsOf(() => owner.gql(ME))) === 1, 'the owner re-read', 2_000);
  });

  it('keeps nothing while it cannot listen, and listens again', async () => {
    const account = await kept(await signUp(api, 'GRANTEE'));
    const killed = await db.query<{ pid: number }[]>(
      `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'meilenstein access cache'`,
    );
    expect(killed).toHaveLength(1);
    await until(() => !cache.active, 'the listener to be missed');
    expect(await listening()).toBe(0);
    // Ended while nobody listened: its notification reaches no one, and nothing kept answers.
    await db.query(`UPDATE session SET revoked_at = now() WHERE person_id = $1`, [
      account.personId,
    ]);
    expect(reason(await account.gql(ME))).toBe('SESSION_ENDED');
    await until(() => cache.active, 'the listener to come back', 10_000);
    expect(await listening()).toBe(1);
    await kept(await signUp(api, 'GRANTEE'));
  });

  it('stops answering from memory when its heartbeat goes unheard, and reconnects', async () => {
    const account = await kept(await signUp(api, 'GRANTEE'));
    // The connection goes silent without closing (a dropped NAT entry, say): nothing arrives.
    jest
      .spyOn(cache as unknown as { hear: (payload?: string) => void }, 'hear')
      .mockImplementation(() => undefined);
    await until(() => !cache.active, 'the silence to be noticed', 2_500);
    expect(await readsOf(() => account.gql(ME))).toBe(1);
    jest.restoreAllMocks();
    // The silent listener is replaced by a new one, and access is kept again.
    await until(() => cache.active, 'a new listener', 10_000);
    await kept(account);
  });

  it('does not keep an answer read while a change arrived, nor one of a person just changed here', async () => {
    await until(() => cache.active, 'the access cache to listen');
    const entry = (personId: string): AccessEntry<object> => ({
      row: { live: true },
      personId,
      organizationId: null,
      sessionEndsAt: Date.now() + 60_000,
      keep: true,
    });
    const read = jest.fn(async () => {
      // Another process changes what is being read, and its notification arrives meanwhile.
      const before = cache.changesHeard;
      await db.query(`SELECT pg_notify('access_changed', 'p:someone-else')`);
      await until(() => cache.changesHeard > before, 'the notification');
      return entry('a person');
    });
    await cache.get('a key', read);
    await cache.get('a key', read);
    expect(read).toHaveBeenCalledTimes(2);

    cache.forget({ personId: 'a changed person' });
    const changed = jest.fn(async () => entry('a changed person'));
    await cache.get('a changed key', changed);
    await cache.get('a changed key', changed);
    expect(changed).toHaveBeenCalledTimes(2);

    // Read undisturbed, the same answer is kept.
    const quiet = jest.fn(async () => entry('a quiet person'));
    await cache.get('a quiet key', quiet);
    await cache.get('a quiet key', quiet);
    expect(quiet).toHaveBeenCalledTimes(1);
  });

  it('forgets everything when one of its tables is truncated', async () => {
    const account = await kept(await signUp(api, 'FUNDER'));
    await db.query(`TRUNCATE membership`);
    await until(
      async () => code(await account.gql(ME)) === 'NOT_FOUND',
      'the membership to be gone',
      2_000,
    );
  });
});
