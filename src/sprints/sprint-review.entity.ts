import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Grant, Sprint } from '../grants/grant.entity';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import type { ReviewContent, StoredPlan } from './review-content';
import { ReviewDecisionKind } from './sprint.enums';
import { Node } from '../core/graphql/node.interface';

@ObjectType({
  implements: () => [Node],

  description:
    'The sprint review of one sprint: a draft the grantee works on, and the versions submitted to the funder.',
})
@Entity('sprint_review')
@Index(['grantId'])
export class SprintReview {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Column({ type: 'uuid', unique: true })
  sprintId!: string;

  @ManyToOne(() => Sprint, { onDelete: 'CASCADE' })
  sprint?: Sprint;

  /** What the grantee last saved; after a submission it equals the submitted content. */
  @Column({ type: 'jsonb' })
  draft!: ReviewContent;

  @Field(() => Int, { description: 'Number of the latest submitted version; 0 before the first.' })
  @Column({ type: 'int', default: 0 })
  submittedVersion!: number;

  @Field({
    description: 'Whether this is the final review of a grant the grantee stopped early.',
  })
  @Column({ type: 'boolean', default: false })
  final!: boolean;

  @Field({ description: 'When the review was started.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When the draft or a version last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({
  description: 'A submitted version of a sprint review; older versions stay readable.',
})
@Entity('sprint_review_version')
@Unique(['reviewId', 'number'])
export class SprintReviewVersion {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => SprintReview, { onDelete: 'CASCADE' })
  review?: SprintReview;

  @Field(() => Int, { description: 'Version number, from 1.' })
  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'jsonb' })
  content!: ReviewContent;

  /** The next sprint's plan as it stood when this version was submitted (null: no next sprint). */
  @Column({ type: 'jsonb', nullable: true })
  planBefore!: StoredPlan | null;

  @Field({ description: 'Whether it was submitted as the final review of a stopped grant.' })
  @Column({ type: 'boolean', default: false })
  final!: boolean;

  @Column({ type: 'uuid', nullable: true })
  submittedById!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  submittedBy?: Person;

  @Field({ description: 'When it was submitted.' })
  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt!: Date;
}

@ObjectType({ description: "A funder's decision on a submitted sprint review." })
@Entity('review_decision')
@Index(['reviewId'])
export class ReviewDecision {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => SprintReview, { onDelete: 'CASCADE' })
  review?: SprintReview;

  @Field(() => Int, { description: 'The version decided on.' })
  @Column({ type: 'int' })
  version!: number;

  @Field(() => ReviewDecisionKind, { description: 'Accepted, or changes requested.' })
  @Column({ type: 'varchar', length: 20 })
  decision!: ReviewDecisionKind;

  @Field({ description: "The funder's comment." })
  @Column({ type: 'text' })
  comment!: string;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  decidedBy?: Person;

  @Field({ description: 'When it was decided.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({
  description: 'A comment in the thread of a sprint review; funder and grantee both write here.',
})
@Entity('review_comment')
@Index(['reviewId', 'createdAt'])
export class ReviewComment {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => SprintReview, { onDelete: 'CASCADE' })
  review?: SprintReview;

  @Field(() => Int, { description: 'The review version that was current when it was written.' })
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  authorId!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  author?: Person;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field({ description: 'The comment.' })
  @Column({ type: 'text' })
  body!: string;

  @Field({ description: 'When it was written.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({
  description:
    "A change of a sprint's plan (goal or milestones) made by an accepted review: a pivot, kept as a diff.",
})
@Entity('plan_change')
@Index(['grantId'])
export class PlanChange {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Column({ type: 'uuid' })
  sprintId!: string;

  @ManyToOne(() => Sprint, { onDelete: 'CASCADE' })
  sprint?: Sprint;

  @Field(() => Int, { description: 'Number of the sprint whose plan changed.' })
  @Column({ type: 'int' })
  sprintNumber!: number;

  @Column({ type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => SprintReview, { onDelete: 'CASCADE' })
  review?: SprintReview;

  @Column({ type: 'jsonb' })
  before!: StoredPlan;

  @Column({ type: 'jsonb' })
  after!: StoredPlan;

  @Field({ description: 'When the change applied.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
