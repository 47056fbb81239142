import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money';

describe('parseMoney', () => {
  it('reads German and English number formats into minor units', () => {
    expect(parseMoney('1.234,56', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 123456 });
    expect(parseMoney('1234,5', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 123450 });
    expect(parseMoney('1,234.56', 'EUR', 'en-GB')).toEqual({ ok: true, minor: 123456 });
    expect(parseMoney('  90.000 € ', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 9000000 });
    expect(parseMoney('0,10', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 10 });
  });

  it('is exact where floating point is not', () => {
    // 0.29 * 100 = 28.999999999999996 in floating point.
    expect(parseMoney('0,29', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 29 });
    expect(parseMoney('1.005,10', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 100510 });
  });

  it('follows the currency’s decimals', () => {
    expect(parseMoney('1.234', 'JPY', 'de-DE')).toEqual({ ok: true, minor: 1234 });
    expect(parseMoney('12,5', 'JPY', 'de-DE')).toEqual({ ok: false, problem: 'decimals' });
    expect(parseMoney('1,234', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'decimals' });
  });

  it('refuses what is not an amount', () => {
    expect(parseMoney('', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'empty' });
    expect(parseMoney('-5', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'negative' });
    expect(parseMoney('12a', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'format' });
    expect(parseMoney('1.23.4', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'format' });
    expect(parseMoney('1,234.56', 'EUR', 'de-DE')).toEqual({ ok: false, problem: 'format' });
    expect(parseMoney('99999999999999999', 'EUR', 'de-DE')).toEqual({
      ok: false,
      problem: 'tooLarge',
    });
  });
});

describe('formatMoney', () => {
  it('formats minor units in the locale without rounding', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'EUR', 'en-GB')).toBe('€1,234.56');
    expect(formatMoney(5, 'EUR', 'de-DE')).toBe('0,05\u00a0€');
    expect(formatMoney(9007199254740991, 'EUR', 'en-GB')).toBe('€90,071,992,547,409.91');
    expect(formatMoney(-250, 'EUR', 'en-GB')).toBe('-€2.50');
  });
});
