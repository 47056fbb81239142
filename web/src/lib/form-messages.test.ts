// A form's check without words of its own speaks the reader's language, from the catalogues.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as mini from 'zod/mini';
import { applyLocale, i18nReady } from './i18n';
import './form-messages';

const message = (schema: { safeParse: (v: unknown) => unknown }, value: unknown) =>
  (schema.safeParse(value) as { error?: { issues: { message: string }[] } }).error?.issues[0]
    ?.message;

describe('form messages', () => {
  it('names the limit in English', async () => {
    await i18nReady;
    await applyLocale('en');
    expect(message(z.string().max(2000), 'x'.repeat(2001))).toBe('At most 2,000 characters.');
    expect(message(z.string().min(12), 'short')).toBe('At least 12 characters.');
    expect(message(z.string().min(1), '')).toBe('Please fill this in.');
    expect(message(z.number().max(5), 6)).toBe('At most 5.');
    expect(message(z.number(), 'five')).toBe('Please check this entry.');
  });

  it('in German with Sie and with du, for zod and zod/mini alike', async () => {
    await applyLocale('de');
    expect(message(z.string().max(2000), 'x'.repeat(2001))).toBe('Höchstens 2.000 Zeichen.');
    expect(message(mini.string().check(mini.maxLength(200)), 'x'.repeat(201))).toBe(
      'Höchstens 200 Zeichen.',
    );
    expect(message(z.number(), 'fünf')).toBe('Bitte prüfen Sie diese Eingabe.');
    await applyLocale('de', 'DU');
    expect(message(z.number(), 'fünf')).toBe('Bitte prüfe diese Eingabe.');
    await applyLocale('en');
  });

  it("keeps a schema's own words", async () => {
    await applyLocale('de');
    expect(message(z.string().min(3, 'Drei Zeichen, bitte.'), 'ab')).toBe('Drei Zeichen, bitte.');
    await applyLocale('en');
  });
});
