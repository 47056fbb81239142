import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLSafeInt } from 'graphql-scalars';
import { PageArgs } from '../../core/pagination/connection';
import { IsCurrency } from '../../core/money/is-currency.validator';
import { IsTimeZone } from '../../core/calendar/is-time-zone.validator';
import { Trim } from '../../core/validation/trim.decorator';
import { LearningVisibility, ProgrammeStatus, ReceiptRule } from '../programme.enums';
import {
  Criterion,
  ReallocationPolicy,
  ReminderPolicy,
  ReviewQuestion,
  TranchePolicy,
} from '../programme-settings';
import { IsOmittable } from '../../core/validation/omittable.decorator';

@InputType({
  description:
    'Settings of a programme. Left-out settings keep their value (or the default on create).',
})
export class ProgrammeInput {
  @Field({ nullable: true, description: 'Title, up to 200 characters.' })
  @IsOmittable()
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @Field({ nullable: true, description: 'Description, up to 20,000 characters.' })
  @IsOmittable()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @Field({ nullable: true, description: 'ISO-4217 currency (fixed once the programme opens).' })
  @IsOmittable()
  @IsCurrency()
  currency?: string;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Total budget in minor units.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  totalBudget?: number;

  @Field(() => Date, { nullable: true, description: 'Start of the call window.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  callOpensAt?: Date;

  @Field(() => Date, { nullable: true, description: 'End of the call window (after its start).' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  callClosesAt?: Date;

  @Field(() => Int, { nullable: true, description: 'Sprint length in days (7–180, default 42).' })
  @IsOmittable()
  @IsInt()
  @Min(7)
  @Max(180)
  sprintLengthDays?: number;

  @Field(() => Int, { nullable: true, description: 'Most sprints per grant (1–24, default 6).' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(24)
  maxSprints?: number;

  @Field(() => [ReviewQuestion], {
    nullable: true,
    description: 'Questions of every sprint review (replaces the list).',
  })
  @IsOmittable()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ReviewQuestion)
  reviewTemplate?: ReviewQuestion[];

  @Field(() => [Criterion], {
    nullable: true,
    description: 'Application criteria with weights (replaces the list).',
  })
  @IsOmittable()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => Criterion)
  criteria?: Criterion[];

  @Field(() => ReallocationPolicy, { nullable: true, description: 'Reallocation policy.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReallocationPolicy)
  reallocationPolicy?: ReallocationPolicy;

  @Field(() => TranchePolicy, { nullable: true, description: 'Tranche policy.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TranchePolicy)
  tranchePolicy?: TranchePolicy;

  @Field(() => ReminderPolicy, { nullable: true, description: 'Reminder policy.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicy)
  reminderPolicy?: ReminderPolicy;

  @Field(() => LearningVisibility, {
    nullable: true,
    description: 'Default visibility of learnings.',
  })
  @IsOmittable()
  @IsEnum(LearningVisibility)
  learningVisibilityDefault?: LearningVisibility;

  @Field(() => ReceiptRule, {
    nullable: true,
    description:
      'Whether a proof of use needs receipts attached to its spend entries or only listed (default LISTED).',
  })
  @IsOptional()
  @IsEnum(ReceiptRule)
  receiptRule?: ReceiptRule;

  @Field({
    nullable: true,
    description:
      'IANA time zone whose calendar days the sprints and due dates count in (default Europe/Berlin).',
  })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;
}

@ArgsType()
export class ProgrammesArgs extends PageArgs {
  @Field(() => ProgrammeStatus, { nullable: true, description: 'Only programmes in this state.' })
  @IsOptional()
  @IsEnum(ProgrammeStatus)
  status?: ProgrammeStatus;

  @Field({ nullable: true, description: 'Words in title or description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;
}
