// The commons for other platforms and for readers without JavaScript: one public learning as
// plain data (the JSON export's entries), as an HTML document (its stable URL, which also loads
// the web app), and all of them as an Atom feed (RFC 4287). Pure functions: the callers load
// learnings and their pseudonymised sources. Everything a person wrote is escaped.
import { LearningSource } from './dto/learning.types';
import type { Learning } from './learning.entity';
import { LICENCES } from './learning.enums';

export interface PublicLearning {
  id: string;
  url: string;
  title: string;
  kind: string;
  tried: string;
  happened: string;
  learned: string;
  tags: string[];
  sprintNumber: number | null;
  programme: { id: string; title: string };
  funder: { id: string; name: string };
  /** Named: the author (team or funder) and, for a team, its grant; pseudonymised: null. */
  author: {
    kind: string;
    name: string;
    grant: { title: string; reference: string } | null;
  } | null;
  /** How to credit it: the author's name, or "A grantee of programme …". */
  attribution: string;
  licence: { id: string; name: string; url: string };
  publishedAt: string;
  updatedAt: string;
  helpfulCount: number;
}

export const commonsPath = (id?: string) => (id ? `/commons/${id}` : '/commons');

export function attributionText(source: LearningSource, de: boolean): string {
  if (source.named && source.authorName) return source.authorName;
  return de
    ? `Ein Förderpartner des Programms „${source.programmeTitle}“ (${source.funderName})`
    : `A grantee of the programme “${source.programmeTitle}” (${source.funderName})`;
}

export function publicLearning(l: Learning, source: LearningSource, base: string): PublicLearning {
  const licence = LICENCES[l.licence];
  return {
    id: l.id,
    url: `${base}${commonsPath(l.id)}`,
    title: l.title,
    kind: l.kind,
    tried: l.tried,
    happened: l.happened,
    learned: l.learned,
    tags: l.tags,
    sprintNumber: l.sprintNumber,
    programme: { id: source.programmeId, title: source.programmeTitle },
    funder: { id: source.funderId, name: source.funderName },
    author:
      source.named && source.authorName
        ? {
            kind: source.authorKind,
            name: source.authorName,
            grant:
              source.grantTitle && source.grantReference
                ? { title: source.grantTitle, reference: source.grantReference }
                : null,
          }
        : null,
    attribution: attributionText(source, false),
    licence: { id: licence.spdx, name: licence.name, url: licence.url },
    publishedAt: (l.publishedAt ?? l.createdAt).toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    helpfulCount: l.helpfulCount,
  };
}

// eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // Characters XML 1.0 does not allow at all.
      .replace(XML_FORBIDDEN, '')
  );
}
const e = escapeXml;

const KIND = {
  en: { INSIGHT: 'Insight', FAILURE: 'Failure', SURPRISE: 'Surprise' },
  de: { INSIGHT: 'Erkenntnis', FAILURE: 'Fehlschlag', SURPRISE: 'Überraschung' },
} as Record<'en' | 'de', Record<string, string>>;

const TEXT = {
  en: {
    tried: 'What was tried',
    happened: 'What happened',
    learned: 'What was learned',
    licence: 'Licence',
    by: 'By',
    sprint: 'Sprint',
    programme: 'Programme',
    commons: 'The learning commons',
    tags: 'Tags',
  },
  de: {
    tried: 'Was versucht wurde',
    happened: 'Was passiert ist',
    learned: 'Was gelernt wurde',
    licence: 'Lizenz',
    by: 'Von',
    sprint: 'Sprint',
    programme: 'Programm',
    commons: 'Die Lern-Allmende',
    tags: 'Schlagwörter',
  },
};

