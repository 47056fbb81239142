import { Organization } from '../identity/entities/organization.entity';
import { Programme } from '../programmes/programme.entity';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
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
import { ApplicationStatus, BudgetCategory, DecisionKind } from './application.enums';
import { Node } from '../core/graphql/node.interface';

/** A budget line as planned in an application (amounts as minor-unit strings in JSON). */
export interface PlannedLine {
  category: BudgetCategory;
  name: string;
  amountMinor: string;
}

export interface PlannedSprint {
  goal: string;
  milestones: string[];
}

@ObjectType({
  implements: () => [Node],
  description: "A grantee's application to a programme.",
})
@Entity('application')
@Index(['programmeId', 'createdAt'])
@Index(['granteeOrganizationId', 'createdAt'])
export class Application {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  programme?: Programme;

  @Column({ type: 'uuid' })
  granteeOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  granteeOrganization?: Organization;

  @Field(() => ApplicationStatus, { description: 'Where the application stands.' })
  @Column({ type: 'varchar', length: 16, default: ApplicationStatus.DRAFT })
  status!: ApplicationStatus;

  @Field({ description: 'Title of the project.' })
  @Column({ type: 'varchar', length: 200, default: '' })
  title!: string;

  @Field({ description: 'The project in a few sentences.' })
  @Column({ type: 'text', default: '' })
  summary!: string;

  @Field({ description: 'The problem the project addresses.' })
  @Column({ type: 'text', default: '' })
  problem!: string;

  @Field({ description: 'How the team wants to address it.' })
  @Column({ type: 'text', default: '' })
  approach!: string;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  requestedAmountMinor!: bigint | null;

  @Field(() => String, {
    nullable: true,
    description: 'Currency of the request (must be the programme’s).',
  })
  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  budgetLines!: PlannedLine[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  sprintPlan!: PlannedSprint[];

  @Field({ description: 'Contact person.' })
  @Column({ type: 'varchar', length: 100, default: '' })
  contactName!: string;

  @Field({ description: 'Contact email.' })
  @Column({ type: 'varchar', length: 254, default: '' })
  contactEmail!: string;

  @Field(() => Int, { description: 'Number of submissions so far (each is kept as a version).' })
  @Column({ type: 'int', default: 0 })
  version!: number;

  @Field(() => Date, { nullable: true, description: 'When it was last submitted.' })
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the last decision was made.' })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Field(() => DecisionKind, { nullable: true, description: 'The last decision.' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  lastDecision!: DecisionKind | null;

  @Field(() => String, {
    nullable: true,
    description: "The funder's feedback or questions with the last decision.",
  })
  @Column({ type: 'text', nullable: true })
  decisionFeedback!: string | null;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Each submission, frozen: earlier versions stay readable after a request for information. */
@ObjectType({ description: 'A submitted version of an application, as it was at submission.' })
@Entity('application_version')
@Unique(['applicationId', 'version'])
export class ApplicationVersion {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  application?: Application;

  @Field(() => Int, { description: 'Version number, from 1.' })
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  snapshot!: object;

  @Column({ type: 'uuid', nullable: true })
  submittedById!: string | null;

  /** The decision on this version, if any (each submitted version is decided at most once). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  decision!: DecisionKind | null;

  /** The funder's feedback with that decision: the notification job reads it from here. */
  @Column({ type: 'text', nullable: true })
  decisionFeedback!: string | null;

  @Field({ description: 'When this version was submitted.' })
  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt!: Date;
}

export interface CriterionScore {
  criterionKey: string;
  score: number;
  comment: string;
}

/** One reviewer's scores for an application. */
@ObjectType({ description: "One reviewer's scores for an application." })
@Entity('application_review')
@Unique(['applicationId', 'reviewerPersonId'])
export class ApplicationReview {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  application?: Application;

  @Field(() => ID, { description: 'The reviewer (a person of the funder).' })
  @Column({ type: 'uuid' })
  reviewerPersonId!: string;

  @Column({ type: 'jsonb' })
  scores!: CriterionScore[];

  @Field({ description: 'When the scores were (last) submitted.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  submittedAt!: Date;
}
