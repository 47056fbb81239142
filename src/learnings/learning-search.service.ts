// Finding learnings: full text in German and English ranked by relevance (newest first without
// text), highlighted snippets, facet counts, tag suggestions and similar learnings — always over
// what the caller may read. One SQL statement per search.
//
// Speed at 100,000 learnings: a common word matches a fifth of the commons, and reading every
// match's full text vector (stored out of line) to rank it, then counting five facets over all of
// them, takes hundreds of milliseconds. So a search takes the first CANDIDATES matches the GIN
// index yields (its bitmap, never a scan of the table: the planner is told so for this one
// statement), ranks them by their title's small vector (title matches first, by how well the title
// matches, then newest first) and counts facets over them. When more match, `countsComplete` is
// false and totalCount and the facets count those candidates only — the API says so rather than
// being silently wrong. Snippets are made for the page's rows alone.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError } from '../core/errors/app-error';
import { cursorPosition, positionCursor } from '../core/pagination/connection';
import { LearningVisibility } from '../programmes/programme.enums';
import {
  LearningSearchArgs,
  PublicLearningSearchArgs,
  SimilarLearningsArgs,
  TagSuggestionArgs,
} from './dto/learning.inputs';
import { FacetCount, LearningSearchConnection, TagSuggestion } from './dto/learning.types';
import { Learning } from './learning.entity';
import { LearningScope } from './learning.enums';
import {
  compoundCandidates,
  compoundParts,
  MARK_END,
  MARK_START,
  parseSearch,
  searchForm,
  snippetParts,
  tsqueryExpression,
  wordAlternatives,
} from './search-query';

const PAGE = 20;
/** How many matches a search ranks, counts and pages through at most. */
export const CANDIDATES = 1000;
const HEADLINE = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const BODY = `translate(concat_ws(' ', l.tried, l.happened, l.learned), '${MARK_START}${MARK_END}', '')`;

/** Who reads: an organisation (signed in) or everyone (public pages, feed, export). */
export type Reader = { orgId: string; scope: LearningScope } | { orgId: null };

function cursorOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const position = cursorPosition(cursor);
  if (position === null)
    throw BadUserInputError.forField(
      'after',
      'is not a cursor of this search',
      'ist kein Cursor dieser Suche',
    );
  return position;
}

/** Visibility as SQL over alias `l`, for a reader; `$1` is the organisation where there is one. */
export function readableBy(reader: Reader): string {
  const pub = `l.visibility = '${LearningVisibility.PUBLIC}'`;
  if (reader.orgId === null) return pub;
  const takesPart = `l.programme_id IN (SELECT g.programme_id FROM "grant" g WHERE g.grantee_organization_id = $1)`;
  const all = `(l.author_organization_id = $1 OR l.funder_organization_id = $1
    OR (l.visibility = '${LearningVisibility.PROGRAMME}' AND ${takesPart}) OR ${pub})`;
  switch (reader.scope) {
    case LearningScope.OWN:
      return `l.author_organization_id = $1`;
    case LearningScope.PROGRAMMES:
      return `(${all} AND (l.funder_organization_id = $1 OR ${takesPart}))`;
    case LearningScope.PUBLIC:
      return pub;
    default:
      return all;
  }
}

function emptySearch(offset: number): LearningSearchConnection {
  return {
    edges: [],
    nodes: [],
    totalCount: 0,
    countsComplete: true,
    pageInfo: {
      hasNextPage: false,
      hasPreviousPage: offset > 0,
      startCursor: null,
      endCursor: null,
    },
    facets: { kinds: [], tags: [], programmes: [], funders: [], years: [] },
  };
}

@Injectable()
export class LearningSearchService {
  constructor(private readonly db: Database) {}

  search(ctx: RequestContext, args: LearningSearchArgs): Promise<LearningSearchConnection> {
    return this.run(ctx, { orgId: ctx.orgId, scope: args.scope ?? LearningScope.ALL }, args);
  }

  searchPublic(
    ctx: RequestContext,
    args: PublicLearningSearchArgs,
  ): Promise<LearningSearchConnection> {
    return this.run(ctx, { orgId: null }, args);
  }

  /**
   * How each word is searched: its German and English stems and the compound parts of it that the
   * commons' vocabulary knows, as tsquery texts — one statement for all words.
   */
  private async alternatives(ctx: RequestContext, words: string[]): Promise<Map<string, string[]>> {
    const candidates = [...new Set(words.flatMap(compoundCandidates))];
    const rows: { word: string; de: string; en: string; known: string[] | null }[] = await this.db
      .manager(ctx)
      .query(
        `SELECT w.word, to_tsquery('german', w.form)::text AS de, to_tsquery('english', w.form)::text AS en,
                (SELECT array_agg(term) FROM learning_term WHERE term = ANY($3::text[])) AS known
           FROM unnest($1::text[], $2::text[]) AS w(word, form)`,
        [words, words.map(searchForm), candidates],
      );
    const known = new Set(rows[0]?.known ?? []);
    return new Map(
      rows.map((r) => [r.word, wordAlternatives([r.de, r.en], compoundParts(r.word, known))]),
    );
  }

