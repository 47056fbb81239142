// The settings that make a programme agile, stored as JSON on the programme and exposed as typed
// GraphQL objects. Inputs are validated field by field (percentages 0–100, weights, keys).
import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLSafeInt } from 'graphql-scalars';
import { QuestionType } from './programme.enums';

@ObjectType({ description: 'A question the funder wants answered in every sprint review.' })
@InputType('ReviewQuestionInput', { description: 'A question of the review template.' })
export class ReviewQuestion {
  @Field({ description: 'Stable key, e.g. `users_reached`; lower-case letters, digits and _.' })
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, {
    message: 'must be 1-40 lower-case letters, digits or _, starting with a letter',
  })
  key!: string;

  @Field({ description: 'The question in German.' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  labelDe!: string;

  @Field({ description: 'The question in English.' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  labelEn!: string;

  @Field(() => QuestionType, { description: 'Kind of answer.' })
  @IsEnum(QuestionType)
  type!: QuestionType;

  @Field({ description: 'Whether every review must answer it.' })
  @IsBoolean()
  required!: boolean;

  @Field(() => Int, { nullable: true, description: 'NUMBER: the smallest answer allowed.' })
  @IsOptional()
  @IsInt()
  min?: number | null;

  @Field(() => Int, { nullable: true, description: 'NUMBER: the largest answer allowed.' })
  @IsOptional()
  @IsInt()
  max?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'The options of a SINGLE_CHOICE question.',
  })
  @IsOptional()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  options?: string[];
}

@ObjectType({ description: 'A criterion reviewers score applications on (1–5), with its weight.' })
@InputType('CriterionInput', { description: 'An application criterion.' })
export class Criterion {
  @Field({ description: 'Stable key, e.g. `impact`.' })
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, {
    message: 'must be 1-40 lower-case letters, digits or _, starting with a letter',
  })
  key!: string;

  @Field({ description: 'Name shown to reviewers.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field(() => Int, { description: 'Relative weight, 1–100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight!: number;
}

@ObjectType({
  description: 'How far money may move between budget lines without a funder decision.',
})
@InputType('ReallocationPolicyInput', { description: 'Reallocation policy.' })
export class ReallocationPolicy {
  @Field(() => Int, {
    description:
      'A line may end this many percent above its original plan without approval (ANBest-P Nr. 1.2: 20).',
  })
  @IsInt()
  @Min(0)
  @Max(100)
  tolerancePercent!: number;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: 'Optional absolute cap per move, in minor units.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  absoluteCapMinor?: number | null;

  @Field({
    description:
      'Whether moves beyond the tolerance wait for a manager (otherwise they are refused).',
  })
  @IsBoolean()
  approvalBeyondTolerance!: boolean;
}

@ObjectType({ description: 'When money is paid out to the grantee.' })
@InputType('TranchePolicyInput', { description: 'Tranche policy.' })
export class TranchePolicy {
  @Field(() => Int, { description: 'Percent of the award paid when the grant starts.' })
  @IsInt()
  @Min(0)
  @Max(100)
  awardSharePercent!: number;

  @Field({ description: 'Whether each accepted sprint review releases the next tranche.' })
  @IsBoolean()
  releaseOnAcceptedReview!: boolean;

  @Field(() => Int, {
    description: 'Percent held back until the final review is accepted (default 10).',
  })
  @IsInt()
  @Min(0)
  @Max(100)
  finalHoldbackPercent!: number;
}

@ObjectType({ description: 'When both sides are reminded.' })
@InputType('ReminderPolicyInput', { description: 'Reminder policy.' })
export class ReminderPolicy {
  @Field(() => [Int], {
    description: 'Days before a review is due to remind the grantee (default 7 and 2).',
  })
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(90, { each: true })
  daysBeforeDue!: number[];

  @Field(() => [Int], {
    description: 'Days after a missed due date to remind again (default 1 and 7).',
  })
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(90, { each: true })
  daysAfterDue!: number[];

  @Field(() => Int, {
    description: 'Days a funder decision may wait before the funder is reminded (default 10).',
  })
  @IsInt()
  @Min(1)
  @Max(90)
  decisionWaitDays!: number;
}

export const DEFAULT_REALLOCATION_POLICY: ReallocationPolicy = {
  tolerancePercent: 20,
  absoluteCapMinor: null,
  approvalBeyondTolerance: true,
};
export const DEFAULT_TRANCHE_POLICY: TranchePolicy = {
  awardSharePercent: 30,
  releaseOnAcceptedReview: true,
  finalHoldbackPercent: 10,
};
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  daysBeforeDue: [7, 2],
  daysAfterDue: [1, 7],
  decisionWaitDays: 10,
};

export const nested = (type: () => new () => object) => [ValidateNested(), Type(type)] as const;
