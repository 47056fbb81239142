// The browser session. The access token lives in memory only; the refresh token is an HttpOnly,
// SameSite=Strict cookie that only the API's refreshSession reads, so no script (ours or injected)
// can read a token from Web Storage. The organisation a tab acts for is no secret: it is kept per
// tab (sessionStorage, so a reload keeps it and another tab's switch does not change it), and the
// last choice per person in localStorage is where a new tab starts.
import { useSyncExternalStore } from 'react';

export interface SessionState {
  accessToken: string;
  /** Epoch milliseconds at which the access token stops working. */
  expiresAt: number;
  personId: string;
}

type Listener = () => void;

const ORG_KEY = 'meilenstein.organization';

let current: SessionState | null = null;
/** The organisation this tab acts for, read once from storage. */
let organization: string | null | undefined;
let restored = false;
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener();
}

export const session = {
  get(): SessionState | null {
    return current;
  },
  /** True once the app has tried to restore a session from the refresh cookie. */
  isRestored(): boolean {
    return restored;
  },
  markRestored(): void {
    if (!restored) {
      restored = true;
      emit();
    }
  },
  set(next: SessionState | null): void {
    // Another person (or none): the remembered organisation is theirs to find again.
    if (next?.personId !== current?.personId) organization = undefined;
    current = next;
    restored = true;
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  organizationId(): string | null {
    if (organization === undefined) {
      try {
        organization =
          window.sessionStorage.getItem(ORG_KEY) ??
          (current ? window.localStorage.getItem(`${ORG_KEY}.${current.personId}`) : null);
      } catch {
        organization = null;
      }
    }
    return organization;
  },
  setOrganizationId(id: string | null): void {
    organization = id;
    try {
      if (id) window.sessionStorage.setItem(ORG_KEY, id);
      else window.sessionStorage.removeItem(ORG_KEY);
      if (current) {
        const key = `${ORG_KEY}.${current.personId}`;
        if (id) window.localStorage.setItem(key, id);
        else window.localStorage.removeItem(key);
      }
    } catch {
      // Storage may be unavailable (private mode); the session default applies then.
    }
    emit();
  },
};

export function useSession(): SessionState | null {
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}

export function useOrganizationId(): string | null {
  return useSyncExternalStore(session.subscribe, session.organizationId, session.organizationId);
}