  private async run(
    ctx: RequestContext,
    reader: Reader,
    args: PublicLearningSearchArgs,
  ): Promise<LearningSearchConnection> {
    const first = args.first ?? PAGE;
    const offset = cursorOffset(args.after);
    const params: unknown[] = reader.orgId === null ? [null] : [reader.orgId];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const rule =
      reader.orgId === null ? `$1::uuid IS NULL AND ${readableBy(reader)}` : readableBy(reader);
    // The reader's narrowing, on indexed columns (`@>` so the tags' GIN index can serve it).
    const where: string[] = [];
    if (args.kind) where.push(`l.kind = ${add(args.kind)}`);
    if (args.tag) where.push(`l.tags @> ARRAY[${add(args.tag.toLowerCase())}::text]`);
    if (args.programmeId) where.push(`l.programme_id = ${add(args.programmeId)}`);
    if (args.funderId) where.push(`l.funder_organization_id = ${add(args.funderId)}`);
    if (args.year)
      where.push(
        `l.created_at >= make_timestamptz(${add(args.year)}::int, 1, 1, 0, 0, 0, 'Europe/Berlin') AND l.created_at < make_timestamptz(${add(args.year + 1)}::int, 1, 1, 0, 0, 0, 'Europe/Berlin')`,
      );

    let q = `NULL::tsquery`;
    const parsed = args.text ? parseSearch(args.text) : null;
    if (parsed) {
      const expr = tsqueryExpression(
        parsed,
        await this.alternatives(ctx, parsed.words),
        params.length + 1,
      );
      // Only words too common to search for ("und", "the"): nothing matches them, as before the
      // stems were looked up here.
      if (!expr && parsed.words.length) return emptySearch(offset);
      if (!expr)
        throw BadUserInputError.forField(
          'text',
          'has no words to search for',
          'enthält keine Wörter, nach denen gesucht werden kann',
        );
      params.push(...expr.params);
      q = expr.sql;
    }
    const limit = add(first + 1);
    const skip = add(offset);
    const ranked = parsed !== null;
    // With text: the index's matches (the OFFSET 0 keeps the reader's visibility rule out of the
    // scan, so the scan is the GIN bitmaps alone), the first CANDIDATES + 1 of them. Without: the
    // newest.
    const candidates = ranked
      ? `SELECT l.id, l.kind, l.tags, l.programme_id, l.funder_organization_id, l.created_at,
                ts_rank(l.search_title, q.q) AS rank
           FROM (SELECT l.* FROM learning l, q WHERE ${['l.search @@ q.q', ...where].join(' AND ')} OFFSET 0) l, q
          WHERE ${rule}
          LIMIT ${CANDIDATES + 1}`
      : `SELECT l.id, l.kind, l.tags, l.programme_id, l.funder_organization_id, l.created_at,
                0::real AS rank
           FROM learning l
          WHERE ${[rule, ...where].join(' AND ')}
          ORDER BY l.created_at DESC
          LIMIT ${CANDIDATES + 1}`;
    const facet = (select: string, from: string, group: string) =>
      `(SELECT coalesce(json_agg(f), '[]') FROM (SELECT ${select}, count(*)::int AS count FROM ${from} GROUP BY ${group} ORDER BY count DESC, 1 LIMIT 20) f)`;
    const sql = `
      WITH q AS (SELECT ${q} AS q),
      found AS MATERIALIZED (${candidates}),
      m AS (SELECT * FROM found ORDER BY rank DESC, created_at DESC, id DESC LIMIT ${CANDIDATES}),
      page AS (
        SELECT id, rank, created_at FROM m ORDER BY rank DESC, created_at DESC, id DESC LIMIT ${limit} OFFSET ${skip}
      )
      SELECT
        (SELECT count(*)::int FROM m) AS total,
        (SELECT count(*) <= ${CANDIDATES} FROM found) AS complete,
        (SELECT coalesce(json_agg(p ORDER BY p.rank DESC, p.created_at DESC, p.id DESC), '[]') FROM (
           SELECT page.id, page.rank, page.created_at,
                  ${
                    ranked
                      ? `h.de, CASE WHEN strpos(h.de, '${MARK_START}') = 0 AND NOT l.search_title @@ q.q THEN ts_headline('english', ${BODY}, q.q, '${HEADLINE}') END AS en`
                      : `left(${BODY}, 240) AS de, NULL AS en`
                  }
             FROM page JOIN learning l ON l.id = page.id, q${
               ranked
                 ? `, LATERAL (SELECT ts_headline('german', ${BODY}, q.q, '${HEADLINE}') AS de) h`
                 : ''
             }) p) AS page,
        ${facet(`kind AS value, NULL AS label`, 'm', 'kind')} AS kinds,
        ${facet(`t AS value, NULL AS label`, 'm, unnest(m.tags) t', 't')} AS tags,
        ${facet(`m.programme_id::text AS value, p.title AS label`, 'm JOIN programme p ON p.id = m.programme_id', 'm.programme_id, p.title')} AS programmes,
        ${facet(`m.funder_organization_id::text AS value, o.name AS label`, 'm JOIN organization o ON o.id = m.funder_organization_id', 'm.funder_organization_id, o.name')} AS funders,
        ${facet(`extract(year FROM m.created_at AT TIME ZONE 'Europe/Berlin')::int::text AS value, NULL AS label`, 'm', '1')} AS years`;
    type Row = {
      total: number;
      complete: boolean;
      page: { id: string; rank: number; de: string; en: string | null }[];
      kinds: FacetCount[];
      tags: FacetCount[];
      programmes: FacetCount[];
      funders: FacetCount[];
      years: FacetCount[];
    };
    const row = ranked
      ? await this.db.transaction(ctx, async (tx) => {
          // A common word matches a large share of the rows; the planner may then prefer reading
          // the table and every row's out-of-line text vector over the index's bitmap, which with
          // the LIMIT above is the slower path by far. SET LOCAL ends with the transaction.
          const m = this.db.manager(tx);
          await m.query(`SET LOCAL enable_seqscan = off`);
          const [r] = await m.query<Row[]>(sql, params);
          return r;
        })
      : (await this.db.manager(ctx).query<Row[]>(sql, params))[0];
    const hits = row.page.slice(0, first);
    const learnings = hits.length
      ? await this.db.rowsWhereIn(
          ctx,
          Learning,
          'id',
          hits.map((h) => h.id),
        )
      : [];
    const byId = new Map(learnings.map((l) => [l.id, l]));
    const edges = hits
      .filter((h) => byId.has(h.id))
      .map((h, i) => {
        // The German headline when it highlights anything, else the English one — made only where
        // the title does not match already (the title shows why the learning is there; a second
        // headline per row was a fifth of a search's time).
        const headline = h.de.includes(MARK_START) || !h.en ? h.de : h.en;
        return {
          cursor: positionCursor(offset + i + 1),
          node: byId.get(h.id)!,
          rank: Number(h.rank),
          snippet: snippetParts(headline),
        };
      });
    return {
      edges,
      nodes: edges.map((e) => e.node),
      totalCount: row.total,
      countsComplete: row.complete,
      pageInfo: {
        hasNextPage: row.page.length > first,
        hasPreviousPage: offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      facets: {
        kinds: row.kinds,
        tags: row.tags,
        programmes: row.programmes,
        funders: row.funders,
        years: row.years,
      },
    };
  }

  /** Tags in use among what the reader may read, most used first. */
  async tagSuggestions(
    ctx: RequestContext,
    reader: Reader,
    args: TagSuggestionArgs,
  ): Promise<TagSuggestion[]> {
    const prefix = (args.prefix ?? '').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.db.manager(ctx).query(
      `SELECT t AS tag, count(*)::int AS count
         FROM learning l, unnest(l.tags) t
        WHERE ($1::uuid IS NOT NULL OR $1::uuid IS NULL) AND ${readableBy(reader)} AND t LIKE $2 || '%'
        GROUP BY t ORDER BY count DESC, t LIMIT $3`,
      [reader.orgId, prefix, args.first ?? 10],
    );
  }

  /**
   * Learnings on the same topic as `text` (any of its words), most relevant first. `othersOnly`
   * leaves out the reader's own learnings (what a team or funder is shown while writing).
   */
  async similarToText(
    ctx: RequestContext,
    reader: Reader,
    args: SimilarLearningsArgs,
    exceptId: string | null = null,
    othersOnly = false,
  ): Promise<Learning[]> {
    const words = [...new Set(args.text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [])].slice(
      0,
      30,
    );
    if (!words.length) return [];
    const rows: { id: string }[] = await this.db.manager(ctx).query(
      `WITH q AS (SELECT to_tsquery('german', $2) || to_tsquery('english', $2) AS q)
       SELECT l.id FROM learning l, q
        WHERE ($1::uuid IS NOT NULL OR $1::uuid IS NULL) AND ${readableBy(reader)}
          AND l.search @@ q.q AND l.id IS DISTINCT FROM $3::uuid
          AND (NOT $5::boolean OR l.author_organization_id IS DISTINCT FROM $1::uuid)
        ORDER BY ts_rank(l.search, q.q) DESC, l.created_at DESC LIMIT $4`,
      [reader.orgId, words.join(' | '), exceptId, args.first ?? 5, othersOnly],
    );
    if (!rows.length) return [];
    const found = await this.db
      .repo(ctx, Learning)
      .createQueryBuilder('l')
      .where('l.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
    const byId = new Map(found.map((l) => [l.id, l]));
    return rows.map((r) => byId.get(r.id)).filter((l): l is Learning => !!l);
  }

  /** Learnings like `learning`: its title and tags as the topic. */
  similarTo(
    ctx: RequestContext,
    reader: Reader,
    learning: Learning,
    first = 5,
  ): Promise<Learning[]> {
    return this.similarToText(
      ctx,
      reader,
      { text: [learning.title, ...learning.tags].join(' '), first },
      learning.id,
    );
  }
}
