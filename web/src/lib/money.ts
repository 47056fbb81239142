// Money in the browser: integer minor units from the API to the screen and back. What a person
// types is parsed as a string (never through floating point) for the currency's number of
// decimals, reading "." and "," the way the person's locale writes numbers.

export type MoneyParseResult =
  | { ok: true; minor: number }
  | { ok: false; problem: 'empty' | 'format' | 'decimals' | 'negative' | 'tooLarge' };

export function currencyDecimals(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/**
 * Parses "1.234,56" (de) or "1,234.56" (en) into minor units for the currency. Grouping
 * separators are optional but must stand between groups of three digits.
 */
export function parseMoney(input: string, currency: string, locale: string): MoneyParseResult {
  const text = input.replace(/[\s\u00a0\u202f]/g, '').replace(/[€$£]|[A-Z]{3}$/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.startsWith('-')) return { ok: false, problem: 'negative' };
  const { decimal, group } = separators(locale);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `^(\\d{1,3}(?:${escape(group)}\\d{3})+|\\d+)(?:${escape(decimal)}(\\d+))?$`,
  );
  const match = pattern.exec(text);
  if (!match) return { ok: false, problem: 'format' };
  const whole = match[1].split(group).join('');
  const fraction = match[2] ?? '';
  const decimals = currencyDecimals(currency);
  if (fraction.length > decimals) return { ok: false, problem: 'decimals' };
  const minor =
    BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: 'tooLarge' };
  return { ok: true, minor: Number(minor) };
}

/** Formats minor units for people, e.g. 123456 EUR → "1.234,56 €" in German. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const decimals = currencyDecimals(currency);
  const negative = minor < 0;
  const digits = BigInt(Math.abs(minor))
    .toString()
    .padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  // Intl formats the decimal string exactly (no float rounding) when given a string.
  const value = `${negative ? '-' : ''}${whole}${decimals ? `.${fraction}` : ''}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
  }).format(value as unknown as number);
}
