// Who is asking, for which organisation, with which roles, in which transaction. Passed as the
// first argument of every service method, so tenant scoping and transactions cannot be skipped.
import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';

export type Language = 'de' | 'en';

export type Actor =
  | {
      kind: 'user';
      userId: string;
      /** The organisation the person acts for in this request, if any. */
      organizationId?: string;
      organizationKind?: string;
      roles: readonly string[];
      sessionId?: string;
      platformAdmin?: boolean;
      /** Whether the person verified their email address (money decisions wait for it). */
      emailVerified?: boolean;
      /** German texts say "du" to this person (their acting organisation's choice). */
      du?: boolean;
    }
  | {
      kind: 'apiKey';
      apiKeyId: string;
      organizationId: string;
      organizationKind: string;
      scopes: readonly string[];
      roles: readonly string[];
    }
  | { kind: 'system'; reason: string };

interface ContextProps {
  requestId: string;
  language: Language;
  actor?: Actor;
  ip?: string;
  userAgent?: string;
  manager?: EntityManager;
  authenticated?: boolean;
  loaders?: Map<string, DataLoader<unknown, unknown>>;
}

export class RequestContext {
  private constructor(private readonly props: ContextProps) {}

  static create(props: Partial<ContextProps> = {}): RequestContext {
    return new RequestContext({
      requestId: props.requestId ?? randomUUID(),
      language: props.language ?? 'en',
      ...props,
    });
  }

  /** A context for work the system does on its own (worker jobs, schedulers, seeds). */
  static system(reason: string, language: Language = 'en'): RequestContext {
    return RequestContext.create({ actor: { kind: 'system', reason }, language });
  }

  get requestId(): string {
    return this.props.requestId;
  }
  get language(): Language {
    return this.props.language;
  }
  get ip(): string | undefined {
    return this.props.ip;
  }
  get userAgent(): string | undefined {
    return this.props.userAgent;
  }
  get actor(): Actor | undefined {
    return this.props.actor;
  }
  get manager(): EntityManager | undefined {
    return this.props.manager;
  }
  get inTransaction(): boolean {
    return this.props.manager?.queryRunner?.isTransactionActive === true;
  }
  get userId(): string | undefined {
    return this.props.actor?.kind === 'user' ? this.props.actor.userId : undefined;
  }
  get apiKeyId(): string | undefined {
    return this.props.actor?.kind === 'apiKey' ? this.props.actor.apiKeyId : undefined;
  }
  get organizationId(): string | undefined {
    const a = this.props.actor;
    return a && a.kind !== 'system' ? a.organizationId : undefined;
  }
  get organizationKind(): string | undefined {
    const a = this.props.actor;
    return a && a.kind !== 'system' ? a.organizationKind : undefined;
  }
  /** The organisation the caller acts for; throws when there is none (guards ensure there is). */
  get orgId(): string {
    const id = this.organizationId;
    if (!id) throw new Error('no acting organisation on this request context');
    return id;
  }
  hasRole(...roles: string[]): boolean {
    return this.roles.some((r) => roles.includes(r));
  }
  get roles(): readonly string[] {
    const a = this.props.actor;
    return a && a.kind !== 'system' ? a.roles : [];
  }

  /** Set once by the authentication guard. */
  authenticate(actor: Actor): void {
    this.props.actor = actor;
    this.props.authenticated = true;
  }

  /** Whether authentication already ran for this request (it runs once per request). */
  get authenticationDone(): boolean {
    return this.props.authenticated === true;
  }
  markAuthenticationDone(): void {
    this.props.authenticated = true;
  }

  /** One DataLoader per name and request: field resolvers batch through it. */
  loader<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    const loaders = (this.props.loaders ??= new Map());
    let loader = loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = create();
      loaders.set(name, loader);
    }
    return loader;
  }

  /** A copy acting as someone else, e.g. the person who has just signed up. */
  withActor(actor: Actor): RequestContext {
    return new RequestContext({ ...this.props, actor, authenticated: true });
  }

  withLanguage(language: Language): RequestContext {
    return new RequestContext({ ...this.props, language });
  }

  /** A copy bound to an open transaction; the original stays outside it. */
  withManager(manager: EntityManager): RequestContext {
    return new RequestContext({ ...this.props, manager });
  }
}

export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'en';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('de')) return 'de';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
