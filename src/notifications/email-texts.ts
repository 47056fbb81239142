// Every text of an email comes from three catalogues, as in the web app: English (en), German
// with "Sie" (de) and German with "du" (de-informal, which holds only the texts that differ and
// falls back to de). The reader's language picks English or German; the organisation's form of
// address picks the German catalogue. Values (titles, amounts, days) are formatted before they are
// put in; the HTML part escapes the finished lines where it is built (html.ts), so nothing is
// escaped here.
import { catalogueTexts } from '../core/i18n/catalogue-texts';
import de from './catalogues/de.json';
import deInformal from './catalogues/de-informal.json';
import en from './catalogues/en.json';

export const EMAIL_CATALOGUES = { en, de, 'de-informal': deInformal };
export type EmailCatalogue = keyof typeof EMAIL_CATALOGUES;

/** A text of one catalogue, its `{{placeholders}}` filled from `values`. */
export type Say = (key: string, values?: Record<string, unknown>) => string;

// Only "du" falls back (to "Sie"); English and German never stand in for each other.
const textsIn = catalogueTexts(EMAIL_CATALOGUES, { 'de-informal': ['de'] });

export function catalogueFor(de: boolean, du: boolean): EmailCatalogue {
  return de ? (du ? 'de-informal' : 'de') : 'en';
}

/** The texts for a reader of `de` (else English) whose organisation says "du" (`du`) or "Sie". */
export function emailTexts({ de, du }: { de: boolean; du: boolean }): Say {
  const t = textsIn(catalogueFor(de, du));
  return (key, values) => String(t(key, values ?? {}));
}
