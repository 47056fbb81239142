import type { QueryClient } from '@tanstack/react-query';
import {
  Outlet,
  createRootRouteWithContext,
  useMatches,
  useNavigate,
} from '@tanstack/react-router';
import { useEffect } from 'react';
import { useSession } from '../lib/session';
import { NotFoundPage } from '../ui/not-found-page';
import { RouteError } from '../ui/states';
import { restoreSession } from '../features/session/restore';

export const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  beforeLoad: () => restoreSession(),
  component: Root,
  notFoundComponent: () => (
    <main>
      <NotFoundPage />
    </main>
  ),
  errorComponent: RouteError,
});

function Root() {
  return (
    <>
      <SessionGuard />
      <Outlet />
    </>
  );
}

/**
 * The session can end while a signed-in page is open (log-out, expiry, ended from another
 * device): go to the log-in page, which brings the person back here afterwards.
 */
function SessionGuard() {
  const signedIn = useSession() !== null;
  const inApp = useMatches({ select: (matches) => matches.some((m) => m.routeId === '/_app') });
  const navigate = useNavigate();
  useEffect(() => {
    if (!signedIn && inApp)
      void navigate({ to: '/login', search: { redirect: window.location.pathname } });
  }, [signedIn, inApp, navigate]);
  return null;
}
