// The German catalogue ("Sie"): every de.json under locales/, merged; a chunk of its own
// (catalogues.ts).
import { merge, type Tree } from './catalogues';

export default merge(import.meta.glob<Tree>('./**/de.json', { eager: true, import: 'default' }));
