import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsIdempotencyKey } from '../../core/idempotency/idempotency-key.validator';
import { PageArgs } from '../../core/pagination/connection';
import { IsCalendarDate } from '../../core/validation/calendar-date.validator';
import { Trim } from '../../core/validation/trim.decorator';
import { STATEMENT_MAX } from '../proof-of-use.entity';
import { ProofOfUseDecisionKind, ProofOfUseKind } from '../proof-of-use.enums';
import { LocalDate } from '../../core/graphql/local-date.scalar';

@InputType({
  description:
    'Starts a proof of use: an interim one for a period, or the final one for the whole grant once it ended.',
})
export class StartProofOfUseInput {
  @Field(() => ID, { description: 'The grant.' })
  @IsUUID()
  grantId!: string;

  @Field(() => ProofOfUseKind, { description: 'Interim (a period) or final (the whole grant).' })
  @IsEnum(ProofOfUseKind)
  kind!: ProofOfUseKind;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'INTERIM: the first day of the period (required); FINAL: not used.',
  })
  @IsOptional()
  @IsCalendarDate()
  periodFrom?: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'INTERIM: the last day of the period (required, not before its first).',
  })
  @IsOptional()
  @IsCalendarDate()
  periodTo?: string;

  @Field({
    nullable: true,
    description: 'Idempotency key: a retry with the same key answers the first result.',
  })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: 'The closing statement of a proof of use in draft (or sent back).' })
export class UpdateProofOfUseInput {
  @Field(() => ID, { description: 'The proof of use.' })
  @IsUUID()
  proofOfUseId!: string;

  @Field({ description: `The closing statement (up to ${STATEMENT_MAX} characters).` })
  @Trim()
  @IsString()
  @MaxLength(STATEMENT_MAX)
  statement!: string;
}

@InputType({ description: 'Submits a proof of use to the funder.' })
export class SubmitProofOfUseInput {
  @Field(() => ID, { description: 'The proof of use.' })
  @IsUUID()
  proofOfUseId!: string;

  @Field({
    nullable: true,
    description: 'The closing statement, saved first when given.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(STATEMENT_MAX)
  statement?: string;

  @Field({
    nullable: true,
    description: 'Idempotency key: a retry with the same key answers the first result.',
  })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: "The funder's decision on a submitted proof of use." })
export class DecideProofOfUseInput {
  @Field(() => ID, { description: 'The proof of use.' })
  @IsUUID()
  proofOfUseId!: string;

  @Field(() => ProofOfUseDecisionKind, { description: 'Accept, or request changes.' })
  @IsEnum(ProofOfUseDecisionKind)
  decision!: ProofOfUseDecisionKind;

  @Field({
    nullable: true,
    description: 'Comment for the grantee (required when requesting changes).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  comment?: string;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@ArgsType()
export class ProofsOfUseArgs extends PageArgs {
  @Field(() => ID, { description: 'The grant.' })
  @IsUUID()
  grantId!: string;
}
