// On the first navigation the app asks the API for a new access token with the refresh cookie,
// so a reload keeps the person signed in without any token in Web Storage.
import { refreshSession } from '../../lib/client';
import { session } from '../../lib/session';

let restoring: Promise<void> | null = null;

export function restoreSession(): Promise<void> {
  if (session.isRestored()) return Promise.resolve();
  restoring ??= refreshSession().then(() => session.markRestored());
  return restoring;
}
