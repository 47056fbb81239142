// The email catalogues stay complete and consistent: English and German have the same texts, the
// "du" catalogue only overrides German ones and says no "Sie", every key the code asks for exists,
// and every text renders without a leftover placeholder or an English stand-in in German.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DecisionKind } from '../applications/application.enums';
import { TrancheKind } from '../grants/grant.enums';
import { Role } from '../identity/roles';
import { LearningVisibility } from '../programmes/programme.enums';
import { ReportFormat, ReportKind } from '../reports/report.enums';
import { ChangeNoticeKind } from '../sprints/sprint.enums';
import { EMAIL_CATALOGUES, emailTexts } from './email-texts';
import {
  noticeKindWord,
  reportFormatWord,
  reportKindWord,
  trancheKindWord,
  weekName,
} from './email-words';
import { senderName } from './funder-brand.service';
import { greeting } from './greeting';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const english = flatten(EMAIL_CATALOGUES.en);
const german = flatten(EMAIL_CATALOGUES.de);
const informal = flatten(EMAIL_CATALOGUES['de-informal']);

/** A key as the code asks for it: without i18next's plural and context suffixes. */
const asked = (key: string) => key.replace(/_(one|other|informal)$/, '');
const askable = new Set([...english.keys()].map(asked));

const FORMAL = /\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b/;
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** German texts that are rightly the same as the English ones. */
const SAME_IN_GERMAN = new Set(['proofOfUse.period']);

const READERS = [
  { name: 'German, Sie', de: true, du: false },
  { name: 'German, du', de: true, du: true },
  { name: 'English, formal', de: false, du: false },
  { name: 'English, informal', de: false, du: true },
];

