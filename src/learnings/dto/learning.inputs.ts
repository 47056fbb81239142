import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageArgs } from '../../core/pagination/connection';
import { Trim } from '../../core/validation/trim.decorator';
import { LearningKind } from '../learning.enums';

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
