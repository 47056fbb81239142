// Texts people read come from three catalogues: English, German with "Sie" (de) and German with
// "du" (de-informal, falling back to de for texts without a form of address). The person's
// language picks English or German; the organisation's form of address picks the German catalogue.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '../locales/catalogues';
import { setRequestLanguage } from './client';

export type Language = 'de' | 'en';
export type FormOfAddress = 'DU' | 'SIE';

export const resources = {
  en: { translation: catalogues.en },
  de: { translation: catalogues.de },
  'de-informal': { translation: catalogues['de-informal'] },
} as const;

export function catalogueFor(language: Language, formOfAddress: FormOfAddress): string {
  return language === 'en' ? 'en' : formOfAddress === 'DU' ? 'de-informal' : 'de';
}

function browserLanguage(): Language {
  const preferred = typeof navigator !== 'undefined' ? navigator.language : 'de';
  return preferred.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: browserLanguage(),
  supportedLngs: ['en', 'de', 'de-informal'],
  lowerCaseLng: true,
  load: 'currentOnly',
  fallbackLng: { 'de-informal': ['de'], default: ['en'] },
  interpolation: { escapeValue: false },
  returnNull: false,
});
setRequestLanguage(i18n.language.startsWith('de') ? 'de' : 'en');
if (typeof document !== 'undefined')
  document.documentElement.lang = i18n.language.startsWith('de') ? 'de' : 'en';

/** Switches the interface to a person's language and their organisation's form of address. */
export function applyLocale(language: Language, formOfAddress: FormOfAddress = 'SIE'): void {
  const next = catalogueFor(language, formOfAddress);
  setRequestLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  if (i18n.language !== next) void i18n.changeLanguage(next);
}

/** The BCP 47 locale for number and date formatting. */
export function formattingLocale(): string {
  return i18n.language.startsWith('de') ? 'de-DE' : 'en-GB';
}

export function currentLanguage(): Language {
  return i18n.language.startsWith('de') ? 'de' : 'en';
}
