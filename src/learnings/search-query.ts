// What a person types into the commons' search, turned into a PostgreSQL tsquery expression over
// German and English stems. Words match as prefixes of stems ("Ehrenamt" finds "ehrenamtlich"),
// "quoted phrases" as phrases, -words are excluded. A German compound the search is given is also
// split at the longest stems of the commons' vocabulary it starts and ends with (table
// learning_term, see the LearningCommons migration), so "Datenschutzkonzept" finds learnings that
// speak of "Datenschutz". Pure: the vocabulary lookup is passed in.

export interface ParsedSearch {
  words: string[];
  phrases: string[];
  excluded: string[];
}

const TOKEN = /(-?)"([^"]*)"|(-?)([\p{L}\p{N}]+)/gu;

export function parseSearch(text: string): ParsedSearch {
  const parsed: ParsedSearch = { words: [], phrases: [], excluded: [] };
  for (const m of text.matchAll(TOKEN)) {
    if (m[2] !== undefined) {
      const words = m[2].match(/[\p{L}\p{N}]+/gu) ?? [];
      if (!words.length) continue;
      if (m[1]) parsed.excluded.push(...words.map((w) => w.toLowerCase()));
      else if (words.length === 1) parsed.words.push(words[0].toLowerCase());
      else parsed.phrases.push(words.join(' ').toLowerCase());
    } else if (m[4]) {
      (m[3] ? parsed.excluded : parsed.words).push(m[4].toLowerCase());
    }
  }
  parsed.words = [...new Set(parsed.words)].slice(0, 12);
  parsed.phrases = parsed.phrases.slice(0, 4);
  parsed.excluded = [...new Set(parsed.excluded)].slice(0, 8);
  return parsed;
}

/** The shortest compound part looked for, and the shortest word split at all. */
const MIN_PART = 4;
const MIN_COMPOUND = 8;

/** The pieces a compound word might be made of: its prefixes and suffixes of at least 4 letters. */
export function compoundCandidates(word: string): string[] {
  const chars = [...word];
  if (chars.length < MIN_COMPOUND) return [];
  const out: string[] = [];
  for (let i = MIN_PART; i <= chars.length - MIN_PART + 1 && i < chars.length; i++) {
    out.push(chars.slice(0, i).join(''));
    out.push(chars.slice(chars.length - i).join(''));
  }
  return out;
}

/**
 * The parts of `word` found in the vocabulary: the longest known prefix (the modifier, which
 * carries the topic: "datenschutz" in "datenschutzkonzept") and the longest known suffix (the
 * head: "konzept"), each shorter than the word itself.
 */
export function compoundParts(word: string, known: ReadonlySet<string>): string[] {
  const chars = [...word];
  let prefix: string | undefined;
  let suffix: string | undefined;
  for (let i = chars.length - 1; i >= MIN_PART && !prefix; i--) {
    const p = chars.slice(0, i).join('');
    if (known.has(p)) prefix = p;
  }
  for (let i = chars.length - 1; i >= MIN_PART && !suffix; i--) {
    const s = chars.slice(chars.length - i).join('');
    if (known.has(s)) suffix = s;
  }
  return [prefix, suffix].filter((p): p is string => !!p && chars.length >= MIN_COMPOUND);
}

/** The text a word is searched with: a prefix from four letters on, shorter words whole. */
export function searchForm(word: string): string {
  return [...word].length >= MIN_PART ? `${word}:*` : word;
}

/**
 * The ways one word matches, as tsquery texts: its German and English stems (as PostgreSQL's
 * dictionaries gave them for `searchForm(word)`) and its compound parts, each once; none for a
 * stop word. A word the two dictionaries stem alike ("ehrenamt") is looked up once, not twice:
 * every alternative is a scan of the index's entries, with prefixes the costliest part of a search.
 */
export function wordAlternatives(stems: readonly string[], parts: readonly string[]): string[] {
  // A stop word of either language ("und", "the") is not searched for: otherwise the other
  // language's dictionary keeps it as a word, and "und Ehrenamt" would find only texts with "und".
  if (stems.some((s) => s.trim() === '')) return [];
  const alternatives = [...stems];
  // Parts are letters and digits (see TOKEN), so they need no quoting beyond the quotes.
  for (const part of parts) alternatives.push(`'${part}':*`);
  // A prefix covers every longer stem it begins ('ehrenamt':* covers 'ehrenamtlich':*).
  const prefixes = alternatives.flatMap((a) => /^'([^']+)':\*$/.exec(a)?.[1] ?? []);
  const covered = (a: string) => {
    const lexeme = /^'([^']+)'(:\*)?$/.exec(a)?.[1];
    return !!lexeme && prefixes.some((p) => lexeme !== p && lexeme.startsWith(p));
  };
  return [...new Set(alternatives.filter((a) => !covered(a)))];
}

/**
 * A SQL expression of type tsquery for the parsed search, with its parameters numbered from
 * `firstParam`. `alternatives` holds each word's tsquery texts (see wordAlternatives); a word
 * without any (a stop word) is left out. Returns null when nothing searchable is left.
 */
export function tsqueryExpression(
  parsed: ParsedSearch,
  alternatives: ReadonlyMap<string, string[]>,
  firstParam: number,
): { sql: string; params: string[] } | null {
  const params: string[] = [];
  const p = (value: string) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const terms: string[] = [];
  for (const word of parsed.words) {
    const ways = alternatives.get(word) ?? [];
    if (ways.length) terms.push(`${p(ways.map((w) => `(${w})`).join(' | '))}::tsquery`);
  }
  for (const phrase of parsed.phrases) {
    const x = p(phrase);
    terms.push(`(phraseto_tsquery('german', ${x}) || phraseto_tsquery('english', ${x}))`);
  }
  if (!terms.length) return null;
  for (const word of parsed.excluded) {
    const x = p(word);
    terms.push(`(!! (plainto_tsquery('german', ${x}) || plainto_tsquery('english', ${x})))`);
  }
  return { sql: `(${terms.join(' && ')})`, params };
}

/** The highlight markers ts_headline puts around matches; removed from the text beforehand. */
export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/** A headline with markers as parts, highlighted or not. */
export function snippetParts(headline: string): { text: string; highlighted: boolean }[] {
  const parts: { text: string; highlighted: boolean }[] = [];
  let rest = headline;
  while (rest.length) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      parts.push({ text: rest, highlighted: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), highlighted: false });
    const end = rest.indexOf(MARK_END, start);
    const stop = end < 0 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), highlighted: true });
    rest = rest.slice(stop + 1);
  }
  // Adjacent highlighted words read as one highlight.
  return parts.reduce<{ text: string; highlighted: boolean }[]>((acc, part) => {
    const last = acc[acc.length - 1];
    if (last && last.highlighted === part.highlighted) last.text += part.text;
    else acc.push({ ...part });
    return acc;
  }, []);
}
