import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  Max,
} from 'class-validator';
import { PageArgs } from '../../core/pagination/connection';
import { Trim } from '../../core/validation/trim.decorator';
import { LearningVisibility } from '../../programmes/programme.enums';
import {
  LearningAttribution,
  LearningKind,
  LearningLicence,
  LearningScope,
} from '../learning.enums';

@ArgsType()
export class PublicLearningsArgs extends PageArgs {
  @Field(() => LearningKind, { nullable: true, description: 'Only this kind.' })
  @IsOptional()
  @IsEnum(LearningKind)
  kind?: LearningKind;

  @Field({ nullable: true, description: 'Only learnings with this tag.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  tag?: string;

  @Field({
    nullable: true,
    description:
      'Full-text search in German and English (words, "phrases", -excluded), e.g. `Ehrenamt -App`.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  text?: string;
}

@ArgsType()
export class LearningsArgs extends PublicLearningsArgs {
  @Field(() => ID, { nullable: true, description: 'Only learnings of this grant.' })
  @IsOptional()
  @IsUUID()
  grantId?: string;

  @Field(() => ID, { nullable: true, description: 'Only learnings of this programme.' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;
}

/** A search of the commons: text ranked by relevance (newest first without text), with facets. */
@ArgsType()
export class PublicLearningSearchArgs {
  @Field({
    nullable: true,
    description:
      'Words to find, in German or English ("phrases" in quotes, -word to exclude). German compounds find their parts ("Datenschutzkonzept" finds "Datenschutz"). Ranked by relevance; without text, newest first.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  text?: string;

  @Field(() => LearningKind, { nullable: true, description: 'Only this kind.' })
  @IsOptional()
  @IsEnum(LearningKind)
  kind?: LearningKind;

  @Field({ nullable: true, description: 'Only learnings with this tag.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  tag?: string;

  @Field(() => ID, { nullable: true, description: 'Only learnings of this programme.' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: "Only learnings of this funder's programmes." })
  @IsOptional()
  @IsUUID()
  funderId?: string;

  @Field(() => Int, { nullable: true, description: 'Only learnings written in this year.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Return the first n hits (1–50, 20 if not given).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return hits after this cursor.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  after?: string;
}

@ArgsType()
export class LearningSearchArgs extends PublicLearningSearchArgs {
  @Field(() => LearningScope, {
    nullable: true,
    description: 'Which of the learnings the caller may read (ALL if not given).',
  })
  @IsOptional()
  @IsEnum(LearningScope)
  scope?: LearningScope;
}

@InputType({ description: 'Who may read a learning, and how it is shared (its author decides).' })
export class ChangeLearningVisibilityInput {
  @Field(() => ID, { description: 'The learning.' })
  @IsUUID()
  learningId!: string;

  @Field(() => LearningVisibility, {
    description:
      "GRANT (funder and team), PROGRAMME (also the programme's other grantees) or PUBLIC. Widening is the team's consent; narrowing withdraws it from wider views at once.",
  })
  @IsEnum(LearningVisibility)
  visibility!: LearningVisibility;

  @Field(() => LearningLicence, {
    nullable: true,
    description: 'Licence when public (kept if not given).',
  })
  @IsOptional()
  @IsEnum(LearningLicence)
  licence?: LearningLicence;

  @Field(() => LearningAttribution, {
    nullable: true,
    description: 'Named or pseudonymised outside the grant (kept if not given).',
  })
  @IsOptional()
  @IsEnum(LearningAttribution)
  attribution?: LearningAttribution;
}

@InputType({ description: "A funder's request that a team share its learning more widely." })
export class RequestLearningVisibilityInput {
  @Field(() => ID, { description: 'The learning.' })
  @IsUUID()
  learningId!: string;

  @Field(() => LearningVisibility, { description: 'The wider visibility asked for.' })
  @IsEnum(LearningVisibility)
  visibility!: LearningVisibility;
}

export enum LearningShareDecision {
  CONSENT = 'CONSENT',
  DECLINE = 'DECLINE',
}
registerEnumType(LearningShareDecision, {
  name: 'LearningShareDecision',
  description: "The team's answer to a funder's request to share a learning more widely.",
  valuesMap: {
    CONSENT: { description: 'Share it as asked.' },
    DECLINE: { description: 'Keep it as it is.' },
  },
});

@InputType({ description: "The team's answer to a request to share its learning more widely." })
export class DecideLearningShareRequestInput {
  @Field(() => ID, { description: 'The learning.' })
  @IsUUID()
  learningId!: string;

  @Field(() => LearningShareDecision, {
    description: 'Share it as asked (CONSENT) or keep it as it is (DECLINE).',
  })
  @IsEnum(LearningShareDecision)
  decision!: LearningShareDecision;

  @Field({
    nullable: true,
    description: 'A note for the audit trail, passed on to the funder that asked.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @Field(() => LearningLicence, { nullable: true, description: 'Licence when made public.' })
  @IsOptional()
  @IsEnum(LearningLicence)
  licence?: LearningLicence;

  @Field(() => LearningAttribution, { nullable: true, description: 'Named or pseudonymised.' })
  @IsOptional()
  @IsEnum(LearningAttribution)
  attribution?: LearningAttribution;
}

@InputType({ description: "A funder's own learning about one of its programmes." })
export class WriteLearningInput {
  @Field(() => ID, { description: 'One of the funder’s own programmes the learning is about.' })
  @IsUUID()
  programmeId!: string;

  @Field({ description: 'A short title: what the learning is about.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @Field({ description: 'What we tried.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  tried!: string;

  @Field({ description: 'What happened.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  happened!: string;

  @Field({ description: 'What we learned.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  learned!: string;

  @Field(() => LearningKind, { description: 'Insight, failure or surprise.' })
  @IsEnum(LearningKind)
  kind!: LearningKind;

  @Field(() => [String], { nullable: true, description: 'Up to 10 tags.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @Matches(/\S/, { each: true })
  tags?: string[];

  @Field(() => LearningVisibility, { description: 'GRANT keeps it within the funder.' })
  @IsEnum(LearningVisibility)
  visibility!: LearningVisibility;

  @Field(() => LearningLicence, { nullable: true, description: 'CC BY 4.0 if not given.' })
  @IsOptional()
  @IsEnum(LearningLicence)
  licence?: LearningLicence;
}

@ArgsType()
export class TagSuggestionArgs {
  @Field({ nullable: true, description: 'The start of a tag (case does not matter).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  prefix?: string;

  @Field(() => Int, { nullable: true, description: 'At most this many (1–20, 10 if not given).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  first?: number;
}

@ArgsType()
export class SimilarLearningsArgs {
  @Field({
    description: 'The text being written (e.g. a draft learning: title and what was tried).',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @Field(() => Int, { nullable: true, description: 'At most this many (1–10, 5 if not given).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  first?: number;
}
