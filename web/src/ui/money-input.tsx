// An amount of money typed as text: parsed into integer minor units for the currency in the
// person's locale (never through floating point), shown again formatted when the field is left.
import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currencyDecimals, parseMoney } from '../lib/money';

export interface MoneyInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'error'> {
  currency: string;
  locale: string;
  /** Minor units, or null while the field is empty or not an amount. */
  value: number | null;
  onChange: (minor: number | null) => void;
  /** A problem from outside (e.g. the API's), shown when the text itself is fine. */
  error?: string;
}

function formatPlain(minor: number, currency: string, locale: string): string {
  const decimals = currencyDecimals(currency);
  const digits = BigInt(minor)
    .toString()
    .padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(`${whole}${decimals ? `.${fraction}` : ''}` as unknown as number);
}

export function MoneyInput({
  currency,
  locale,
  value,
  onChange,
  error,
  onBlur,
  ...props
}: MoneyInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value === null ? '' : formatPlain(value, currency, locale));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <TextInput
      {...props}
      inputMode="decimal"
      value={text}
      rightSection={<span aria-hidden>{currency}</span>}
      rightSectionWidth={48}
      error={problem ?? error}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const parsed = parseMoney(next, currency, locale);
        setProblem(null);
        onChange(parsed.ok ? parsed.minor : null);
      }}
      onBlur={(event) => {
        const parsed = parseMoney(text, currency, locale);
        if (parsed.ok) {
          setText(formatPlain(parsed.minor, currency, locale));
          setProblem(null);
        } else if (parsed.problem !== 'empty') {
          setProblem(t(`money.${parsed.problem}`, { decimals: currencyDecimals(currency) }));
        }
        onBlur?.(event);
      }}
    />
  );
}
