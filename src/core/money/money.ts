// Money is an integer count of minor units (cents) with an ISO-4217 currency. No floats anywhere:
// arithmetic is BigInt, formatting hands Intl an exact decimal string.
import { BadUserInputError } from '../errors/app-error';
import { CoreReason, coreErrors } from '../errors/core.errors';

const SUPPORTED_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && SUPPORTED_CURRENCIES.has(code);
}

const digitsCache = new Map<string, number>();
/** Number of minor-unit digits of a currency (EUR 2, JPY 0, KWD 3). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export class CurrencyMismatchError extends BadUserInputError {
  constructor(expected: string, actual: string) {
    super(
      coreErrors.text(CoreReason.CURRENCY_MISMATCH, expected, actual),
      [{ field: 'currency', message: `must be ${expected}` }],
      { reason: CoreReason.CURRENCY_MISMATCH, expected, actual },
    );
  }
}

const formatters = new Map<string, Intl.NumberFormat>();

/** One formatter per locale and currency: making one costs more than formatting with it. */
function currencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

export class Money {
  private constructor(
    readonly amountMinor: bigint,
    readonly currency: string,
  ) {}

  static of(amountMinor: bigint | number, currency: string): Money {
    if (typeof amountMinor === 'number' && !Number.isSafeInteger(amountMinor)) {
      throw new RangeError(
        `Money amount must be a safe integer of minor units, got ${amountMinor}`,
      );
    }
    if (!isCurrencyCode(currency)) throw new RangeError(`Unknown currency ${currency}`);
    return new Money(BigInt(amountMinor), currency);
  }

  static zero(currency: string): Money {
    return Money.of(0n, currency);
  }

  static sum(currency: string, items: Iterable<Money>): Money {
    let total = 0n;
    for (const m of items) {
      m.assertSameCurrency(currency);
      total += m.amountMinor;
    }
    return new Money(total, currency);
  }

  assertSameCurrency(currency: string): void {
    if (currency !== this.currency) throw new CurrencyMismatchError(currency, this.currency);
  }

  add(other: Money): Money {
    other.assertSameCurrency(this.currency);
    return new Money(this.amountMinor + other.amountMinor, this.currency);
  }

  subtract(other: Money): Money {
    other.assertSameCurrency(this.currency);
    return new Money(this.amountMinor - other.amountMinor, this.currency);
  }

  negate(): Money {
    return new Money(-this.amountMinor, this.currency);
  }

  compare(other: Money): -1 | 0 | 1 {
    other.assertSameCurrency(this.currency);
    return this.amountMinor < other.amountMinor ? -1 : this.amountMinor > other.amountMinor ? 1 : 0;
  }

  isZero(): boolean {
    return this.amountMinor === 0n;
  }
  isNegative(): boolean {
    return this.amountMinor < 0n;
  }
  isPositive(): boolean {
    return this.amountMinor > 0n;
  }

  /** This amount times `numerator / denominator`, rounded half away from zero. */
  multiplyRatio(numerator: bigint, denominator: bigint): Money {
    if (denominator <= 0n) throw new RangeError('denominator must be positive');
    const product = this.amountMinor * numerator;
    const negative = product < 0n;
    const abs = negative ? -product : product;
    const rounded = (abs * 2n + denominator) / (denominator * 2n);
    return new Money(negative ? -rounded : rounded, this.currency);
  }

  /**
   * Splits this amount into parts proportional to `weights` so that the parts add up exactly
   * (largest-remainder method). Used for tranche schedules and similar splits.
   */
  allocate(weights: bigint[]): Money[] {
    const total = weights.reduce((a, b) => a + b, 0n);
    if (total <= 0n || weights.some((w) => w < 0n))
      throw new RangeError('weights must be non-negative and not all zero');
    const parts = weights.map((w) => (this.amountMinor * w) / total);
    let remainder = this.amountMinor - parts.reduce((a, b) => a + b, 0n);
    const order = weights
      .map((w, i) => ({ i, rest: (this.amountMinor * w) % total }))
      .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
    for (let k = 0; remainder > 0n; k = (k + 1) % order.length, remainder--) {
      parts[order[k].i] += 1n;
    }
    return parts.map((p) => new Money(p, this.currency));
  }

  /** Exact decimal string in major units, e.g. 123456 EUR → "1234.56". */
  toDecimalString(): string {
    const digits = minorDigits(this.currency);
    const negative = this.amountMinor < 0n;
    const abs = (negative ? -this.amountMinor : this.amountMinor)
      .toString()
      .padStart(digits + 1, '0');
    const whole = digits ? abs.slice(0, -digits) : abs;
    const fraction = digits ? `.${abs.slice(-digits)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  /** Human-readable in the given language: "1.234,56 €" (de) or "€1,234.56" (en). */
  format(language: 'de' | 'en'): string {
    const formatter = currencyFormatter(language === 'de' ? 'de-DE' : 'en-GB', this.currency);
    // Intl.NumberFormat formats numeric strings exactly (no conversion to a binary float).
    return formatter.format(this.toDecimalString() as unknown as number);
  }

  /** The amount as a JavaScript number (GraphQL's `Money.amount`, a plain property read). */
  get amount(): number {
    return this.toNumberUnsafe();
  }

  toNumberUnsafe(): number {
    if (
      this.amountMinor > BigInt(Number.MAX_SAFE_INTEGER) ||
      this.amountMinor < BigInt(Number.MIN_SAFE_INTEGER)
    ) {
      throw new RangeError('Money amount exceeds the safe-integer range');
    }
    return Number(this.amountMinor);
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.amountMinor.toString(), currency: this.currency };
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amountMinor === other.amountMinor;
  }
}
