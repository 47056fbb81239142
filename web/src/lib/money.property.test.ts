// Money typed by people, over random amounts: whatever the app shows in German or English reads
// back as the same minor units, and a German "12,345" is never taken for twelve thousand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money';

const amounts = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const locales = fc.constantFrom('de-DE', 'en-GB');

/** The digits of minor units as a person would type them, without grouping ("1234,56"). */
function typed(minor: number, decimal: string): string {
  const digits = String(minor).padStart(3, '0');
  return `${digits.slice(0, -2)}${decimal}${digits.slice(-2)}`;
}

describe('parseMoney over random amounts', () => {
  it('reads back every amount formatted for people, in German and English', () => {
    fc.assert(
      fc.property(amounts, locales, (minor, locale) => {
        expect(parseMoney(formatMoney(minor, 'EUR', locale), 'EUR', locale)).toEqual({
          ok: true,
          minor,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads amounts typed without grouping, with the locale’s decimal mark', () => {
    fc.assert(
      fc.property(amounts, (minor) => {
        expect(parseMoney(typed(minor, ','), 'EUR', 'de-DE')).toEqual({ ok: true, minor });
        expect(parseMoney(typed(minor, '.'), 'EUR', 'en-GB')).toEqual({ ok: true, minor });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the same amount from German and English text', () => {
    fc.assert(
      fc.property(amounts, (minor) => {
        const de = parseMoney(formatMoney(minor, 'EUR', 'de-DE'), 'EUR', 'de-DE');
        const en = parseMoney(formatMoney(minor, 'EUR', 'en-GB'), 'EUR', 'en-GB');
        expect(de).toEqual(en);
      }),
    );
  });

  it('never reads a German comma followed by three digits as a thousands separator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 999 }),
        (whole, fraction) => {
          const text = `${whole},${String(fraction).padStart(3, '0')}`;
          expect(parseMoney(text, 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'decimals' });
        },
      ),
    );
  });
});

describe('the acceptance examples', () => {
  it('sends 123456 for "1.234,56" in German and "1,234.56" in English', () => {
    expect(parseMoney('1.234,56', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 123456 });
    expect(parseMoney('1,234.56', 'EUR', 'en-GB')).toEqual({ ok: true, minor: 123456 });
  });

  it('refuses "12,345" in German rather than reading 12345 €', () => {
    expect(parseMoney('12,345', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'decimals' });
  });
});
