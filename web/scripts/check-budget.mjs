// Checks the first page's JavaScript against its budget. The first page a newcomer sees is the
// log-in page: the entry chunk, everything it imports statically, and the log-in route's split
// chunks with their static imports — all gzipped, as a browser downloads them. Reads the Vite
// manifest of `vite build`; exits 1 above the budget.
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

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
[entry, ...firstPage].forEach(visit);

let total = 0;
for (const file of files) {
  if (!file.endsWith('.js')) continue;
  total += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}
const kb = total / 1024;
console.log(
  `first-page JavaScript: ${kb.toFixed(1)} KB gzipped in ${files.size} files (budget ${BUDGET_KB} KB)`,
);
if (kb > BUDGET_KB) {
  console.error(`over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
