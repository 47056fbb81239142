// The message catalogues: the shared texts in `locales/<catalogue>.json` and each area's texts in
// `locales/<area>/<catalogue>.json`, merged into one tree per catalogue. An area owns its
// top-level keys; two files defining the same top-level key is an error, not a silent override.
export type Tree = { [key: string]: string | Tree };
export type CatalogueName = 'en' | 'de' | 'de-informal';

const files = import.meta.glob<Tree>('./**/*.json', { eager: true, import: 'default' });

function assemble(name: CatalogueName): Tree {
  const merged: Tree = {};
  for (const path of Object.keys(files).sort()) {
    if (!path.endsWith(`/${name}.json`)) continue;
    for (const [key, value] of Object.entries(files[path])) {
      if (key in merged)
        throw new Error(`${path} defines "${key}", which another catalogue file defines too`);
      merged[key] = value;
    }
  }
  return merged;
}

export const catalogues: Record<CatalogueName, Tree> = {
  en: assemble('en'),
  de: assemble('de'),
  'de-informal': assemble('de-informal'),
};
