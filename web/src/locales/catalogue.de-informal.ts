// The German "du" catalogue: every de-informal.json under locales/, merged — only the texts that
// differ from "Sie"; the rest comes from de (lib/i18n). A chunk of its own (catalogues.ts).
import { merge, type Tree } from './catalogues';

export default merge(
  import.meta.glob<Tree>('./**/de-informal.json', { eager: true, import: 'default' }),
);
