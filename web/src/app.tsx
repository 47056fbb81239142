// Providers around the router: theme, notifications, query cache and the message catalogues.
import {
  Badge,
  MantineProvider,
  Table,
  createTheme,
  type CSSVariablesResolver,
} from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createRouter } from '@tanstack/react-router';
import { Suspense, lazy } from 'react';
import { I18nextProvider } from 'react-i18next';
import { queryClient } from './lib/query-client';
import { i18n } from './lib/i18n';
import { routeTree } from './routeTree.gen';
import { NotFoundPage } from './ui/not-found-page';
import { Loading, RouteError } from './ui/states';

// The toasts are shown after an action, never on the first page: their code loads after it.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  scrollRestoration: true,
  // Every page shows the same loading, error and not-found states.
  defaultPendingComponent: Loading,
  defaultPendingMs: 200,
  defaultErrorComponent: RouteError,
  defaultNotFoundComponent: NotFoundPage,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  respectReducedMotion: true,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  components: {
    // A status says all it says: a badge in a narrow table cell wraps instead of ending in "…".
    Badge: Badge.extend({
      styles: {
        root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%' },
        label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.3 },
      },
    }),
    // A table that scrolls sideways (on a phone) is reached with Tab and scrolled with the arrow
    // keys, not only by a pointer: its scrolling viewport takes focus.
    TableScrollContainer: Table.ScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});

// Mantine's default greys and light variants fall below WCAG AA contrast on white; these shades
// keep secondary text, badges and alerts readable (axe checks every page in the browser tests).
const COLORS = [
  'blue',
  'teal',
  'grape',
  'red',
  'gray',
  'yellow',
  'green',
  'orange',
  'cyan',
  'violet',
];
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field problems (their text and the invalid field's value) in a red that reads on white.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(
      COLORS.flatMap((c): [string, string][] => [
        [`--mantine-color-${c}-light`, `var(--mantine-color-${c}-0)`],
        [`--mantine-color-${c}-light-hover`, `var(--mantine-color-${c}-1)`],
        [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`],
        [`--mantine-color-${c}-outline`, `var(--mantine-color-${c}-9)`],
        [`--mantine-color-${c}-text`, `var(--mantine-color-${c}-9)`],
        // White on the default filled shades of the lighter hues is below 4.5:1.
        ...(c === 'blue'
          ? []
          : ([
              [`--mantine-color-${c}-filled`, `var(--mantine-color-${c}-9)`],
              [`--mantine-color-${c}-filled-hover`, `var(--mantine-color-${c}-9)`],
            ] satisfies [string, string][])),
      ]),
    ),
  },
  dark: {},
});

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider
        theme={theme}
        defaultColorScheme="light"
        cssVariablesResolver={cssVariablesResolver}
      >
        <Suspense fallback={null}>
          <Notifications position="top-right" />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
