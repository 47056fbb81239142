// What a session's access looks like (session live, person, membership and organisation), kept in
// memory so that a request does not ask the database for it each time.
//
// It is trusted only while this process demonstrably listens to PostgreSQL's `access_changed`
// channel: triggers on session, person, membership and organization notify it of every change that
// matters, in the changing transaction, so every API process forgets the person's (or
// organisation's) entries as the change commits. A heartbeat sent through the pool every few
// seconds must come back on the listening connection; when it does not (a connection dropped
// without a word), nothing is answered from memory and the listener is replaced.
//
// The identity services also `forget` in their own transaction: the entries go at once, and nothing
// is kept for that person or organisation until the change's notification arrives (or a few
// seconds pass), so their next request to this process reads what was committed even when the
// notification is slow. An answer read while any
// change arrived is not kept either. ACCESS_CACHE_TTL_MS bounds how long an entry lives.
import { AsyncResource } from 'node:async_hooks';
import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Client } from 'pg';
import { AppConfig } from '../../core/config/app-config.service';
import { RequestContext } from '../../core/context/request-context';
import { Database } from '../../core/database/database.service';
import { Metrics } from '../../core/telemetry/metrics';

export const ACCESS_CHANNEL = 'access_changed';

const MAX_ENTRIES = 10_000;

export interface AccessEntry<Row> {
  row: Row;
  personId: string;
  organizationId: string | null;
  /** When the session ends (ms since the epoch, on this process's clock): not answered after. */
  sessionEndsAt: number;
  /** False for answers that must be read again each time (an ended session, say). */
  keep: boolean;
}

@Injectable()
export class AccessCache<Row extends object = object> implements OnModuleDestroy {
  /** How often the heartbeat goes round; nothing is answered from memory once two are missed. */
  static HEARTBEAT_MS = 5_000;
  /**
   * How long nothing is kept for a person or organisation after this process changed it, unless
   * its notification arrives first (a transaction that rolls back sends none).
   */
  static SETTLE_MS = 5_000;

