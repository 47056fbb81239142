// What happens when the API hands the browser a session: tokens in memory (the refresh token came
// as an HttpOnly cookie), the organisation acted for, the person's language, a fresh cache.
import { queryClient } from '../../lib/query-client';
import { endSession, request, startSession } from '../../lib/client';
import { applyLocale } from '../../lib/i18n';
import { LogOutMutation } from './operations';

export interface SessionPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  person: { id: string; language: 'DE' | 'EN' };
  organization?: { id: string } | null;
}

export function signedIn(payload: SessionPayload): void {
  queryClient.clear();
  startSession(payload, payload.organization?.id ?? null);
  applyLocale(payload.person.language === 'DE' ? 'de' : 'en');
}

export async function logOut(): Promise<void> {
  try {
    await request(LogOutMutation);
  } finally {
    endSession();
    queryClient.clear();
  }
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeRedirect(target: string | undefined): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}
