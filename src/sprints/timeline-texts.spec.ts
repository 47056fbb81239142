// The timeline catalogues stay complete: English and German have the same keys with the same
// placeholders, every kind of entry (and each outcome a kind words differently) renders in both
// languages without a leftover placeholder, a catalogue key or an enum name, and German differs
// from English.
import { TIMELINE_CATALOGUES } from './timeline-texts';
import { Row, summary } from './timeline.service';
import { ChangeNoticeKind, ChangeNoticeStatus, TimelineKind } from './sprint.enums';

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keysOf(v, `${prefix}${k}.`),
  );
const textOf = (tree: Tree, key: string): string =>
  key.split('.').reduce<string | Tree>((t, k) => (t as Tree)[k]!, tree) as string;
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** A row of each kind, with each label its summary words differently. */
function rows(): Row[] {
  const row = (kind: TimelineKind, label: string | null = null, detail: string | null = null) => ({
    at: new Date(),
    kind,
    subject_type: 'Test',
    subject_id: '00000000-0000-0000-0000-000000000000',
    sprint_number: 2,
    actor_id: null,
    amount: '150000',
    currency: 'EUR',
    label,
    detail,
  });
  return Object.values(TimelineKind).flatMap((kind) => {
    switch (kind) {
      case TimelineKind.SPRINT_RESCHEDULED:
        return [row(kind, '2027-03-25', '9')];
      case TimelineKind.REALLOCATION_REQUESTED:
      case TimelineKind.REALLOCATION_DECIDED:
        return [row(kind, 'APPLIED'), row(kind, 'PENDING'), row(kind, 'REJECTED')];
      case TimelineKind.REFUND_DECIDED:
        return [row(kind, 'SETTLED'), row(kind, 'WAIVED')];
      case TimelineKind.NOTICE_FILED:
        return Object.values(ChangeNoticeKind).map((k) => row(kind, k));
      case TimelineKind.NOTICE_DECIDED:
        return Object.values(ChangeNoticeStatus).map((s) => row(kind, `STOP ${s}`));
      default:
        return [row(kind, 'MS-2027-0001', 'What we learned')];
    }
  });
}

describe('timeline catalogues', () => {
  const en = TIMELINE_CATALOGUES.en as Tree;
  const de = TIMELINE_CATALOGUES.de as Tree;

  it('have the same keys with the same placeholders in English and German', () => {
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
    for (const key of keysOf(en))
      expect([key, placeholders(textOf(de, key))]).toEqual([key, placeholders(textOf(en, key))]);
  });

  it('name every kind and status of change notice', () => {
    expect(Object.keys(en.noticeKind as Tree).sort()).toEqual(
      Object.values(ChangeNoticeKind).sort(),
    );
    expect(Object.keys(en.noticeStatus as Tree).sort()).toEqual(
      Object.values(ChangeNoticeStatus).sort(),
    );
  });

  it.each(rows().map((r) => [`${r.kind} ${r.label ?? ''}`, r] as const))(
    'word %s in both languages',
    (_name, row) => {
      const [german, english] = [summary(row, '1.500,00 €', 'de'), summary(row, '€1,500.00', 'en')];
      for (const text of [german, english]) {
        expect(text).not.toMatch(/\{\{|\}\}|timeline\.|notice(Kind|Status)\./);
        expect(text).not.toMatch(
          /\b(PIVOT|DELAY|OTHER_FUNDING|GOAL_UNREACHABLE|STOP|ACKNOWLEDGED|APPROVED|REJECTED|WITHDRAWN|OPEN)\b/,
        );
      }
      expect(german).not.toBe(english);
    },
  );
});
