import { Organization } from '../identity/entities/organization.entity';
import { Application } from '../applications/application.entity';
import { Programme } from '../programmes/programme.entity';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  ManyToOne,
} from 'typeorm';
import { bigintTransformer } from '../core/database/column-transformers';
import { BudgetCategory } from '../applications/application.enums';
import { GrantStatus, SprintStatus, TrancheKind, TrancheStatus } from './grant.enums';
import { Node } from '../core/graphql/node.interface';
import { Money } from '../core/money/money';
import { MoneyType } from '../core/money/money.graphql';
import { LocalDate } from '../core/graphql/local-date.scalar';

@ObjectType({
  implements: () => [Node],
  description: 'Funding awarded to a grantee for a project, run in sprints.',
})
@Entity('grant')
@Index(['programmeId'])
@Index(['granteeOrganizationId'])
export class Grant {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Reference number, e.g. MS-2026-0001.' })
  @Column({ type: 'varchar', length: 20, unique: true })
  reference!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  programme?: Programme;

  @Column({ type: 'uuid', unique: true })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  application?: Application;

  @Column({ type: 'uuid' })
  funderOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  funderOrganization?: Organization;

  @Column({ type: 'uuid' })
  granteeOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  granteeOrganization?: Organization;

  @Field({ description: 'Title of the funded project.' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field({ description: 'ISO-4217 currency.' })
  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  awardedAmountMinor!: bigint;

  // Money fields read by GraphQL's default resolver: a getter costs nothing per field, where a
  // resolver method would run through Nest's parameter and pipe machinery for every grant.
  @Field(() => MoneyType, { description: 'Amount awarded.' })
  get awardedAmount(): Money {
    return Money.of(this.awardedAmountMinor, this.currency);
  }

  /** Unreleased money given back to the programme when the grant ended (see close-out.service.ts). */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  returnedMinor!: bigint;

  @Field(() => LocalDate, { description: 'First day of the first sprint.' })
  @Column({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDate, { description: 'Last day of the last sprint.' })
  @Column({ type: 'date' })
  endDate!: string;

  @Field(() => GrantStatus, { description: 'Active, completed or stopped.' })
  @Column({ type: 'varchar', length: 16, default: GrantStatus.ACTIVE })
  status!: GrantStatus;

  @Field(() => Date, {
    nullable: true,
    description: 'When the grant ended (final review accepted, or stopped early).',
  })
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Field({ description: 'When the grant was awarded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({
  implements: () => [Node],
  description: 'A line of a grant’s budget, as planned at award.',
})
@Entity('budget_line')
@Index(['grantId', 'position'])
@Check('ck_budget_line_allocated_non_negative', '"allocated_minor" >= 0')
export class BudgetLine {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Field(() => Int, { description: 'Order of the line in the budget.' })
  @Column({ type: 'int' })
  position!: number;

  @Field(() => BudgetCategory, { description: 'Kind of cost.' })
  @Column({ type: 'varchar', length: 20 })
  category!: BudgetCategory;

  @Field({ description: 'Name of the line.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  originalAmountMinor!: bigint;

  @Field(() => MoneyType, { description: 'Amount planned at award.' })
  get originalAmount(): Money {
    return Money.of(this.originalAmountMinor, this.currency);
  }

  /** Cached ledger balance: original plan ± reallocations and amendments. */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  allocatedMinor!: bigint;

  /** Cached ledger balance: reported spend. */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  spentMinor!: bigint;
}

@ObjectType({
  implements: () => [Node],

  description: 'A time box of a grant with goals and milestones, closed by a sprint review.',
})
@Entity('sprint')
@Unique(['grantId', 'number'])
// The reminder scan and the due-date job look sprints up by status and end date.
@Index(['status', 'endDate'])
export class Sprint {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Field(() => Int, { description: 'Number of the sprint, from 1.' })
  @Column({ type: 'int' })
  number!: number;

  @Field({ description: 'What the team wants to build or learn in this sprint (its hypothesis).' })
  @Column({ type: 'text' })
  goal!: string;

  @Field(() => LocalDate, { description: 'First day.' })
  @Column({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDate, { description: 'Last day; the review is due after it.' })
  @Column({ type: 'date' })
  endDate!: string;

  @Field(() => SprintStatus, { description: 'Where the sprint stands.' })
  @Column({ type: 'varchar', length: 20, default: SprintStatus.PLANNED })
  status!: SprintStatus;
}

@ObjectType({ description: 'A milestone of a sprint.' })
@Entity('milestone')
@Index(['sprintId', 'position'])
export class Milestone {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sprintId!: string;

  @ManyToOne(() => Sprint, { onDelete: 'CASCADE' })
  sprint?: Sprint;

  @Field(() => Int, { description: 'Order within the sprint.' })
  @Column({ type: 'int' })
  position!: number;

  @Field({ description: 'What will be there when it is reached.' })
  @Column({ type: 'varchar', length: 300 })
  title!: string;
}

@ObjectType({
  implements: () => [Node],

  description: 'A payment to the grantee, scheduled by the programme’s tranche policy.',
})
@Entity('tranche')
@Unique(['grantId', 'number'])
@Check('ck_tranche_amount_non_negative', '"amount_minor" >= 0')
export class Tranche {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Field(() => Int, { description: 'Order of the tranche, from 1.' })
  @Column({ type: 'int' })
  number!: number;

  @Field(() => TrancheKind, { description: 'What releases it.' })
  @Column({ type: 'varchar', length: 16 })
  kind!: TrancheKind;

  @Field(() => Int, {
    nullable: true,
    description: 'For SPRINT tranches: the sprint whose accepted review releases it.',
  })
  @Column({ type: 'int', nullable: true })
  releasedBySprint!: number | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Field(() => MoneyType, { description: 'Amount of the tranche.' })
  get amount(): Money {
    return Money.of(this.amountMinor, this.currency);
  }

  @Field(() => TrancheStatus, { description: 'Scheduled, released or cancelled.' })
  @Column({ type: 'varchar', length: 16, default: TrancheStatus.SCHEDULED })
  status!: TrancheStatus;

  @Field(() => Date, { nullable: true, description: 'When it was released.' })
  @Column({ type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;
}

/** Per-year counter behind grant reference numbers (MS-2026-0001). */
@Entity('grant_reference_counter')
export class GrantReferenceCounter {
  @Column({ type: 'int', primary: true })
  year!: number;

  @Column({ type: 'int' })
  last!: number;
}
