import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Money } from '../../core/money/money';
import { MoneyType } from '../../core/money/money.graphql';
import { Connection } from '../../core/pagination/connection';
import { Application } from '../application.entity';
import { BudgetCategory } from '../application.enums';

@ObjectType({ description: 'A budget line as planned in an application.' })
export class PlannedBudgetLine {
  @Field(() => BudgetCategory, { description: 'Kind of cost.' })
  category!: BudgetCategory;

  @Field({ description: 'Name of the line.' })
  name!: string;

  @Field(() => MoneyType, { description: 'Planned amount.' })
  amount!: Money;
}

@ObjectType({ description: 'A sprint of the first plan in an application.' })
export class PlannedSprint {
  @Field({ description: 'What the team wants to build or learn.' })
  goal!: string;

  @Field(() => [String], { description: 'Milestones of the sprint.' })
  milestones!: string[];
}

@ObjectType('CriterionScore', { description: 'A score for one criterion.' })
export class CriterionScoreType {
  @Field({ description: 'Key of the criterion.' })
  criterionKey!: string;

  @Field(() => Int, { description: 'Score from 1 to 5.' })
  score!: number;

  @Field({ description: "The reviewer's reasoning." })
  comment!: string;
}

@ObjectType('ApplicationVersion', {
  description: 'A submitted version of an application with its content at that time.',
})
export class ApplicationVersionType {
  @Field(() => Int, { description: 'Version number, from 1.' })
  version!: number;

  @Field({ description: 'When it was submitted.' })
  submittedAt!: Date;

  @Field(() => GraphQLJSONObject, {
    description: 'The application as submitted (amounts in minor units).',
  })
  content!: object;
}

export const ApplicationConnection = Connection(Application);
