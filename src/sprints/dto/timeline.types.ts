import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Money } from '../../core/money/money';
import { MoneyType } from '../../core/money/money.graphql';
import { PageArgs } from '../../core/pagination/connection';
import { TimelineKind } from '../sprint.enums';

@ObjectType({ description: "One event in a grant's history." })
export class TimelineEntry {
  @Field({ description: 'When it happened.' })
  at!: Date;

  @Field(() => TimelineKind, { description: 'What happened.' })
  kind!: TimelineKind;

  @Field({ description: 'Type of the object concerned, e.g. SprintReview, Tranche, ChangeNotice.' })
  subjectType!: string;

  @Field(() => ID, { description: 'Id of the object concerned.' })
  subjectId!: string;

  @Field(() => Int, { nullable: true, description: 'The sprint it concerns, where one does.' })
  sprintNumber!: number | null;

  @Field(() => MoneyType, { nullable: true, description: 'The amount, where money moved.' })
  amount!: Money | null;

  @Field(() => String, {
    nullable: true,
    description: 'A short detail: a kind, status or version.',
  })
  label!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text that came with it: a comment, reason, title or description.',
  })
  detail!: string | null;

  @Field({ description: "One line about it in the caller's language." })
  summary!: string;

  actorId!: string | null;
}

@ArgsType()
export class GrantTimelineArgs extends PageArgs {
  @Field(() => ID, { description: 'The grant.' })
  @IsString()
  @MaxLength(100)
  grantId!: string;
}
