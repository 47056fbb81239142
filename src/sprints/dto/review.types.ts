import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PlannedSprint } from '../../applications/dto/application.types';
import { Money } from '../../core/money/money';
import { MoneyType } from '../../core/money/money.graphql';
import { LearningKind } from '../../learnings/learning.enums';
import { LearningVisibility } from '../../programmes/programme.enums';
import type { ReviewContent } from '../review-content';
import { Confidence, MilestoneOutcome } from '../sprint.enums';

@ObjectType({ description: 'How one milestone went.' })
export class ReviewOutcome {
  @Field(() => ID, { description: 'The milestone.' })
  milestoneId!: string;

  @Field({ description: 'Its title when the review was written.' })
  milestoneTitle!: string;

  @Field(() => MilestoneOutcome, { description: 'Done, partly, not done or dropped.' })
  outcome!: MilestoneOutcome;

  @Field({ description: 'What happened.' })
  note!: string;
}

@ObjectType({ description: 'Actual spend of the sprint on one budget line.' })
export class ReviewSpend {
  @Field(() => ID, { description: 'The budget line.' })
  lineId!: string;

  @Field({ description: 'Its name when the review was written.' })
  lineName!: string;

  @Field(() => MoneyType, { description: 'What the sprint spent on it.' })
  amount!: Money;

  @Field(() => String, { nullable: true, description: 'Why the line went beyond tolerance.' })
  explanation!: string | null;
}

@ObjectType({ description: 'An answer to a review-template question.' })
export class ReviewAnswer {
  @Field({ description: 'Key of the question.' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Answer to a TEXT question.' })
  text!: string | null;

  @Field(() => Int, { nullable: true, description: 'Answer to a NUMBER or SCALE question.' })
  number!: number | null;

  @Field(() => String, { nullable: true, description: 'Answer to a SINGLE_CHOICE question.' })
  choice!: string | null;
}

@ObjectType({ description: 'A learning as written in the review.' })
export class ReviewLearning {
  @Field({ description: 'Short title.' })
  title!: string;

  @Field({ description: 'What the team tried.' })
  tried!: string;

  @Field({ description: 'What happened.' })
  happened!: string;

  @Field({ description: 'What the team learned.' })
  learned!: string;

  @Field(() => LearningKind, { description: 'Insight, failure or surprise.' })
  kind!: LearningKind;

  @Field(() => [String], { description: 'Tags.' })
  tags!: string[];

  @Field(() => LearningVisibility, {
    nullable: true,
    description: "Who may read it; empty means the programme's default.",
  })
  visibility!: LearningVisibility | null;
}

@ObjectType({ description: 'What a sprint review says.' })
export class ReviewContentView {
  @Field({ description: 'What the sprint was about.' })
  summary!: string;

  @Field(() => [ReviewOutcome], { description: 'Outcome per milestone.' })
  outcomes!: ReviewOutcome[];

  @Field(() => [ReviewSpend], { description: 'Actual spend per budget line.' })
  spend!: ReviewSpend[];

  @Field(() => [ReviewAnswer], { description: "Answers to the programme's review template." })
  answers!: ReviewAnswer[];

  @Field(() => [ReviewLearning], { description: 'What the team learned.' })
  learnings!: ReviewLearning[];

  @Field(() => Confidence, { nullable: true, description: 'Green, amber or red.' })
  confidence!: Confidence | null;

  @Field({ description: 'One sentence on the confidence signal.' })
  confidenceNote!: string;

  @Field(() => PlannedSprint, { nullable: true, description: 'The plan for the next sprint.' })
  nextSprint!: PlannedSprint | null;
}

export function contentView(content: ReviewContent): ReviewContentView {
  return {
    ...content,
    spend: content.spend.map((s) => ({
      lineId: s.lineId,
      lineName: s.lineName,
      amount: Money.of(BigInt(s.amountMinor), s.currency),
      explanation: s.explanation,
    })),
  };
}

@ObjectType({
  description:
    "How a review's plan for the next sprint differs from the plan as it stood — a pivot when anything changed.",
})
export class PlanDiff {
  @Field({ description: 'Whether the plan changed (a pivot).' })
  changed!: boolean;

  @Field({ description: 'The goal before.' })
  goalBefore!: string;

  @Field({ description: 'The goal after.' })
  goalAfter!: string;

  @Field({ description: 'Whether the goal changed.' })
  goalChanged!: boolean;

  @Field(() => [String], { description: 'Milestones added.' })
  milestonesAdded!: string[];

  @Field(() => [String], { description: 'Milestones removed.' })
  milestonesRemoved!: string[];

  @Field(() => [String], { description: 'Milestones kept.' })
  milestonesKept!: string[];

  @Field({
    description:
      'The diff as text: "  " unchanged, "- " removed, "+ " added, one line per goal or milestone.',
  })
  text!: string;
}
