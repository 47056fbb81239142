import type { QueryClient } from '@tanstack/react-query';
import { Outlet, createRootRouteWithContext } from '@tanstack/react-router';
import { NotFoundPage } from '../ui/not-found-page';
import { RouteError } from '../ui/states';
import { restoreSession } from '../features/session/restore';

export const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  beforeLoad: () => restoreSession(),
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});
