// GraphQL shapes of the commons: search hits with highlighted snippets and facet counts, and who a
// learning comes from as far as the reader may know it.
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../core/pagination/connection';
import { Learning } from '../learning.entity';
import { LearningAuthorKind } from '../learning.enums';

@ObjectType({ description: 'A piece of a snippet; `highlighted` pieces match the search.' })
export class SnippetPart {
  @Field()
  text!: string;

  @Field()
  highlighted!: boolean;
}

@ObjectType({ description: 'One learning found, with its relevance and a highlighted snippet.' })
export class LearningSearchEdge {
  @Field({ description: 'Opaque cursor of this hit.' })
  cursor!: string;

  @Field(() => Learning)
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

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts per value for the current search (the 20 most frequent each).' })
export class LearningFacets {
  @Field(() => [FacetCount])
  kinds!: FacetCount[];

  @Field(() => [FacetCount])
  tags!: FacetCount[];

  @Field(() => [FacetCount])
  programmes!: FacetCount[];

  @Field(() => [FacetCount])
  funders!: FacetCount[];

  @Field(() => [FacetCount])
  years!: FacetCount[];
}

@ObjectType({
  description: 'A page of learnings found, ranked, with facet counts for the whole result.',
})
export class LearningSearchConnection {
  @Field(() => [LearningSearchEdge])
  edges!: LearningSearchEdge[];

  @Field(() => [Learning])
  nodes!: Learning[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many learnings match in all.' })
  totalCount!: number;

  @Field(() => LearningFacets)
  facets!: LearningFacets;
}

@ObjectType({
  description:
    'Who a learning comes from, as far as the reader may know: outside its grant a pseudonymised learning shows only "a grantee of programme X".',
})
export class LearningSource {
  @Field(() => LearningAuthorKind)
  authorKind!: LearningAuthorKind;

  @Field({ description: 'Whether the team (or funder) and grant are named to this reader.' })
  named!: boolean;

  @Field(() => ID)
  programmeId!: string;

  @Field()
  programmeTitle!: string;

  @Field(() => ID)
  funderId!: string;

  @Field()
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

  @Field(() => Int)
  count!: number;
}
