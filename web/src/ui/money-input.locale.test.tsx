// The money field as people use it in German and English: what they type is sent as minor units,
// and an ambiguous German "12,345" is refused with a reason instead of becoming 12345 €.
import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../lib/i18n';
import { MoneyInput } from './money-input';

function setup(locale: string) {
  const onChange = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <MoneyInput
          label="Betrag"
          currency="EUR"
          locale={locale}
          value={null}
          onChange={onChange}
        />
      </MantineProvider>
    </I18nextProvider>,
  );
  return { onChange, input: screen.getByLabelText<HTMLInputElement>('Betrag') };
}

describe('MoneyInput in the person’s locale', () => {
  it('sends 123456 for "1.234,56" typed in German', async () => {
    await i18n.changeLanguage('de');
    const { onChange, input } = setup('de-DE');
    await userEvent.type(input, '1.234,56');
    expect(onChange).toHaveBeenLastCalledWith(123456);
    await userEvent.tab();
    expect(input.value).toBe('1.234,56');
  });

  it('sends 123456 for "1,234.56" typed in English', async () => {
    await i18n.changeLanguage('en');
    const { onChange, input } = setup('en-GB');
    await userEvent.type(input, '1,234.56');
    expect(onChange).toHaveBeenLastCalledWith(123456);
    await userEvent.tab();
    expect(input.value).toBe('1,234.56');
  });

  it('refuses "12,345" in German with a reason and sends no amount', async () => {
    await i18n.changeLanguage('de');
    const { onChange, input } = setup('de-DE');
    await userEvent.type(input, '12,345');
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(onChange).not.toHaveBeenCalledWith(1234500);
    await userEvent.tab();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Höchstens 2 Nachkommastellen/)).toBeTruthy();
  });
});
