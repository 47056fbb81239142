// The one way the web app talks to Meilenstein: GraphQL over HTTP at /graphql, as any API client
// would. It adds the in-memory access token, the organisation acted for and the person's language,
// refreshes the session from the HttpOnly cookie shortly before the access token expires (and once
// when the API answers UNAUTHENTICATED), and turns GraphQL errors into ApiError.
import { Kind, print } from '@0no-co/graphql.web';
import type { TadaDocumentNode } from 'gql.tada';
import { graphql } from './graphql';
import { session } from './session';

export interface FieldProblem {
  field: string;
  message: string;
  messageDe?: string;
}

export interface GraphQLErrorLike {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: {
    code?: string;
    reason?: string;
    fields?: FieldProblem[];
    [key: string]: unknown;
  };
}

/** A request that failed: the API's errors, or a network problem (`code` NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly errors: GraphQLErrorLike[],
    readonly status?: number,
  ) {
    super(errors[0]?.message ?? 'Request failed');
    this.name = 'ApiError';
  }

  get code(): string {
    return this.errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  }

  get reason(): string | undefined {
    return this.errors[0]?.extensions?.reason;
  }

  get fields(): FieldProblem[] {
    return this.errors.flatMap((e) => e.extensions?.fields ?? []);
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

let language = 'de';
/** The language the API answers errors in (Accept-Language). */
export function setRequestLanguage(next: string): void {
  language = next;
}

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession {
    refreshSession(refreshTokenTransport: COOKIE) {
      accessToken
      accessTokenExpiresAt
      person {
        id
      }
    }
  }
`);

async function post(
  query: string,
  variables: unknown,
  operationName: string | undefined,
  withToken: boolean,
): Promise<{ data?: unknown; errors?: GraphQLErrorLike[]; status: number }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    'accept-language': language,
  };
  const current = session.get();
  if (withToken && current) headers.authorization = `Bearer ${current.accessToken}`;
  const organizationId = session.organizationId();
  if (withToken && current && organizationId) headers['x-organization-id'] = organizationId;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({ query, variables, operationName }),
    });
  } catch (error) {
    throw new ApiError([
      {
        message: error instanceof Error ? error.message : 'Network error',
        extensions: { code: 'NETWORK' },
      },
    ]);
  }
  let body: { data?: unknown; errors?: GraphQLErrorLike[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(
      [
        {
          message: `HTTP ${response.status}`,
          extensions: { code: response.status >= 500 ? 'NETWORK' : 'BAD_REQUEST' },
        },
      ],
      response.status,
    );
  }
  return { ...body, status: response.status };
}

let refreshing: Promise<boolean> | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function schedule(expiresAt: number): void {
  clearTimeout(refreshTimer);
  // A minute before expiry, half-way for short lifetimes; a clock far off the server's (expiry
  // already past here) waits a minute rather than refreshing in a loop — an expired token is
  // refreshed on the API's UNAUTHENTICATED answer anyway.
  const left = expiresAt - Date.now();
  const wait = left > 120_000 ? left - 60_000 : left > 10_000 ? left / 2 : 60_000;
  refreshTimer = setTimeout(() => void refreshSession(), wait);
}

/** Starts a browser session from a sign-in answer (the refresh token came as a cookie). */
export function startSession(
  payload: {
    accessToken: string;
    accessTokenExpiresAt: string;
    person: { id: string };
  },
  organizationId?: string | null,
): void {
  const expiresAt = Date.parse(payload.accessTokenExpiresAt);
  session.set({ accessToken: payload.accessToken, expiresAt, personId: payload.person.id });
  if (organizationId !== undefined) session.setOrganizationId(organizationId);
  schedule(expiresAt);
}

export function endSession(): void {
  clearTimeout(refreshTimer);
  session.set(null);
}

async function refreshOnce(): Promise<boolean> {
  const result = await post(print(RefreshSessionMutation), {}, 'RefreshSession', false).catch(
    () => null,
  );
  const payload = (
    result?.data as { refreshSession?: Parameters<typeof startSession>[0] } | undefined
  )?.refreshSession;
  if (!payload) {
    // Only the API saying the session is over ends it; a network failure or a passing server
    // error keeps the current state (the next request or timer tries again).
    const over = result?.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
    if (over) endSession();
    else {
      session.markRestored();
      const current = session.get();
      if (current) schedule(Math.min(current.expiresAt, Date.now() + 2 * 60_000));
    }
    return false;
  }
  const before = session.get();
  if (before && before.personId !== payload.person.id) {
    // Another tab signed in as someone else (the cookie is shared): start this tab afresh.
    window.location.assign('/');
    return false;
  }
  startSession(payload);
  return true;
}

/**
 * Exchanges the refresh cookie for a new access token. Tabs share the cookie and each refresh
 * token works once, so tabs take turns through a Web Lock; one refresh per tab at a time.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (!locks) return await refreshOnce();
      return await locks.request('meilenstein-session-refresh', () => refreshOnce());
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * Sends a request once more when that can help: after refreshing an expired access token, and
 * without the organisation when the person no longer belongs to the one this tab remembers.
 */
async function send(query: string, variables: unknown, operationName: string | undefined) {
  const organizationId = session.organizationId();
  let result = await post(query, variables ?? {}, operationName, true);
  if (result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && session.get()) {
    if (await refreshSession()) result = await post(query, variables ?? {}, operationName, true);
  }
  const goneOrganization = result.errors?.some(
    (e) =>
      e.extensions?.code === 'NOT_FOUND' &&
      e.extensions.entity === 'Organization' &&
      e.extensions.id === organizationId,
  );
  if (goneOrganization && organizationId) {
    session.setOrganizationId(null);
    result = await post(query, variables ?? {}, operationName, true);
  }
  return result;
}

/**
 * Runs a GraphQL request given as text and returns the whole answer (data and errors) — for the
 * API explorer, which shows errors instead of throwing them.
 */
export async function rawRequest(
  query: string,
  variables: unknown,
  operationName?: string,
): Promise<{ data?: unknown; errors?: GraphQLErrorLike[] }> {
  const result = await send(query, variables, operationName);
  return { data: result.data, errors: result.errors };
}

/** Runs one GraphQL operation and returns its data, or throws ApiError. */
export async function request<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  ...[variables]: Variables extends Record<string, never> ? [Variables?] : [Variables]
): Promise<Result> {
  const query = print(document);
  const operationName = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)?.name
    ?.value;
  const result = await send(query, variables, operationName);
  if (result.errors?.length) throw new ApiError(result.errors, result.status);
  return result.data as Result;
}
