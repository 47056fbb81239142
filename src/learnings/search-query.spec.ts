import {
  compoundParts,
  MARK_END,
  MARK_START,
  parseSearch,
  snippetParts,
  tsqueryExpression,
} from './search-query';

describe('search words', () => {
  it('reads words, "phrases" and -excluded words, lower-cased', () => {
    expect(parseSearch('Ehrenamt "offene Türen" -App Ehrenamt')).toEqual({
      words: ['ehrenamt'],
      phrases: ['offene türen'],
      excluded: ['app'],
    });
  });

  it('splits a compound at the longest known stems it starts and ends with', () => {
    const known = new Set(['daten', 'datenschutz', 'konzept', 'schutzkonzept']);
    expect(compoundParts('datenschutzkonzept', known)).toEqual(['datenschutz', 'schutzkonzept']);
    expect(compoundParts('datenschutzkonzept', new Set())).toEqual([]);
    // Short words are not split.
    expect(compoundParts('daten', known)).toEqual([]);
  });

  it('builds nothing from a search without words', () => {
    expect(tsqueryExpression(parseSearch('"" -app'), new Map(), 1)).toBeNull();
  });

  it('numbers its parameters from the given one', () => {
    const expr = tsqueryExpression(
      parseSearch('Datenschutzkonzept -app'),
      new Map([['datenschutzkonzept', ['datenschutz']]]),
      3,
    )!;
    expect(expr.params).toEqual(['datenschutzkonzept:*', 'datenschutz:*', 'app']);
    expect(expr.sql).toContain("to_tsquery('simple', $4)");
    expect(expr.sql).toContain("plainto_tsquery('german', $5)");
  });

  it('turns a headline into highlighted and plain parts', () => {
    expect(snippetParts(`Der ${MARK_START}Datenschutz${MARK_END} war schwer`)).toEqual([
      { text: 'Der ', highlighted: false },
      { text: 'Datenschutz', highlighted: true },
      { text: ' war schwer', highlighted: false },
    ]);
  });
});
