// The catalogues stay complete and the "du" catalogue stays informal: a German text that
// addresses the reader as "Sie" needs a "du" counterpart, and the du catalogue has no Sie/Ihr.
import { describe, expect, it } from 'vitest';
import { merge, type Tree } from './catalogues';
import de from './catalogue.de';
import deInformal from './catalogue.de-informal';
import en from './catalogue.en';

const catalogues = { en, de, 'de-informal': deInformal };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const FORMAL = /\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b/;
/** Texts that name the form of address itself. */
const NAMES_THE_FORM = new Set(['formOfAddress.SIE']);

/** Every catalogue file as it is on disk, to check that each lands in its catalogue. */
const files = import.meta.glob<Tree>('./**/*.json', { eager: true, import: 'default' });

const english = flatten(catalogues.en);
const german = flatten(catalogues.de);
const informal = flatten(catalogues['de-informal']);

describe('message catalogues', () => {
  it('German has every English text and no other', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('the du catalogue only overrides texts that exist', () => {
    for (const key of informal.keys()) expect(german.has(key), key).toBe(true);
  });

  it('every German text that says Sie has a du version', () => {
    const missing = [...german].filter(
      ([k, v]) => FORMAL.test(v) && !NAMES_THE_FORM.has(k) && !informal.has(k),
    );
    expect(missing).toEqual([]);
  });

  it('the du catalogue says no Sie or Ihr', () => {
    const formal = [...informal].filter(([, v]) => FORMAL.test(v));
    expect(formal).toEqual([]);
  });

  it('keeps the same placeholders in every language', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of english) {
      expect(placeholders(german.get(key) ?? ''), key).toEqual(placeholders(value));
      if (informal.has(key))
        expect(placeholders(informal.get(key)!), key).toEqual(placeholders(value));
    }
  });

  it.each(Object.keys(catalogues) as (keyof typeof catalogues)[])(
    'the %s catalogue holds every one of its files',
    (name) => {
      const own = Object.keys(files).filter((path) => path.endsWith(`/${name}.json`));
      expect(own.length).toBeGreaterThan(1);
      for (const path of own)
        for (const [key, value] of Object.entries(files[path]))
          expect(catalogues[name][key], `${path}: ${key}`).toEqual(value);
    },
  );

  it('refuses two files that define the same top-level key', () => {
    expect(() =>
      merge({ './a/en.json': { grant: { title: 'A' } }, './b/en.json': { grant: { title: 'B' } } }),
    ).toThrow('./b/en.json defines "grant", which another catalogue file defines too');
  });
});
