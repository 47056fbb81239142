// Each notification's link and button name the notification they act on, in both languages, so a
// screen reader's list of links is not a row of identical "Open"s.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { request } from '../../lib/client';
import { applyLocale, i18n } from '../../lib/i18n';
import { Route } from '../../routes/_app/notifications';

const notification = (id: string, title: string) => ({
  id,
  kind: 'APPLICATION_DECIDED',
  title,
  body: 'Body',
  link: `/applications/${id}`,
  createdAt: '2026-03-02T10:00:00.000Z',
  readAt: null,
});

vi.mock(import('../../lib/client'), async (original) => ({
  ...(await original()),
  request: vi.fn(async () => ({
    notifications: {
      totalCount: 2,
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [notification('a', 'Antrag eingereicht'), notification('b', 'Bericht fällig')],
    },
    unreadNotificationCount: 2,
  })) as unknown as typeof request,
}));

async function renderPage() {
  // The router plugin splits the page off into a chunk of its own: load it first.
  const Page = Route.options.component!;
  await (Page as { preload?: () => Promise<void> }).preload?.();
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <QueryClientProvider client={new QueryClient()}>
          <Suspense>
            <Page />
          </Suspense>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe('the notifications page', () => {
  it.each([
    ['en', 'Open: Antrag eingereicht', 'Mark as read: Bericht fällig'],
    ['de', 'Öffnen: Antrag eingereicht', 'Als gelesen markieren: Bericht fällig'],
  ] as const)('names each link after its notification (%s)', async (language, link, button) => {
    await applyLocale(language);
    await renderPage();
    expect(await screen.findByRole('link', { name: link })).toBeTruthy();
    expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/applications/a',
      '/applications/b',
    ]);
    expect(screen.getByRole('button', { name: button })).toBeTruthy();
  });
});
