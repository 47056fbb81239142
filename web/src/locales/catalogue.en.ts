// The English catalogue: every en.json under locales/, merged; a chunk of its own (catalogues.ts).
import { merge, type Tree } from './catalogues';

export default merge(import.meta.glob<Tree>('./**/en.json', { eager: true, import: 'default' }));
