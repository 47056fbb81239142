// The catalogues stay complete and the "du" catalogue stays informal: a German text that
// addresses the reader as "Sie" needs a "du" counterpart, and the du catalogue has no Sie/Ihr.
import { describe, expect, it } from 'vitest';
import { catalogues, type Tree } from './catalogues';

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
});
