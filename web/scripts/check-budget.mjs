// Checks the first page's JavaScript against its budget. The first page a newcomer sees is the
// log-in page: the entry chunk, everything it imports statically, and the log-in route's split
// chunks with their static imports, and the message catalogue the app loads before its first
// render (English or German, whichever is larger; the other languages load on a switch) — all
// gzipped, as a browser downloads them. Reads the Vite manifest of `vite build`; exits 1 above the
// budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.FIRST_PAGE_JS_BUDGET_KB ?? 250);
const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const firstPage = Object.keys(manifest).filter((key) => key.startsWith('src/routes/login.tsx'));
if (!entry || firstPage.length === 0) {
  console.error(
    'check-budget: entry or log-in route not found in the manifest; run `vite build` first.',
  );
  process.exit(1);
}

const startCatalogues = ['en', 'de'].map((name) => `src/locales/catalogue.${name}.ts`);
if (startCatalogues.some((key) => !manifest[key])) {
  console.error('check-budget: the en and de catalogue chunks are not in the manifest.');
  process.exit(1);
}

const gzipped = (file) =>
  file.endsWith('.js') ? gzipSync(readFileSync(join(dist, file)), { level: 9 }).length : 0;
/** The files of the given chunks and their static imports, beyond those already in `seen`. */
const closure = (keys, seen = new Set()) => {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file) || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
};
const sum = (files) => [...files].reduce((total, file) => total + gzipped(file), 0);

const files = closure([entry, ...firstPage]);
const code = sum(files);
const catalogue = Math.max(...startCatalogues.map((key) => sum(closure([key], files))));
const kb = (code + catalogue) / 1024;
console.log(
  `first-page JavaScript: ${kb.toFixed(1)} KB gzipped (${(code / 1024).toFixed(1)} KB code in ` +
    `${files.size} files, ${(catalogue / 1024).toFixed(1)} KB message catalogue; budget ${BUDGET_KB} KB)`,
);
if (kb > BUDGET_KB) {
  console.error(`over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
