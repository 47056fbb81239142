// GraphQL shapes of the commons: search hits with highlighted snippets and facet counts, and who a
// learning comes from as far as the reader may know it.
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../core/pagination/connection';
import { Learning } from '../learning.entity';
import { LearningAuthorKind } from '../learning.enums';

@ObjectType({ description: 'A piece of a snippet; `highlighted` pieces match the search.' })
export class SnippetPart {
  @Field({ description: 'The text of this piece.' })
  text!: string;

  @Field({ description: 'Whether this piece matches the search.' })
  highlighted!: boolean;
}

@ObjectType({ description: 'One learning found, with its relevance and a highlighted snippet.' })
export class LearningSearchEdge {
  @Field({ description: 'Opaque cursor of this hit.' })
  cursor!: string;

  @Field(() => Learning, { description: 'The learning found.' })
  node!: Learning;

  @Field(() => Float, { description: 'Relevance (higher is better; 0 without search text).' })
  rank!: number;

  @Field(() => [SnippetPart], {
    description:
      "The passage of the learning's text that matches best, the matching words highlighted (its opening without search text).",
  })
  snippet!: SnippetPart[];
}

@ObjectType({ description: 'How many hits have one value of a facet.' })
export class FacetCount {
  @Field({ description: 'The value: a kind, a tag, a year, or an id of a programme or funder.' })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: "A programme's title or a funder's name; null for kinds, tags and years.",
  })
  label!: string | null;

  @Field(() => Int, { description: 'How many hits have this value.' })
  count!: number;
}

@ObjectType({ description: 'Counts per value for the current search (the 20 most frequent each).' })
export class LearningFacets {
  @Field(() => [FacetCount], { description: 'Hits per kind (insight, failure, surprise).' })
  kinds!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Hits per tag.' })
  tags!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Hits per programme.' })
  programmes!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Hits per funder.' })
  funders!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Hits per year written.' })
  years!: FacetCount[];
}

@ObjectType({
  description: 'A page of learnings found, ranked, with facet counts for the whole result.',
})
export class LearningSearchConnection {
  @Field(() => [LearningSearchEdge], {
    description: 'The hits of this page, each with its relevance and snippet.',
  })
  edges!: LearningSearchEdge[];

  @Field(() => [Learning], { description: 'The learnings of this page, in the order of `edges`.' })
  nodes!: Learning[];

  @Field(() => PageInfo, { description: 'Where this page sits in the whole result.' })
  pageInfo!: PageInfo;

  @Field(() => Int, {
    description:
      'How many learnings match: all of them when `countsComplete`, else the 1,000 that the search ranked, counted and can page through.',
  })
  totalCount!: number;

  @Field({
    description:
      'Whether totalCount and the facet counts cover every match. False when more than 1,000 learnings match: then they count the first 1,000 matches found, which are also the ones ranked and paged — narrow the search to see all.',
  })
  countsComplete!: boolean;

  @Field(() => LearningFacets, {
    description: 'Counts per facet value over the result (see `countsComplete`).',
  })
  facets!: LearningFacets;
}

@ObjectType({
  description:
    'Who a learning comes from, as far as the reader may know: outside its grant a pseudonymised learning shows only "a grantee of programme X".',
})
export class LearningSource {
  @Field(() => LearningAuthorKind, {
    description: 'Whether a grantee team or the funder wrote it.',
  })
  authorKind!: LearningAuthorKind;

  @Field({ description: 'Whether the team (or funder) and grant are named to this reader.' })
  named!: boolean;

  @Field(() => ID, { description: 'The programme it belongs to.' })
  programmeId!: string;

  @Field({ description: "The programme's title." })
  programmeTitle!: string;

  @Field(() => ID, { description: 'The funder of the programme.' })
  funderId!: string;

  @Field({ description: "The funder's name." })
  funderName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The team (or funder) that wrote it, if named.',
  })
  authorName!: string | null;

  @Field(() => ID, { nullable: true, description: 'Its grant, if named.' })
  grantId!: string | null;

  @Field(() => String, { nullable: true, description: "Its grant's title, if named." })
  grantTitle!: string | null;

  @Field(() => String, { nullable: true, description: "Its grant's reference, if named." })
  grantReference!: string | null;
}

@ObjectType({ description: 'What the caller may do with a learning.' })
export class LearningPermissions {
  @Field({ description: 'Change who may read it (its author).' })
  changeVisibility!: boolean;

  @Field({ description: "Ask the team to share it more widely (the grant's funder)." })
  requestVisibility!: boolean;

  @Field({ description: 'Answer an open request to share it (its author).' })
  answerRequest!: boolean;

  @Field({
    description: 'Mark it "this helped us" (signed-in organisations other than its author).',
  })
  markHelpful!: boolean;
}

@ObjectType({ description: 'A tag in use, with how many readable learnings carry it.' })
export class TagSuggestion {
  @Field()
  tag!: string;

  @Field(() => Int, { description: 'How many readable learnings carry it.' })
  count!: number;
}
