// The app downloads the catalogue a person reads and no other, switches language only once the
// new catalogue is there, and reads "du" texts over "Sie" ones.
import { describe, expect, it, vi } from 'vitest';
import de from '../locales/catalogue.de';
import deInformal from '../locales/catalogue.de-informal';
import en from '../locales/catalogue.en';
import type { Tree } from '../locales/catalogues';
import { applyLocale, currentLanguage, i18n, i18nReady } from './i18n';

const loaded = () =>
  (['en', 'de', 'de-informal'] as const).filter((c) => i18n.hasResourceBundle(c, 'translation'));
const text = (tree: Tree, section: string, key: string) => (tree[section] as Tree)[key];

describe('loading the catalogues', () => {
  it("starts with the browser's language and loads only its catalogue", async () => {
    expect(navigator.language.startsWith('en')).toBe(true);
    await i18nReady;
    expect(i18n.language).toBe('en');
    expect(loaded()).toEqual(['en']);
    expect(i18n.t('signup.haveAccount')).toBe(text(en, 'signup', 'haveAccount'));
  });

  it('switches to German once its catalogue has arrived', async () => {
    const switching = applyLocale('de');
    expect(currentLanguage()).toBe('en');
    expect(applyLocale('de')).toBe(switching);
    await switching;
    expect(currentLanguage()).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    expect(loaded()).toEqual(['en', 'de']);
    expect(i18n.t('signup.haveAccount')).toBe(text(de, 'signup', 'haveAccount'));
  });

  it('reads du texts over the Sie catalogue, and Sie texts where du has none', async () => {
    await applyLocale('de', 'DU');
    expect(i18n.language).toBe('de-informal');
    expect(loaded()).toEqual(['en', 'de', 'de-informal']);
    expect(text(deInformal, 'signup', 'title')).toBeUndefined();
    expect(i18n.t('signup.haveAccount')).toBe(text(deInformal, 'signup', 'haveAccount'));
    expect(i18n.t('signup.title')).toBe(text(de, 'signup', 'title'));
  });

  it('starts the next page load in the catalogue shown last, not in the browser language', async () => {
    expect(localStorage.getItem('meilenstein.catalogue')).toBe('de-informal');
    vi.resetModules();
    const reloaded = await import('./i18n');
    await reloaded.i18nReady;
    expect(reloaded.i18n.language).toBe('de-informal');
    expect(reloaded.currentLanguage()).toBe('de');
  });
});
