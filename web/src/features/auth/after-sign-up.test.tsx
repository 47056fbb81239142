// The pages after sign-up speak to the person as they chose on it: du or Sie.
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryHistory, createRouter } from '@tanstack/react-router';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from '../../lib/client';
import { applyLocale, i18n } from '../../lib/i18n';
import { queryClient } from '../../lib/query-client';
import { routeTree } from '../../routeTree.gen';
import { SignUpMutation, VerifyEmailMutation } from './operations';

vi.mock(import('../../lib/client'), async (original) => ({
  ...(await original()),
  refreshSession: vi.fn(async () => false), // no one is signed in yet
  request: vi.fn(async (document: unknown, variables?: unknown) => {
    if (document === SignUpMutation) return { signUp: { email: 'ada@example.org' } };
    if (document === VerifyEmailMutation)
      return {
        verifyEmail: {
          accessToken: 'token',
          accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          person: { id: 'p', language: 'DE' },
          organization: { id: 'o', formOfAddress: 'DU' },
        },
      };
    throw new Error(`unexpected request ${JSON.stringify(variables)}`);
  }) as unknown as typeof request,
}));

// jsdom has no FontFaceSet and does not scroll; Mantine's inputs use both.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
Element.prototype.scrollIntoView ??= () => {};

function renderAt(path: string) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe('after signing up', () => {
  beforeEach(async () => {
    await applyLocale('de', 'SIE');
  });

  it('asks a person who chose du to check their inbox with du', async () => {
    renderAt('/signup');
    await userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'Ada');
    await userEvent.type(screen.getByRole('textbox', { name: 'E-Mail' }), 'ada@example.org');
    await userEvent.type(screen.getByLabelText(/Neues Passwort/), 'correct horse battery');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Name der Organisation' }),
      'Digital mobil',
    );
    await userEvent.click(screen.getByRole('radio', { name: 'Persönlich (du)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Konto anlegen' }));
    const heading = await screen.findByRole('heading', { name: /Postfach/ });
    expect(heading.textContent).toBe('Bitte prüfe dein Postfach');
    expect(screen.getByRole('status').textContent).toContain('Öffne den Link darin');
    expect(vi.mocked(request).mock.calls.at(-1)?.[1]).toMatchObject({
      input: { organization: { formOfAddress: 'DU' } },
    });
    // Switching to English and back changes the language, not the form of address.
    await userEvent.click(screen.getByRole('radio', { name: 'English' }));
    await screen.findByRole('heading', { name: 'Check your email' });
    await userEvent.click(screen.getByRole('radio', { name: 'Deutsch' }));
    expect(await screen.findByRole('heading', { name: 'Bitte prüfe dein Postfach' })).toBeTruthy();
  });

  it('confirms the address with du once the session acts for a du organisation', async () => {
    renderAt('/verify-email?token=abc');
    const done = await screen.findByText(/E-Mail-Adresse ist bestätigt/, {}, { timeout: 3000 });
    expect(done.textContent).toBe('Deine E-Mail-Adresse ist bestätigt und du bist angemeldet.');
    expect(i18n.language).toBe('de-informal');
  });
});
