import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SprintPlanInput } from '../../applications/dto/application.inputs';
import { IsIdempotencyKey } from '../../core/idempotency/idempotency-key.validator';
import { MoneyInput } from '../../core/money/money.graphql';
import { Trim } from '../../core/validation/trim.decorator';
import { LearningKind } from '../../learnings/learning.enums';
import { LearningVisibility } from '../../programmes/programme.enums';
import { Confidence, MilestoneOutcome, ReviewDecisionKind } from '../sprint.enums';

@InputType({ description: 'How one milestone of the sprint went.' })
export class MilestoneOutcomeInput {
  @Field(() => ID, { description: 'A milestone of the reviewed sprint.' })
  @IsUUID()
  milestoneId!: string;

  @Field(() => MilestoneOutcome, { description: 'Done, partly, not done or dropped.' })
  @IsEnum(MilestoneOutcome)
  outcome!: MilestoneOutcome;

  @Field({ description: 'What happened — especially when not done or dropped.' })
  @Trim()
  @IsString()
  @MaxLength(2000)
  note!: string;
}

@InputType({ description: 'Actual spend of the sprint on one budget line.' })
export class ReviewSpendInput {
  @Field(() => ID, { description: 'A budget line of the grant.' })
  @IsUUID()
  lineId!: string;

  @Field(() => MoneyInput, {
    description: 'What the sprint spent on the line in total (zero or more, grant currency).',
  })
  @ValidateNested()
  @Type(() => MoneyInput)
  amount!: MoneyInput;

  @Field({
    nullable: true,
    description: "Why the line goes beyond the programme's tolerance (required then).",
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  explanation?: string;
}

@InputType({
  description:
    'An answer to a question of the review template: `text` for TEXT, `number` for NUMBER and SCALE, `choice` for SINGLE_CHOICE.',
})
export class ReviewAnswerInput {
  @Field({ description: 'Key of the question.' })
  @IsString()
  @MaxLength(40)
  key!: string;

  @Field({ nullable: true, description: 'Answer to a TEXT question.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  text?: string;

  @Field(() => Int, { nullable: true, description: 'Answer to a NUMBER or SCALE question.' })
  @IsOptional()
  @IsInt()
  number?: number;

  @Field({ nullable: true, description: 'Answer to a SINGLE_CHOICE question: one of its options.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  choice?: string;
}

@InputType({ description: 'A learning written in a sprint review.' })
export class LearningInput {
  @Field({ description: 'Short title.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @Field({ description: 'What the team tried.' })
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

  @Field({ description: 'What the team learned.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  learned!: string;

  @Field(() => LearningKind, { description: 'Insight, failure or surprise.' })
  @IsEnum(LearningKind)
  kind!: LearningKind;

  @Field(() => [String], { description: 'Tags (lower-case letters, digits, - and _; up to 10).' })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t))
      : value,
  )
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u, {
    each: true,
    message: 'each tag must be 1-40 letters, digits, - or _',
  })
  tags!: string[];

  @Field(() => LearningVisibility, {
    nullable: true,
    description: "Who may read it; defaults to the programme's setting.",
  })
  @IsOptional()
  @IsEnum(LearningVisibility)
  visibility?: LearningVisibility;
}

@InputType({
  description:
    'Saves the draft of a sprint review. Fields left out keep what the draft holds; lists given replace the saved list.',
})
export class SaveSprintReviewInput {
  @Field(() => ID, { description: 'The sprint reviewed.' })
  @IsUUID()
  sprintId!: string;

  @Field({ nullable: true, description: 'What the sprint was about, in a few sentences.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  @Field(() => [MilestoneOutcomeInput], {
    nullable: true,
    description: "Outcome of each of the sprint's milestones.",
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MilestoneOutcomeInput)
  outcomes?: MilestoneOutcomeInput[];

  @Field(() => [ReviewSpendInput], {
    nullable: true,
    description: 'Actual spend of the sprint per budget line.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReviewSpendInput)
  spend?: ReviewSpendInput[];

  @Field(() => [ReviewAnswerInput], {
    nullable: true,
    description: "Answers to the programme's review template.",
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReviewAnswerInput)
  answers?: ReviewAnswerInput[];

  @Field(() => [LearningInput], { nullable: true, description: 'What the team learned.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LearningInput)
  learnings?: LearningInput[];

  @Field(() => Confidence, { nullable: true, description: 'Green, amber or red.' })
  @IsOptional()
  @IsEnum(Confidence)
  confidence?: Confidence;

  @Field({ nullable: true, description: 'One sentence on the confidence signal.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  confidenceNote?: string;

  @Field(() => SprintPlanInput, {
    nullable: true,
    description:
      'The plan for the next sprint (goal and milestones). Changing it is a pivot — that is normal.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SprintPlanInput)
  nextSprint?: SprintPlanInput;
}

@InputType({
  description:
    'Submits the draft of a sprint review as its next version. Fields sent along are saved into the draft first; every problem of the whole review is listed at once.',
})
export class SubmitSprintReviewInput extends SaveSprintReviewInput {
  @Field({
    nullable: true,
    description: 'Idempotency key: a retry with the same key answers the first result.',
  })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: "The funder's decision on a submitted sprint review." })
export class DecideSprintReviewInput {
  @Field(() => ID, { description: 'The sprint review.' })
  @IsUUID()
  reviewId!: string;

  @Field(() => ReviewDecisionKind, { description: 'Accept, or request changes.' })
  @IsEnum(ReviewDecisionKind)
  decision!: ReviewDecisionKind;

  @Field({
    nullable: true,
    description: 'Comment for the grantee (required when requesting changes).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: 'A comment in the thread of a sprint review.' })
export class CommentOnSprintReviewInput {
  @Field(() => ID, { description: 'The sprint review.' })
  @IsUUID()
  reviewId!: string;

  @Field({ description: 'The comment.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  body!: string;
}
