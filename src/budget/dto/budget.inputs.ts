import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLSafeInt } from 'graphql-scalars';
import { MoneyInput } from '../../core/money/money.graphql';
import { PageArgs } from '../../core/pagination/connection';
import { IsCalendarDate } from '../../core/validation/calendar-date.validator';
import { IsIdempotencyKey } from '../../core/idempotency/idempotency-key.validator';
import { Trim } from '../../core/validation/trim.decorator';
import { ReallocationDecision } from '../budget.enums';
import { LocalDate } from '../../core/graphql/local-date.scalar';

@InputType({ description: 'Move money from one budget line to another.' })
export class RequestReallocationInput {
  @Field(() => ID, { description: 'The grant.' })
  @IsUUID()
  grantId!: string;

  @Field(() => ID, { description: 'The line the money comes from.' })
  @IsUUID()
  fromLineId!: string;

  @Field(() => ID, { description: 'The line the money goes to.' })
  @IsUUID()
  toLineId!: string;

  @Field(() => MoneyInput, { description: 'Amount to move (positive, in the grant currency).' })
  @ValidateNested()
  @Type(() => MoneyInput)
  amount!: MoneyInput;

  @Field({ description: 'Why — what the team learned that makes the move sensible.' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;

  @Field({
    nullable: true,
    description: 'Idempotency key: a retry with the same key answers the first result.',
  })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({
  description:
    'A move to try without making it: the same lines and amount as `RequestReallocationInput`.',
})
export class ReallocationPreviewInput {
  @Field(() => ID, { description: 'The grant.' })
  @IsUUID()
  grantId!: string;

  @Field(() => ID, { description: 'The line the money would come from.' })
  @IsUUID()
  fromLineId!: string;

  @Field(() => ID, { description: 'The line the money would go to.' })
  @IsUUID()
  toLineId!: string;

  @Field(() => MoneyInput, { description: 'Amount to move (positive, in the grant currency).' })
  @ValidateNested()
  @Type(() => MoneyInput)
  amount!: MoneyInput;
}

@InputType({ description: "A funder's decision on a reallocation waiting for approval." })
export class DecideReallocationInput {
  @Field(() => ID, { description: 'The reallocation.' })
  @IsUUID()
  reallocationId!: string;

  @Field(() => ReallocationDecision, {
    description: 'APPROVE (applies it, if the balances still allow) or REJECT.',
  })
  @IsEnum(ReallocationDecision)
  decision!: ReallocationDecision;

  @Field(() => String, {
    nullable: true,
    description: 'Comment for the grantee (required to reject).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: 'How an amendment changes one line.' })
export class LineChangeInput {
  @Field(() => ID, { description: 'The budget line.' })
  @IsUUID()
  lineId!: string;

  @Field(() => GraphQLSafeInt, { description: 'Change in minor units (negative lowers the line).' })
  @IsInt()
  change!: number;
}

@InputType({ description: "Raise or lower a grant's awarded amount (an amendment notice)." })
export class AmendGrantInput {
  @Field(() => ID, { description: 'The grant.' })
  @IsUUID()
  grantId!: string;

  @Field(() => MoneyInput, { description: 'The new awarded amount.' })
  @ValidateNested()
  @Type(() => MoneyInput)
  newAmount!: MoneyInput;

  @Field(() => [LineChangeInput], {
    description: 'How the difference is spread over the lines; the changes add up to it.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LineChangeInput)
  lineChanges!: LineChangeInput[];

  @Field({ description: 'Why the amount changes.' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: 'Release a tranche by hand.' })
export class ReleaseTrancheInput {
  @Field(() => ID, { description: 'The tranche.' })
  @IsUUID()
  trancheId!: string;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: 'Spend on a budget line.' })
export class ReportSpendInput {
  @Field(() => ID, { description: 'The grant.' })
  @IsUUID()
  grantId!: string;

  @Field(() => ID, { description: 'The budget line.' })
  @IsUUID()
  lineId!: string;

  @Field(() => ID, { nullable: true, description: 'The sprint the spend belongs to.' })
  @IsOptional()
  @IsUUID()
  sprintId?: string;

  @Field(() => MoneyInput, { description: 'Amount spent (positive).' })
  @ValidateNested()
  @Type(() => MoneyInput)
  amount!: MoneyInput;

  @Field(() => LocalDate, { description: 'Date of the spend (YYYY-MM-DD).' })
  @IsCalendarDate()
  spentOn!: string;

  @Field({ description: 'What it was for.' })
  @IsString()
  @MaxLength(2000)
  note!: string;

  @Field({ nullable: true, description: 'Receipt or invoice reference.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  receiptReference?: string;

  @Field({
    nullable: true,
    description: 'Required when the spend pushes the line beyond tolerance: why.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  explanation?: string;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@ArgsType()
export class ReallocationsArgs extends PageArgs {
  @Field(() => ID, { description: 'The grant.' })
  @IsString()
  @MaxLength(100)
  grantId!: string;
}

@ArgsType()
export class SpendEntriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The grant.' })
  @IsString()
  @MaxLength(100)
  grantId!: string;

  @Field(() => ID, { nullable: true, description: 'Only the spend on this budget line.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lineId?: string;
}
