// The browser session. The access token lives in memory only; the refresh token is an HttpOnly,
// SameSite=Strict cookie that only the API's refreshSession reads, so no script (ours or injected)
// can read a token from Web Storage. The organisation chosen last is not a secret and is kept in
// localStorage so a reload acts for the same organisation.
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
    current = next;
    restored = true;
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  organizationId(): string | null {
    try {
      return window.localStorage.getItem(ORG_KEY);
    } catch {
      return null;
    }
  },
  setOrganizationId(id: string | null): void {
    try {
      if (id) window.localStorage.setItem(ORG_KEY, id);
      else window.localStorage.removeItem(ORG_KEY);
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
