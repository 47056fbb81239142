import { Organization } from '../identity/entities/organization.entity';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ManyToOne,
} from 'typeorm';
import { DEFAULT_TIME_ZONE } from '../core/calendar/calendar-day';
import { bigintTransformer } from '../core/database/column-transformers';
import { LearningVisibility, ProgrammeStatus, ReceiptRule } from './programme.enums';
import {
  Criterion,
  ReallocationPolicy,
  ReminderPolicy,
  ReviewQuestion,
  TranchePolicy,
} from './programme-settings';
import { Node } from '../core/graphql/node.interface';

/** A funder's funding programme with its call and the settings that make it agile. */
@ObjectType({
  implements: () => [Node],

  description: "A funder's programme: a call for applications and the rules its grants run by.",
})
@Entity('programme')
@Index(['funderOrganizationId', 'createdAt'])
@Index(['status'])
export class Programme {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  funderOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  funderOrganization?: Organization;

  @Field({ description: 'Title of the programme.' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field({ description: 'What the programme funds and why.' })
  @Column({ type: 'text', default: '' })
  description!: string;

  @Field({ description: 'ISO-4217 currency of every amount in the programme.' })
  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  totalBudgetMinor!: bigint;

  @Field(() => Date, {
    nullable: true,
    description: 'Applications can be submitted from this time.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  callOpensAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Applications can be submitted until this time.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  callClosesAt!: Date | null;

  @Field(() => Int, { description: 'Length of a sprint in days.' })
  @Column({ type: 'int' })
  sprintLengthDays!: number;

  @Field(() => Int, { description: 'Most sprints a grant may have.' })
  @Column({ type: 'int' })
  maxSprints!: number;

  @Field(() => ProgrammeStatus, { description: 'Draft, open, closed or archived.' })
  @Column({ type: 'varchar', length: 16, default: ProgrammeStatus.DRAFT })
  status!: ProgrammeStatus;

  @Field(() => [ReviewQuestion], { description: 'Questions every sprint review answers.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  reviewTemplate!: ReviewQuestion[];

  @Field(() => [Criterion], { description: 'Criteria reviewers score applications on.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  criteria!: Criterion[];

  @Field(() => ReallocationPolicy, { description: 'How far money may move between budget lines.' })
  @Column({ type: 'jsonb' })
  reallocationPolicy!: ReallocationPolicy;

  @Field(() => TranchePolicy, { description: 'When money is paid out.' })
  @Column({ type: 'jsonb' })
  tranchePolicy!: TranchePolicy;

  @Field(() => ReminderPolicy, { description: 'When both sides are reminded.' })
  @Column({ type: 'jsonb' })
  reminderPolicy!: ReminderPolicy;

  @Field(() => LearningVisibility, {
    description: 'Visibility a new learning gets unless its authors choose.',
  })
  @Column({ type: 'varchar', length: 16, default: LearningVisibility.PROGRAMME })
  learningVisibilityDefault!: LearningVisibility;

  @Field(() => ReceiptRule, {
    description:
      'Whether a proof of use needs a receipt attached to every spend entry, or only listed.',
  })
  @Column({ type: 'varchar', length: 16, default: ReceiptRule.LISTED })
  receiptRule!: ReceiptRule;

  @Field({
    description:
      "IANA time zone of the programme's calendar: sprint and due dates are days in this zone.",
  })
  @Column({ type: 'varchar', length: 64, default: DEFAULT_TIME_ZONE })
  timeZone!: string;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
