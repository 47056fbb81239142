// What a session's access looks like (session live, person, membership and organisation), kept in
// memory so that a request does not ask the database for it each time.
//
// It is trusted only while this process listens to PostgreSQL's `access_changed` channel: triggers
// on session, person, membership and organization notify it on every change that matters, in the
// changing transaction, so every API process forgets the person's (or organisation's) entries as
// the change commits. The identity services also forget locally before they answer, so that a
// person's next request to the same process never sees what they just changed. While the listener
// is down nothing is kept (and what was kept is dropped), and an answer read while a change arrived
// is not kept either. ACCESS_CACHE_TTL_MS bounds how long an entry lives.
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Client } from 'pg';
import { AppConfig } from '../../core/config/app-config.service';

export const ACCESS_CHANNEL = 'access_changed';

const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;

export interface AccessEntry<Row> {
  row: Row;
  personId: string;
  organizationId: string | null;
  /** When the session ends (ms since the epoch): an entry past it is not answered. */
  sessionEndsAt: number;
}

@Injectable()
export class AccessCache<Row extends object = object> implements OnModuleDestroy {
  private readonly logger = new Logger(AccessCache.name);
  private readonly ttl: number;
  private readonly entries: LRUCache<string, AccessEntry<Row>> | undefined;
  /** Counts the changes heard: an answer read across one is not kept. */
  private generation = 0;
  private listener: Client | undefined;
  private listening = false;
  private started = false;
  private starting = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly config: AppConfig) {
    this.ttl = config.get('ACCESS_CACHE_TTL_MS');
    this.entries = this.ttl > 0 ? new LRUCache({ max: MAX_ENTRIES, ttl: this.ttl }) : undefined;
  }

  /** Whether entries are kept now (the listener is connected and listening). */
  get active(): boolean {
    return this.entries !== undefined && this.listening;
  }

  /**
   * The entry for `key` while it can be trusted; otherwise `load` reads it, and it is kept when it
   * may be (`load` answers undefined for what must not be kept: an ended session, say).
   */
  async get(
    key: string,
    load: () => Promise<AccessEntry<Row> | undefined>,
  ): Promise<Row | undefined> {
    if (!this.entries) return (await load())?.row;
    if (!this.started) {
      // The first request starts the listener (processes that answer none, like the worker, never do).
      this.started = true;
      this.listen();
    }
    const kept = this.entries.get(key);
    if (kept && kept.sessionEndsAt > Date.now()) return kept.row;
    const generation = this.generation;
    const entry = await load();
    if (
      entry &&
      this.listening &&
      generation === this.generation &&
      entry.sessionEndsAt > Date.now()
    )
      this.entries.set(key, entry);
    return entry?.row;
  }

  /** Forgets what is kept for a person or an organisation (its members' entries). */
  forget(change: { personId?: string; organizationId?: string }): void {
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

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.dropAll();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** A notification's payload: `p:<person id>` or `o:<organisation id>`; anything else drops all. */
  private heard(payload: string | undefined): void {
    const [kind, id] = (payload ?? '').split(':');
    if (kind === 'p' && id) this.forget({ personId: id });
    else if (kind === 'o' && id) this.forget({ organizationId: id });
    else this.dropAll();
  }

  private dropAll(): void {
    this.generation++;
    this.entries?.clear();
  }

  private listen(): void {
    if (this.starting || this.listening || this.stopped) return;
    clearTimeout(this.retry);
    this.starting = true;
    const client = new Client({ connectionString: this.config.get('DATABASE_URL') });
    const lost = () => {
      if (this.listener !== client && this.listener !== undefined) return;
      // Changes may be missed from now on: keep nothing until listening again.
      this.listening = false;
      this.listener = undefined;
      this.dropAll();
      if (!this.stopped) {
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.listen(), RECONNECT_MS);
        this.retry.unref();
      }
    };
    client.on('notification', (message) => this.heard(message.payload));
    client.on('error', (error: Error) => {
      this.logger.warn(`access cache listener lost: ${error.message}`);
      lost();
    });
    client.on('end', lost);
    this.listener = client;
    client
      .connect()
      .then(() => client.query(`LISTEN ${ACCESS_CHANNEL}`))
      .then(() => {
        if (this.stopped || this.listener !== client) return client.end();
        // Whatever changed before LISTEN took effect was not heard: start from nothing.
        this.dropAll();
        this.listening = true;
      })
      .catch((error: Error) => {
        this.logger.warn(`access cache listener could not start: ${error.message}`);
        client.end().catch(() => undefined);
        lost();
      })
      .finally(() => (this.starting = false));
  }
}
