// Every page behind sign-in: the session is required, the viewer is loaded once for the shell.
import { createFileRoute, redirect } from '@tanstack/react-router';
import { session } from '../lib/session';
import { viewerQuery } from '../features/session/viewer';
import { AppLayout } from '../features/shell/app-layout';

export const Route = createFileRoute('/_app')({
  beforeLoad: ({ location }) => {
    if (!session.get()) throw redirect({ to: '/login', search: { redirect: location.href } });
  },
  loader: ({ context }) => context.queryClient.ensureQueryData(viewerQuery()),
  component: AppLayout,
});
