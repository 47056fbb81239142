import {
  compoundParts,
  MARK_END,
  MARK_START,
  parseSearch,
  snippetParts,
  tsqueryExpression,
  wordAlternatives,
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

  it('looks a word up once where German and English stem it alike', () => {
    expect(wordAlternatives(["'ehrenamt':*", "'ehrenamt':*"], ['ehrenamt'])).toEqual([
      "'ehrenamt':*",
    ]);
    expect(wordAlternatives(["'nachbarschaft':*", "'nachbarschaft':*"], [])).toEqual([
      "'nachbarschaft':*",
    ]);
    // A prefix covers the longer stems it begins.
    expect(wordAlternatives(["'ehrenamtlich':*", "'ehrenamtlich':*"], ['ehrenamt'])).toEqual([
      "'ehrenamt':*",
    ]);
    expect(wordAlternatives(["'datenschutzkonzept':*"], ['datenschutz', 'konzept'])).toEqual([
      "'datenschutz':*",
      "'konzept':*",
    ]);
    // A stop word of either language is not looked up.
    expect(wordAlternatives(['', ''], [])).toEqual([]);
    expect(wordAlternatives(['', "'und'"], [])).toEqual([]);
  });

  it('numbers its parameters from the given one and leaves out stop words', () => {
    const expr = tsqueryExpression(
      parseSearch('Datenschutzkonzept und -app'),
      new Map([
        ['datenschutzkonzept', ["'datenschutzkonzept':*", "'datenschutz':*"]],
        ['und', []],
      ]),
      3,
    )!;
    expect(expr.params).toEqual(["('datenschutzkonzept':*) | ('datenschutz':*)", 'app']);
    expect(expr.sql).toBe(
      "($3::tsquery && (!! (plainto_tsquery('german', $4) || plainto_tsquery('english', $4))))",
    );
    expect(tsqueryExpression(parseSearch('und'), new Map([['und', []]]), 1)).toBeNull();
  });

  it('turns a headline into highlighted and plain parts', () => {
    expect(snippetParts(`Der ${MARK_START}Datenschutz${MARK_END} war schwer`)).toEqual([
      { text: 'Der ', highlighted: false },
      { text: 'Datenschutz', highlighted: true },
      { text: ' war schwer', highlighted: false },
    ]);
  });
});
