import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Grant, Sprint } from '../grants/grant.entity';
import { Programme } from '../programmes/programme.entity';
import { LearningVisibility } from '../programmes/programme.enums';
import { LearningKind } from './learning.enums';
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
// GIN index over `search` (full-text search).
@Index('ix_learning_search', ['search'], { type: 'gin' })
export class Learning {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  programme?: Programme;

  @Column({ type: 'uuid' })
  sprintId!: string;

  @ManyToOne(() => Sprint, { onDelete: 'CASCADE' })
  sprint?: Sprint;

  @Field(() => Int, { description: 'Number of the sprint it was learned in.' })
  @Column({ type: 'int' })
  sprintNumber!: number;

  /** The review (and version) it was written in. */
  @Column({ type: 'uuid' })
  reviewId!: string;

  @Column({ type: 'int' })
  reviewVersion!: number;

  @Column({ type: 'int' })
  position!: number;

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

  /** German and English stems of the text and tags, kept current by a trigger (see the migration). */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, nullable: true })
  search?: string;

  @Field({ description: 'When it was shared.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
