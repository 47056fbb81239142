// The message catalogues: the shared texts in `locales/<catalogue>.json` and each area's texts in
// `locales/<area>/<catalogue>.json`, merged into one tree per catalogue. An area owns its
// top-level keys; two files defining the same top-level key is an error, not a silent override.
// Each catalogue is assembled in its own module (`catalogue.<name>.ts`) and so becomes its own
// chunk of the build: the app downloads the language a person reads, not all three. The "du"
// catalogue holds only the texts that differ from "Sie"; German falls back to it (see lib/i18n).
export type Tree = { [key: string]: string | Tree };
export type CatalogueName = 'en' | 'de' | 'de-informal';

/** Merges one catalogue's files (path → tree) into one tree, rejecting a key defined twice. */
export function merge(files: Record<string, Tree>): Tree {
  const merged: Tree = {};
  for (const path of Object.keys(files).sort()) {
    for (const [key, value] of Object.entries(files[path])) {
      if (key in merged)
        throw new Error(`${path} defines "${key}", which another catalogue file defines too`);
      merged[key] = value;
    }
  }
  return merged;
}

const loaders: Record<CatalogueName, () => Promise<{ default: Tree }>> = {
  en: () => import('./catalogue.en'),
  de: () => import('./catalogue.de'),
  'de-informal': () => import('./catalogue.de-informal'),
};

export function isCatalogueName(name: string): name is CatalogueName {
  return Object.hasOwn(loaders, name);
}

/** One catalogue's texts, fetched on first use (the bundler caches the module after that). */
export async function loadCatalogue(name: CatalogueName): Promise<Tree> {
  return (await loaders[name]()).default;
}
