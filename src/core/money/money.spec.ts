import fc from 'fast-check';
import { CurrencyMismatchError, isCurrencyCode, minorDigits, Money } from './money';

describe('Money', () => {
  it('knows ISO-4217 currencies and their minor digits', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('refuses fractional amounts and unknown currencies', () => {
    expect(() => Money.of(1.5, 'EUR')).toThrow(RangeError);
    expect(() => Money.of(1, 'ABC')).toThrow(RangeError);
  });

  it('adds and subtracts only within one currency', () => {
    const a = Money.of(1050, 'EUR');
    expect(a.add(Money.of(-50, 'EUR')).amountMinor).toBe(1000n);
    expect(() => a.add(Money.of(1, 'USD'))).toThrow(CurrencyMismatchError);
  });

  it('formats exactly, in German and English', () => {
    const m = Money.of(123456789, 'EUR');
    expect(m.toDecimalString()).toBe('1234567.89');
    expect(m.format('de')).toBe('1.234.567,89\u00a0€');
    expect(m.format('en')).toBe('€1,234,567.89');
    expect(Money.of(-5, 'EUR').toDecimalString()).toBe('-0.05');
    expect(Money.of(1234, 'JPY').format('en')).toBe('JP¥1,234');
    // Beyond 2^53 cents formatting stays exact (no float on the way).
    expect(Money.of(9007199254740993n, 'EUR').toDecimalString()).toBe('90071992547409.93');
  });

  it('allocates into parts that add up exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc
          .array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0n)),
        (amount, weights) => {
          const parts = Money.of(amount, 'EUR').allocate(weights);
          expect(parts.reduce((s, p) => s + p.amountMinor, 0n)).toBe(amount);
          parts.forEach((p, i) => {
            const exact = (amount * weights[i]!) / weights.reduce((a, b) => a + b, 0n);
            expect(p.amountMinor - exact >= 0n && p.amountMinor - exact <= 1n).toBe(true);
          });
        },
      ),
    );
  });

  it('multiplies by a ratio with half-away-from-zero rounding', () => {
    expect(Money.of(1000, 'EUR').multiplyRatio(1n, 3n).amountMinor).toBe(333n);
    expect(Money.of(5, 'EUR').multiplyRatio(1n, 2n).amountMinor).toBe(3n);
    expect(Money.of(-5, 'EUR').multiplyRatio(1n, 2n).amountMinor).toBe(-3n);
  });
});