  private readonly logger = new Logger(AccessCache.name);
  private readonly entries: LRUCache<string, AccessEntry<Row>> | undefined;
  /** Person (`p:`) and organisation (`o:`) ids changed here lately; each expires by itself. */
  private readonly settling = new LRUCache<string, true>({
    ttl: AccessCache.SETTLE_MS,
    ttlAutopurge: true,
  });
  /** Counts the changes heard: an answer read across one is not kept. */
  private generation = 0;
  private heardAt = 0;
  private changes = 0;
  private listener: Client | undefined;
  private listening = false;
  private started = false;
  private starting = false;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /**
   * Starts the listener in the context the service was made in, not in the first request's: its
   * log lines and heartbeats belong to no request or trace.
   */
  private readonly startListening = AsyncResource.bind(() => this.listen());

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    // Absent in the command-line tools, which answer no requests.
    @Optional() private readonly metrics?: Metrics,
  ) {
    const ttl = config.get('ACCESS_CACHE_TTL_MS');
    this.entries = ttl > 0 ? new LRUCache({ max: MAX_ENTRIES, ttl }) : undefined;
  }

  /** Whether entries are answered now: listening, and the last heartbeat came back in time. */
  get active(): boolean {
    return (
      this.entries !== undefined &&
      this.listening &&
      Date.now() - this.heardAt < 2 * AccessCache.HEARTBEAT_MS
    );
  }

  /** Changes heard from the database since start (heartbeats not counted). */
  get changesHeard(): number {
    return this.changes;
  }

  /**
   * The row for `key` while it can be trusted; otherwise `load` reads it, and it is kept when it
   * may be.
   */
  async get(
    key: string,
    load: () => Promise<AccessEntry<Row> | undefined>,
  ): Promise<Row | undefined> {
    if (!this.entries) return (await load())?.row;
    if (!this.started) {
      // The first request starts the listener (processes that answer none, like the worker, never do).
      this.started = true;
      this.startListening();
    }
    if (this.active) {
      const kept = this.entries.get(key);
      if (kept && kept.sessionEndsAt > Date.now()) {
        this.metrics?.accessLookups.inc({ result: 'hit' });
        return kept.row;
      }
    }
    this.metrics?.accessLookups.inc({ result: 'miss' });
    const generation = this.generation;
    const entry = await load();
    if (
      entry?.keep &&
      this.active &&
      generation === this.generation &&
      entry.sessionEndsAt > Date.now() &&
      !this.settling.has(`p:${entry.personId}`) &&
      !(entry.organizationId && this.settling.has(`o:${entry.organizationId}`))
    )
      this.entries.set(key, entry);
    return entry?.row;
  }

  /**
   * Forgets what is kept for a person or an organisation (all its members' entries), and keeps
   * nothing new for it for a few seconds: called by the transaction that changes it.
   */
  forget(change: { personId?: string; organizationId?: string }): void {
    if (change.personId) this.settling.set(`p:${change.personId}`, true);
    if (change.organizationId) this.settling.set(`o:${change.organizationId}`, true);
    this.evict(change);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.dropAll();
    this.settling.clear();
    const listener = this.listener;
    this.listener = undefined;
    this.listening = false;
    await listener?.end().catch(() => undefined);
  }

  private evict(change: { personId?: string; organizationId?: string }): void {
    this.generation++;
    if (!this.entries?.size) return;
    for (const [key, entry] of this.entries.entries()) {
      if (
        (change.personId && entry.personId === change.personId) ||
        (change.organizationId && entry.organizationId === change.organizationId)
      )
        this.entries.delete(key);
    }
  }

  /**
   * A notification's payload: `p:<person id>`, `o:<organisation id>`, `ping` (a heartbeat, any
   * process's) or `*` (a table was truncated); anything else drops all to be safe.
   */
  private hear(payload: string | undefined): void {
    this.heardAt = Date.now();
    const [kind, id] = (payload ?? '').split(':');
    if (kind === 'ping') return;
    this.changes++;
    if ((kind === 'p' || kind === 'o') && id) {
      this.evict(kind === 'p' ? { personId: id } : { organizationId: id });
      // The change committed: what is read from now on is what it left.
      this.settling.delete(`${kind}:${id}`);
    } else this.dropAll();
  }

  private dropAll(): void {
    this.generation++;
    this.entries?.clear();
  }

  private beat(): void {
    this.metrics?.accessCacheListening.set(this.active ? 1 : 0);
    if (!this.listening) return;
    if (Date.now() - this.heardAt > 3 * AccessCache.HEARTBEAT_MS) {
      // Nothing heard for three heartbeats: the connection is gone without a word. Replace it.
      this.logger.warn('access cache listener stopped hearing its heartbeat; reconnecting');
      void this.listener?.end().catch(() => undefined);
      return;
    }
    this.db
      .manager(RequestContext.system('access cache heartbeat'))
      .query(`SELECT pg_notify($1, $2)`, [ACCESS_CHANNEL, 'ping'])
      .catch(() => undefined);
  }

  private listen(): void {
    if (this.starting || this.listening || this.stopped) return;
    clearTimeout(this.retry);
    this.starting = true;
    const client = new Client({
      connectionString: this.config.get('DATABASE_URL'),
      application_name: 'meilenstein access cache',
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    let gone = false;
    const lost = (reason: string) => {
      if (gone) return;
      gone = true;
      // A client already replaced (its late 'end', say) concerns nobody.
      if (this.listener !== undefined && this.listener !== client) return;
      const wasListening = this.listener === client && this.listening;
      if (this.listener === client) {
        // Changes may be missed from now on: keep nothing until listening again.
        this.listening = false;
        this.listener = undefined;
        clearInterval(this.heartbeat);
        this.metrics?.accessCacheListening.set(0);
      }
      this.dropAll();
      if (this.stopped) return;
      if (wasListening || this.failures === 0)
        this.logger.warn(`access cache listener lost (${reason}); not keeping access meanwhile`);
      // 1 s, 2 s, 4 s … up to 30 s, each with up to a quarter more, so processes do not retry in step.
      const pause = Math.min(1_000 * 2 ** this.failures, 30_000);
      this.failures++;
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.listen(), pause + Math.random() * pause * 0.25);
      this.retry.unref();
    };
    client.on('notification', (message) => this.hear(message.payload));
    client.on('error', (error: Error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    this.listener = client;
    client
      .connect()
      .then(() => client.query(`LISTEN ${ACCESS_CHANNEL}`))
      .then(() => {
        if (this.stopped || this.listener !== client) return client.end();
        // Whatever changed before LISTEN took effect was not heard: start from nothing.
        this.dropAll();
        this.failures = 0;
        this.heardAt = Date.now();
        this.listening = true;
        clearInterval(this.heartbeat);
        this.heartbeat = setInterval(() => this.beat(), AccessCache.HEARTBEAT_MS);
        this.heartbeat.unref();
        this.beat();
      })
      .catch((error: Error) => {
        client.end().catch(() => undefined);
        lost(error.message);
      })
      .finally(() => (this.starting = false));
  }
}
