// Finding learnings: full text in German and English ranked by relevance (newest first without
// text), highlighted snippets, facet counts for the whole result, tag suggestions and similar
// learnings — always over what the caller may read. One SQL statement per search: the matches are
// materialised once, then paged and counted per facet.
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { BadUserInputError } from '../core/errors/app-error';
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
  snippetParts,
  tsqueryExpression,
} from './search-query';

const PAGE = 20;
const HEADLINE = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const BODY = `translate(concat_ws(' ', l.tried, l.happened, l.learned), '${MARK_START}${MARK_END}', '')`;

/** Who reads: an organisation (signed in) or everyone (public pages, feed, export). */
export type Reader = { orgId: string; scope: LearningScope } | { orgId: null };

const offsetCursor = (n: number) => Buffer.from(`o:${n}`).toString('base64url');
function cursorOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m)
    throw BadUserInputError.forField(
      'after',
      'is not a cursor of this search',
      'ist kein Cursor dieser Suche',
    );
  return Number(m[1]);
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

  /** The compound parts of the search's words that the commons' vocabulary knows. */
  private async parts(ctx: RequestContext, words: string[]): Promise<Map<string, string[]>> {
    const candidates = [...new Set(words.flatMap(compoundCandidates))];
    const parts = new Map<string, string[]>();
    if (!candidates.length) return parts;
    const rows: { term: string }[] = await this.db
      .manager(ctx)
      .query(`SELECT term FROM learning_term WHERE term = ANY($1::text[])`, [candidates]);
    const known = new Set(rows.map((r) => r.term));
    for (const w of words) parts.set(w, compoundParts(w, known));
    return parts;
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
    const where = [
      reader.orgId === null ? `$1::uuid IS NULL AND ${readableBy(reader)}` : readableBy(reader),
    ];
    if (args.kind) where.push(`l.kind = ${add(args.kind)}`);
    if (args.tag) where.push(`${add(args.tag.toLowerCase())} = ANY(l.tags)`);
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
        await this.parts(ctx, parsed.words),
        params.length + 1,
      );
      if (!expr)
        throw BadUserInputError.forField(
          'text',
          'has no words to search for',
          'enthält keine Wörter, nach denen gesucht werden kann',
        );
      params.push(...expr.params);
      q = expr.sql;
      where.push(`l.search @@ q.q`);
    }
    const limit = add(first + 1);
    const skip = add(offset);
    const ranked = parsed !== null;
    const facet = (select: string, from: string, group: string) =>
      `(SELECT coalesce(json_agg(f), '[]') FROM (SELECT ${select}, count(*)::int AS count FROM ${from} GROUP BY ${group} ORDER BY count DESC, 1 LIMIT 20) f)`;
    const sql = `
      WITH q AS (SELECT ${q} AS q),
      m AS MATERIALIZED (
        SELECT l.id, l.kind, l.tags, l.programme_id, l.funder_organization_id, l.created_at,
               ${ranked ? `ts_rank(l.search, q.q)` : `0::real`} AS rank
          FROM learning l, q
         WHERE ${where.join(' AND ')}
      ),
      page AS (
        SELECT id, rank, created_at FROM m ORDER BY rank DESC, created_at DESC, id DESC LIMIT ${limit} OFFSET ${skip}
      )
      SELECT
        (SELECT count(*)::int FROM m) AS total,
        (SELECT coalesce(json_agg(p ORDER BY p.rank DESC, p.created_at DESC, p.id DESC), '[]') FROM (
           SELECT page.id, page.rank, page.created_at,
                  ${
                    ranked
                      ? `ts_headline('german', ${BODY}, q.q, '${HEADLINE}') AS de, ts_headline('english', ${BODY}, q.q, '${HEADLINE}') AS en`
                      : `left(${BODY}, 240) AS de, NULL AS en`
                  }
             FROM page JOIN learning l ON l.id = page.id, q) p) AS page,
        ${facet(`kind AS value, NULL AS label`, 'm', 'kind')} AS kinds,
        ${facet(`t AS value, NULL AS label`, 'm, unnest(m.tags) t', 't')} AS tags,
        ${facet(`m.programme_id::text AS value, p.title AS label`, 'm JOIN programme p ON p.id = m.programme_id', 'm.programme_id, p.title')} AS programmes,
        ${facet(`m.funder_organization_id::text AS value, o.name AS label`, 'm JOIN organization o ON o.id = m.funder_organization_id', 'm.funder_organization_id, o.name')} AS funders,
        ${facet(`extract(year FROM m.created_at AT TIME ZONE 'Europe/Berlin')::int::text AS value, NULL AS label`, 'm', '1')} AS years`;
    const [row] = await this.db.manager(ctx).query<
      {
        total: number;
        page: { id: string; rank: number; de: string; en: string | null }[];
        kinds: FacetCount[];
        tags: FacetCount[];
        programmes: FacetCount[];
        funders: FacetCount[];
        years: FacetCount[];
      }[]
    >(sql, params);
    const hits = row.page.slice(0, first);
    const learnings = hits.length
      ? await this.db
          .repo(ctx, Learning)
          .createQueryBuilder('l')
          .where('l.id IN (:...ids)', { ids: hits.map((h) => h.id) })
          .getMany()
      : [];
    const byId = new Map(learnings.map((l) => [l.id, l]));
    const edges = hits
      .filter((h) => byId.has(h.id))
      .map((h, i) => {
        // The German headline when it highlights anything, else the English one.
        const headline = h.de.includes(MARK_START) || !h.en ? h.de : h.en;
        return {
          cursor: offsetCursor(offset + i + 1),
          node: byId.get(h.id)!,
          rank: Number(h.rank),
          snippet: snippetParts(headline),
        };
      });
    return {
      edges,
      nodes: edges.map((e) => e.node),
      totalCount: row.total,
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

  /** Learnings on the same topic as `text` (any of its words), most relevant first. */
  async similarToText(
    ctx: RequestContext,
    reader: Reader,
    args: SimilarLearningsArgs,
    exceptId: string | null = null,
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
        ORDER BY ts_rank(l.search, q.q) DESC, l.created_at DESC LIMIT $4`,
      [reader.orgId, words.join(' | '), exceptId, args.first ?? 5],
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