/** Source files that render emails, and the keys they ask for: `say('…')` or `emailTexts(…)('…')`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}
const KEY_CALL = /(?:\bsay|\))\(\s*(['`])([A-Za-z][\w.${}]*)\1/g;
const usedKeys = sourceFiles(join(__dirname, '..')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(KEY_CALL)].map((m) => ({ file, key: m[2] })),
);

describe('email catalogues', () => {
  it('German has every English text and no other', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('the du catalogue only overrides German texts that exist', () => {
    for (const key of informal.keys()) expect(german.has(key) ? key : `missing ${key}`).toBe(key);
  });

  it('every German text that says Sie has a du version, and the du catalogue says no Sie', () => {
    expect([...german].filter(([k, v]) => FORMAL.test(v) && !informal.has(k))).toEqual([]);
    expect([...informal].filter(([, v]) => FORMAL.test(v))).toEqual([]);
  });

  it('keeps the same placeholders in every catalogue', () => {
    for (const [key, value] of english) {
      expect([key, placeholders(german.get(key) ?? '')]).toEqual([key, placeholders(value)]);
      if (informal.has(key))
        expect([key, placeholders(informal.get(key)!)]).toEqual([key, placeholders(value)]);
    }
  });

  it('has a German text of its own wherever it has an English one', () => {
    const same = [...english].filter(
      ([k, v]) => !SAME_IN_GERMAN.has(k) && (german.get(k) === v || informal.get(k) === v),
    );
    expect(same).toEqual([]);
  });

  it('finds the keys the code asks for', () => {
    expect(usedKeys.length).toBeGreaterThan(5); // the pattern still finds the calls
    const missing = usedKeys.filter(({ key }) => {
      if (!key.includes('${')) return !askable.has(key);
      // A key built from a code (`words.noticeKind.${kind}`): some key has that shape.
      const shape = new RegExp(`^${key.replace(/\./g, '\\.').replace(/\$\{[^}]*\}/g, '[^.]+')}$`);
      return ![...askable].some((k) => shape.test(k));
    });
    expect(missing).toEqual([]);
  });

  it('has a text for every code the emails name', () => {
    const codes: [string, string[]][] = [
      ['words.noticeKind', Object.values(ChangeNoticeKind)],
      ['changeNotice.what', Object.values(ChangeNoticeKind)],
      ['words.reportKind', Object.values(ReportKind)],
      ['words.reportFormat', Object.values(ReportFormat)],
      ['words.trancheKind', Object.values(TrancheKind)],
      ['invitation.role', Object.values(Role)],
      ['applicationDecided.headline', Object.values(DecisionKind)],
      ['learningShare.wider', [LearningVisibility.PROGRAMME, LearningVisibility.PUBLIC]],
    ];
    const missing = codes.flatMap(([table, values]) =>
      values.map((v) => `${table}.${v}`).filter((key) => !english.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it.each(READERS)('renders every text for a reader of $name', (reader) => {
    const say = emailTexts(reader);
    for (const key of askable) {
      const values = Object.fromEntries(
        placeholders(english.get(key) ?? english.get(`${key}_other`) ?? '').map((p) => [p, 'X']),
      );
      const text = say(key, { ...values, count: 2, context: reader.du ? 'informal' : undefined });
      expect([key, text.includes('{{'), text === key, text.length > 0]).toEqual([
        key,
        false,
        false,
        true,
      ]);
      if (reader.de && !SAME_IN_GERMAN.has(key))
        expect([key, text]).not.toEqual([key, emailTexts({ de: false, du: false })(key, values)]);
    }
  });
});

describe('shared email words', () => {
  it('greets in each language and form of address', () => {
    expect(greeting('Ada Lovelace', true, false)).toBe('Guten Tag Ada Lovelace,');
    expect(greeting('Ada Lovelace', true, true)).toBe('Hallo Ada,');
    expect(greeting('Ada Lovelace', false, false)).toBe('Dear Ada Lovelace,');
    expect(greeting('Ada Lovelace', false, true)).toBe('Hello Ada,');
    expect(greeting('Dr. Ada Lovelace', true, true)).toBe('Hallo Dr. Ada Lovelace,');
    expect(['', ' '].map((name) => greeting(name, true, false))).toEqual([
      'Guten Tag,',
      'Guten Tag,',
    ]);
    expect(greeting('', true, true)).toBe('Hallo,');
    expect(greeting('', false, false)).toBe('Hello,');
    expect(greeting('', false, true)).toBe('Hello,');
  });

  it('names codes as words, and an unknown code as "other"', () => {
    expect(noticeKindWord('PIVOT', true)).toBe('Kurswechsel (Pivot)');
    expect(noticeKindWord('PIVOT', false)).toBe('pivot');
    expect(reportKindWord('GRANT', true)).toBe('Förderbericht');
    expect(reportFormatWord('XLSX', false)).toBe('Excel spreadsheet');
    expect(trancheKindWord('HOLDBACK', true)).toBe('Schlusszahlung (Einbehalt)');
    expect(trancheKindWord('SOMETHING_NEW', true)).toBe('Sonstiges');
    expect(reportKindWord('SOMETHING_NEW', false)).toBe('other');
  });

  it('names weeks and senders as each language does', () => {
    expect(weekName('2026-W08', true)).toBe('KW 8/2026');
    expect(weekName('2026-W48', false)).toBe('week 48 of 2026');
    expect(senderName('Stiftung "Zukunft"', 'Meilenstein', true)).toBe(
      'Stiftung Zukunft über Meilenstein',
    );
    expect(senderName('Future Fund', 'Meilenstein', false)).toBe('Future Fund via Meilenstein');
  });

  it('counts in words: one day, several days', () => {
    const de = emailTexts({ de: true, du: true });
    const en = emailTexts({ de: false, du: false });
    expect([1, 3].map((count) => de('decisionWaiting.days', { count }))).toEqual([
      'einem Tag',
      '3 Tagen',
    ]);
    expect([1, 3].map((count) => en('decisionWaiting.days', { count }))).toEqual([
      'a day',
      '3 days',
    ]);
    expect([0, 1].map((count) => de('weeklyDigest.grants', { count }))).toEqual([
      '0 Förderungen',
      '1 Förderung',
    ]);
    // How long a link lasts, configured down to one (no "1 hours").
    expect([1, 48].map((count) => de('verifyEmail.lines.validity', { count }))).toEqual([
      'Der Link gilt eine Stunde und nur einmal.',
      'Der Link gilt 48 Stunden und nur einmal.',
    ]);
    expect(en('invitation.lines.validity', { count: 1 })).toMatch(
      /^The link works once and for one day\./,
    );
    expect(en('reportReady.lines.ready', { count: 7, kind: 'a', format: 'b' })).toContain('7 days');
  });

  it('puts values in as they are: the HTML part escapes them where it is built', () => {
    const en = emailTexts({ de: false, du: false });
    expect(en('mail.comment', { comment: '<b>&"' })).toBe('Comment: <b>&"');
    // A title that looks like a placeholder or a nested text stays as written.
    expect(en('mail.comment', { comment: '{{link}} $t(words.other)' })).toBe(
      'Comment: {{link}} $t(words.other)',
    );
  });
});
