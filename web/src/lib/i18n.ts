// Texts people read come from three catalogues: English, German with "Sie" (de) and German with
// "du" (de-informal, falling back to de for texts without a form of address). The person's
// language picks English or German; the organisation's form of address picks the German catalogue.
import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { isCatalogueName, loadCatalogue } from '../locales/catalogues';
import { setRequestLanguage } from './client';

export type Language = 'de' | 'en';
export type FormOfAddress = 'DU' | 'SIE';

export function catalogueFor(language: Language, formOfAddress: FormOfAddress): string {
  return language === 'en' ? 'en' : formOfAddress === 'DU' ? 'de-informal' : 'de';
}

function browserLanguage(): Language {
  const preferred = typeof navigator !== 'undefined' ? navigator.language : 'de';
  return preferred.toLowerCase().startsWith('de') ? 'de' : 'en';
}

function languageOf(catalogue: string): Language {
  return catalogue.startsWith('de') ? 'de' : 'en';
}

export const i18n = i18next.createInstance();

// Catalogues are loaded on demand, one chunk per catalogue: switching to a language fetches its
// texts first and switches when they are there, so the page never shows keys in between. German
// has every English text (checked by the catalogue tests), so only "du" falls back — to "Sie" —
// and German readers never download the English catalogue.
const backend = resourcesToBackend((catalogue: string) =>
  isCatalogueName(catalogue)
    ? loadCatalogue(catalogue)
    : Promise.reject(new Error(`there is no catalogue "${catalogue}"`)),
);

// The catalogue this browser showed last is kept, so that a reload starts in the reader's own
// language and form of address instead of switching after the first answer from the API.
const STORED_CATALOGUE = 'meilenstein.catalogue';

function storedCatalogue(): string | null {
  try {
    const stored =
      typeof localStorage !== 'undefined' ? localStorage.getItem(STORED_CATALOGUE) : null;
    return stored && isCatalogueName(stored) ? stored : null;
  } catch {
    return null; // storage may be switched off; the browser's language is then the start
  }
}

function storeCatalogue(catalogue: string): void {
  try {
    localStorage.setItem(STORED_CATALOGUE, catalogue);
  } catch {
    // without storage the next visit starts from the browser's language again
  }
}

const startCatalogue = storedCatalogue() ?? browserLanguage();

/**
 * Settles once the starting language's catalogue is loaded (or failed to load); the app renders
 * after it.
 */
export const i18nReady: Promise<unknown> = i18n
  .use(backend)
  .use(initReactI18next)
  .init({
    lng: startCatalogue,
    supportedLngs: ['en', 'de', 'de-informal'],
    lowerCaseLng: true,
    load: 'currentOnly',
    fallbackLng: { 'de-informal': ['de'] },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

// The catalogue last asked for and the switch to it: asking again while it loads changes nothing.
let requested: { catalogue: string; done: Promise<unknown> } = {
  catalogue: startCatalogue,
  done: i18nReady,
};
// The form of address last asked for, kept while the texts are English.
let requestedForm: FormOfAddress = startCatalogue === 'de-informal' ? 'DU' : 'SIE';

setRequestLanguage(languageOf(startCatalogue));
if (typeof document !== 'undefined') {
  document.documentElement.lang = languageOf(startCatalogue);
  // The page's language follows the texts it shows, which change once a catalogue has arrived.
  i18n.on('languageChanged', (catalogue: string) => {
    document.documentElement.lang = languageOf(catalogue);
  });
}

/**
 * Switches the interface to a person's language and their organisation's form of address — the
 * one way the app changes language. The texts change once that catalogue is loaded; the returned
 * promise settles then.
 */
export function applyLocale(
  language: Language,
  formOfAddress: FormOfAddress = 'SIE',
): Promise<unknown> {
  const next = catalogueFor(language, formOfAddress);
  requestedForm = formOfAddress;
  setRequestLanguage(language);
  if (next !== requested.catalogue) {
    requested = { catalogue: next, done: i18n.changeLanguage(next) };
    storeCatalogue(next);
  }
  return requested.done;
}

/**
 * The texts for a person as an organisation addresses them: their language, and the form of
 * address of the organisation they act for (Sie without one). Settles once the texts are shown.
 */
export function applyLocaleOf(reader: {
  person: { language: 'DE' | 'EN' };
  organization?: { formOfAddress: FormOfAddress } | null;
}): Promise<unknown> {
  return applyLocale(
    reader.person.language === 'DE' ? 'de' : 'en',
    reader.organization?.formOfAddress ?? 'SIE',
  );
}

/**
 * The form of address German texts use: the one last asked for (at the start, that of the
 * catalogue this browser showed last; Sie without one).
 */
export function currentFormOfAddress(): FormOfAddress {
  return requestedForm;
}

/** The BCP 47 locale for number and date formatting. */
export function formattingLocale(): string {
  return currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
}

export function currentLanguage(): Language {
  // Before the first catalogue has arrived i18next has no language yet; the app is not shown then.
  return languageOf(i18n.language || startCatalogue);
}
