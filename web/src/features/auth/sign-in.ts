// What happens when the API hands the browser a session: tokens in memory (the refresh token came
// as an HttpOnly cookie), the organisation acted for, the person's language and the organisation's
// form of address, a fresh cache.
import { queryClient } from '../../lib/query-client';
import { ApiError, endSession, request, startSession } from '../../lib/client';
import { applyLocaleOf, type FormOfAddress } from '../../lib/i18n';
import { LogOutMutation } from './operations';

export interface SessionPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  person: { id: string; language: 'DE' | 'EN' };
  organization?: { id: string; formOfAddress: FormOfAddress } | null;
}

export function signedIn(payload: SessionPayload): void {
  queryClient.clear();
  startSession(payload, payload.organization?.id ?? null);
  void applyLocaleOf(payload);
}

/**
 * Ends the session on the server (which also clears the refresh cookie). When the server cannot
 * be reached the session stays and the error is thrown: a browser that only forgot its tokens
 * would sign the person in again on the next reload — wrong on a shared computer.
 */
export async function logOut(): Promise<void> {
  try {
    await request(LogOutMutation);
  } catch (error) {
    if (!(error instanceof ApiError) || error.isNetwork || error.code !== 'UNAUTHENTICATED')
      throw error;
  }
  endSession();
  queryClient.clear();
}

/** Only paths of this app are followed after sign-in (no open redirect). */
export function safeRedirect(target: string | undefined): string {
  const unsafe = (c: string) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
  if (!target || !target.startsWith('/') || [...target].some(unsafe)) return '/';
  try {
    const url = new URL(target, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}

const AFTER_SIGN_UP = 'meilenstein.afterSignUp';

/**
 * Where a person who signs up from a page (an open call) wants to go once their address is
 * confirmed: the emailed link opens a new tab, so the path waits in this browser's storage.
 */
export function rememberAfterSignUp(target: string | undefined): void {
  if (target && safeRedirect(target) !== '/')
    localStorage.setItem(AFTER_SIGN_UP, safeRedirect(target));
}

/** The remembered path (once), else the overview. */
export function takeAfterSignUp(): string {
  const target = localStorage.getItem(AFTER_SIGN_UP);
  localStorage.removeItem(AFTER_SIGN_UP);
  return safeRedirect(target ?? undefined);
}
