import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n';
import { ProgrammeForm } from './programme-form';

// jsdom has no FontFaceSet; Mantine's autosizing textarea listens to it.
if (!('fonts' in document))
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });

describe('ProgrammeForm', () => {
  it('names an emptied number field at the field and sends nothing', async () => {
    await i18n.changeLanguage('en');
    const onSubmit = vi.fn(async () => {});
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider>
          <ProgrammeForm submitLabel="Save" onSubmit={onSubmit} />
        </MantineProvider>
      </I18nextProvider>,
    );
    const sprintLength = screen.getByLabelText<HTMLInputElement>(/Sprint length in days/);
    await userEvent.clear(sprintLength);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(sprintLength.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('Please fill this in.').length).toBeGreaterThan(0);
  });
});
