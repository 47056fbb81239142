// Saving the profile in another language says so in the language just chosen.
import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { request } from '../../lib/client';
import { applyLocale, i18n } from '../../lib/i18n';
import { notifySuccess } from '../../ui/notify';
import { Route } from '../../routes/_app/profile';
import type { Viewer } from '../session/viewer';

vi.mock(import('../../lib/client'), async (original) => ({
  ...(await original()),
  request: vi.fn(async () => ({})) as unknown as typeof request,
}));
vi.mock(import('../../ui/notify'), () => ({ notifySuccess: vi.fn(), notifyError: vi.fn() }));
vi.mock(import('../session/viewer'), async (original) => ({
  ...(await original()),
  useViewer: () =>
    ({
      me: {
        person: {
          id: 'p',
          displayName: 'Ada',
          email: 'ada@example.org',
          language: 'DE',
          emailVerified: true,
        },
        organization: { formOfAddress: 'SIE' },
      },
    }) as unknown as Viewer,
}));

// jsdom has no FontFaceSet and does not scroll; Mantine's combobox uses both.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
Element.prototype.scrollIntoView ??= () => {};

describe('the profile page', () => {
  beforeEach(async () => {
    await applyLocale('de');
  });

  it('confirms a switch to English in English', async () => {
    // The router plugin splits the page off into a chunk of its own: load it first.
    const Page = Route.options.component!;
    await (Page as { preload?: () => Promise<void> }).preload?.();
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <Suspense>
            <Page />
          </Suspense>
        </MantineProvider>
      </I18nextProvider>,
    );
    await userEvent.click(await screen.findByRole('combobox', { name: 'Sprache' }));
    await userEvent.click(await screen.findByRole('option', { name: 'English' }));
    await userEvent.click(screen.getAllByRole('button', { name: 'Speichern' })[0]);
    await vi.waitFor(() => expect(notifySuccess).toHaveBeenCalled());
    expect(vi.mocked(request).mock.calls[0][1]).toEqual({
      input: { displayName: 'Ada', language: 'EN' },
    });
    expect(notifySuccess).toHaveBeenCalledWith('Your profile is saved.');
    expect(i18n.language).toBe('en');
  });
});
