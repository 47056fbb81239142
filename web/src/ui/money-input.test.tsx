import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../lib/i18n';
import { MoneyInput } from './money-input';

function setup(locale: string, value: number | null = null) {
  const onChange = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <MoneyInput
          label="Amount"
          currency="EUR"
          locale={locale}
          value={value}
          onChange={onChange}
        />
      </MantineProvider>
    </I18nextProvider>,
  );
  return { onChange, input: screen.getByLabelText<HTMLInputElement>('Amount') };
}

describe('MoneyInput', () => {
  it('reports minor units as the person types and formats on leaving the field', async () => {
    await i18n.changeLanguage('de');
    const { onChange, input } = setup('de-DE');
    await userEvent.type(input, '1234,5');
    expect(onChange).toHaveBeenLastCalledWith(123450);
    await userEvent.tab();
    expect(input.value).toBe('1.234,50');
  });

  it('shows what is wrong with a bad amount and reports no value', async () => {
    await i18n.changeLanguage('en');
    const { onChange, input } = setup('en-GB');
    await userEvent.type(input, '12.345');
    expect(onChange).toHaveBeenLastCalledWith(null);
    await userEvent.tab();
    expect(screen.getByText('Use at most 2 decimal places.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a given value in the locale', () => {
    const { input } = setup('de-DE', 9000000);
    expect(input.value).toBe('90.000,00');
  });
});
