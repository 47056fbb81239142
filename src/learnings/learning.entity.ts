import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../identity/entities/organization.entity';
import { Grant, Sprint } from '../grants/grant.entity';
import { Programme } from '../programmes/programme.entity';
import { LearningVisibility } from '../programmes/programme.enums';
import { LearningAttribution, LearningKind, LearningLicence } from './learning.enums';
import { Node } from '../core/graphql/node.interface';

@ObjectType({
  implements: () => [Node],

  description:
    'What a team tried, what happened and what it learned — written in a sprint review, shared by its visibility.',
})
@Entity('learning')
@Index(['grantId', 'createdAt'])
@Index(['programmeId', 'visibility'])
@Index(['visibility', 'createdAt'])
@Index(['reviewId', 'position'], { unique: true })
@Index(['authorOrganizationId'])
@Index(['funderOrganizationId'])
@Index('ix_learning_published_at', ['publishedAt'], { where: `"visibility" = 'PUBLIC'` })
// A review's learning names its grant, sprint and review; a funder's own names none of them.
@Check(
  'ck_learning_origin',
  `("grant_id" IS NOT NULL AND "sprint_id" IS NOT NULL AND "review_id" IS NOT NULL) OR ("grant_id" IS NULL AND "sprint_id" IS NULL AND "review_id" IS NULL AND "author_organization_id" = "funder_organization_id")`,
)
@Check('ck_learning_helpful_count', `"helpful_count" >= 0`)
@Index('ix_learning_tags', ['tags'], { type: 'gin' })
// GIN index over `search` (full-text search).
@Index('ix_learning_search', ['search'], { type: 'gin' })
export class Learning {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The grant of a team's learning; null for a funder's own. */
  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  programme?: Programme;

  @Column({ type: 'uuid', nullable: true })
  sprintId!: string | null;

  @ManyToOne(() => Sprint, { onDelete: 'CASCADE' })
  sprint?: Sprint;

  @Field(() => Int, {
    nullable: true,
    description: "Number of the sprint it was learned in (null for a funder's own learning).",
  })
  @Column({ type: 'int', nullable: true })
  sprintNumber!: number | null;

  /** The review (and version) it was written in. */
  @Column({ type: 'uuid', nullable: true })
  reviewId!: string | null;

  @Column({ type: 'int', nullable: true })
  reviewVersion!: number | null;

  @Column({ type: 'int', nullable: true })
  position!: number | null;

  /** The organisation that wrote it: the grantee team, or the funder for its own learnings. */
  @Column({ type: 'uuid' })
  authorOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  authorOrganization?: Organization;

  /** The programme's funder (denormalised for visibility and facets). */
  @Column({ type: 'uuid' })
  funderOrganizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  funderOrganization?: Organization;

  @Field({ description: 'Short title.' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field({ description: 'What the team tried.' })
  @Column({ type: 'text' })
  tried!: string;

  @Field({ description: 'What happened.' })
  @Column({ type: 'text' })
  happened!: string;

  @Field({ description: 'What the team learned.' })
  @Column({ type: 'text' })
  learned!: string;

  @Field(() => LearningKind, { description: 'Insight, failure or surprise.' })
  @Column({ type: 'varchar', length: 16 })
  kind!: LearningKind;

  @Field(() => [String], { description: 'Tags, lower-case.' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags!: string[];

  @Field(() => LearningVisibility, { description: 'Who may read it.' })
  @Column({ type: 'varchar', length: 16 })
  visibility!: LearningVisibility;

  /** A wider visibility the funder asked for, until the author answers. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  requestedVisibility!: LearningVisibility | null;

  @Column({ type: 'timestamptz', nullable: true })
  requestedAt!: Date | null;

  @Field(() => LearningLicence, { description: 'The licence it is shared under when public.' })
  @Column({ type: 'varchar', length: 32, default: LearningLicence.CC_BY_4_0 })
  licence!: LearningLicence;

  @Field(() => LearningAttribution, {
    description: "Named or pseudonymised for readers outside the grant (the team's choice).",
  })
  @Column({ type: 'varchar', length: 16, default: LearningAttribution.PSEUDONYMOUS })
  attribution!: LearningAttribution;

  /** When it last became public (null while it is not). */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int, { description: 'How many organisations marked it "this helped us".' })
  @Column({ type: 'int', default: 0 })
  helpfulCount!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** German and English stems of the text and tags, kept current by a trigger (see the migration). */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, nullable: true })
  search?: string;

  /** The title's stems alone: small enough to stay in the row, so search ranks by it cheaply. */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, nullable: true })
  searchTitle?: string;

  @Field({ description: 'When it was shared.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** "This helped us": one mark per organisation and learning. */
@Entity('learning_mark')
export class LearningMark {
  @PrimaryColumn({ type: 'uuid' })
  learningId!: string;

  @ManyToOne(() => Learning, { onDelete: 'CASCADE' })
  learning?: Learning;

  @PrimaryColumn({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