/** The article a reader without JavaScript gets; the web app replaces it when it starts. */
export function learningArticle(p: PublicLearning, lang: 'en' | 'de'): string {
  const t = TEXT[lang];
  const para = (s: string) =>
    s
      .split(/\n{2,}/)
      .map((x) => `<p>${e(x).replace(/\n/g, '<br>')}</p>`)
      .join('');
  const attribution = attributionText(
    {
      named: !!p.author,
      authorName: p.author?.name ?? null,
      programmeTitle: p.programme.title,
      funderName: p.funder.name,
    } as LearningSource,
    lang === 'de',
  );
  return `<main id="commons-learning">
<p><a href="${commonsPath()}">${e(t.commons)}</a></p>
<article lang="${lang}">
<h1>${e(p.title)}</h1>
<p>${e(KIND[lang][p.kind] ?? p.kind)} · ${e(t.programme)}: ${e(p.programme.title)} (${e(p.funder.name)})${p.sprintNumber ? ` · ${e(t.sprint)} ${p.sprintNumber}` : ''}</p>
<p>${e(t.by)}: ${e(attribution)}</p>
<h2>${e(t.tried)}</h2>${para(p.tried)}
<h2>${e(t.happened)}</h2>${para(p.happened)}
<h2>${e(t.learned)}</h2>${para(p.learned)}
${p.tags.length ? `<p>${e(t.tags)}: ${p.tags.map(e).join(', ')}</p>` : ''}
<p>${e(t.licence)}: <a rel="license" href="${e(p.licence.url)}">${e(p.licence.name)}</a> · <time datetime="${e(p.publishedAt)}">${e(p.publishedAt.slice(0, 10))}</time></p>
</article>
</main>`;
}

/**
 * The learning's HTML document: the web app's index.html with the learning's title, description,
 * canonical URL and licence in the head and the article in the app's root element (the app
 * replaces it when it starts). Without a built app, a plain document.
 */
export function learningPage(
  p: PublicLearning,
  lang: 'en' | 'de',
  appShell: string | null,
): string {
  const description = p.learned.replace(/\s+/g, ' ').slice(0, 200);
  const head = `<title>${e(p.title)} – Meilenstein</title>
<meta name="description" content="${e(description)}">
<link rel="canonical" href="${e(p.url)}">
<link rel="license" href="${e(p.licence.url)}">
<link rel="alternate" type="application/atom+xml" href="${commonsPath()}/feed.atom" title="${e(TEXT[lang].commons)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${e(p.title)}">
<meta property="og:description" content="${e(description)}">
<meta property="og:url" content="${e(p.url)}">`;
  const article = learningArticle(p, lang);
  if (appShell && appShell.includes('<div id="root"></div>'))
    return appShell
      .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
      .replace(/<title>[^<]*<\/title>/, head)
      .replace('<div id="root"></div>', `<div id="root">${article}</div>`);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
</head>
<body>
${article}
</body>
</html>`;
}

/** The Atom feed of public learnings (RFC 4287): id, title, updated on feed and entries; author. */
export function atomFeed(entries: PublicLearning[], base: string): string {
  const updated = entries.reduce(
    (max, x) => (x.updatedAt > max ? x.updatedAt : max),
    '1970-01-01T00:00:00.000Z',
  );
  const entry = (p: PublicLearning) => `  <entry>
    <id>urn:uuid:${p.id}</id>
    <title type="text">${e(p.title)}</title>
    <link rel="alternate" type="text/html" href="${e(p.url)}"/>
    <link rel="license" href="${e(p.licence.url)}"/>
    <published>${p.publishedAt}</published>
    <updated>${p.updatedAt}</updated>
    <author><name>${e(p.attribution)}</name></author>
    <category term="${e(p.kind)}"/>
${p.tags.map((t) => `    <category term="${e(t)}"/>`).join('\n')}
    <summary type="text">${e(p.learned)}</summary>
    <content type="text">${e([p.tried, p.happened, p.learned].join('\n\n'))}</content>
    <rights type="text">${e(`${p.licence.name} — ${p.attribution}`)}</rights>
  </entry>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${e(`${base}${commonsPath()}`)}</id>
  <title type="text">Meilenstein – the learning commons</title>
  <subtitle type="text">What funded teams and funders learned — failures first.</subtitle>
  <updated>${updated}</updated>
  <author><name>Meilenstein</name></author>
  <link rel="self" type="application/atom+xml" href="${e(`${base}${commonsPath()}/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${e(`${base}${commonsPath()}`)}"/>
  <generator>Meilenstein</generator>
${entries.map(entry).join('\n')}
</feed>
`;
}
