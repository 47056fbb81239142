// The timeline's summaries come from two catalogues, English and German (src/sprints/catalogues):
// the app and the reports show them, and none addresses the reader, so there is no "du" version.
// Values (amounts, days, titles) are formatted before they are put in; the catalogue's texts are
// the same in both languages' keys (src/sprints/timeline-texts.spec.ts).
import { catalogueTexts } from '../core/i18n/catalogue-texts';
import de from './catalogues/de.json';
import en from './catalogues/en.json';

export const TIMELINE_CATALOGUES = { en, de };

// English and German never stand in for each other: a missing text shows in the spec, not here.
const textsIn = catalogueTexts(TIMELINE_CATALOGUES, false);

/** A timeline text in `language`, its `{{placeholders}}` filled from `values`. */
export function timelineText(
  language: 'de' | 'en',
  key: string,
  values: Record<string, unknown> = {},
): string {
  return String(textsIn(language)(key, values));
}
