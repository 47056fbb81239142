// Texts the server writes for people (emails, the timeline) come from JSON catalogues, read through
// i18next as in the web app. One instance per set of catalogues, initialised at once from memory;
// values are formatted and, where a text becomes HTML, escaped by the caller, so i18next escapes
// nothing.
import i18next, { ResourceKey, TFunction } from 'i18next';

/**
 * The texts of `catalogues` (one per language), with `fallbackLng` naming which catalogue may
 * stand in for which (false: none): `textsIn(language)` answers the text function of one.
 */
export function catalogueTexts<L extends string>(
  catalogues: Record<L, ResourceKey>,
  fallbackLng: Record<string, string[]> | false,
): (language: L) => TFunction {
  const texts = i18next.createInstance();
  void texts.init({
    resources: Object.fromEntries(
      Object.entries<ResourceKey>(catalogues).map(([language, translation]) => [
        language,
        { translation },
      ]),
    ),
    lng: Object.keys(catalogues)[0],
    supportedLngs: Object.keys(catalogues),
    fallbackLng,
    // Resources are in memory: initialised before the first text is asked for.
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return (language) => texts.getFixedT(language);
}
