import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job that used up its attempts (or stalled too often). Operators see these
 * (`npm run dead-letters -- list`); the worker's sweeper runs each again every
 * DEAD_LETTER_RETRY_AFTER_MS until it succeeds, which resolves it.
 */
@ObjectType({
  description:
    'A job that failed for good (platform administrators only). The worker runs it again by itself every so often; `retryDeadLetter` runs it at the next sweep.',
})
@Entity('dead_letter')
@Index('ix_dead_letter_due', ['nextRetryAt'], { where: 'resolved_at IS NULL' })
export class DeadLetter {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'The queue the job ran on.' })
  @Column({ type: 'varchar', length: 40 })
  queue!: string;

  @Field({ description: 'The job, e.g. notifications.send-email.' })
  @Column({ type: 'varchar', length: 100 })
  jobName!: string;

  /** The BullMQ id of the job that first failed for good (the outbox row id for relayed work). */
  @Field(() => ID, { description: 'The queue id of the job that first failed for good.' })
  @Column({ type: 'varchar', length: 200, unique: true })
  jobId!: string;

  /** The job's payload: ids, never whole objects. */
  @Field(() => GraphQLJSONObject, {
    description: 'What the job was given: ids, never tenant text.',
  })
  @Column({ type: 'jsonb' })
  payload!: object;

  @Field(() => ID, { nullable: true, description: 'The organisation the work was for, if any.' })
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Field({ description: 'The error of the last attempt.' })
  @Column({ type: 'varchar', length: 1000 })
  lastError!: string;

  /** Attempts made over all runs, the sweeper's included. */
  @Field(() => Int, { description: 'Attempts made over all runs.' })
  @Column({ type: 'int' })
  attempts!: number;

  /** Times the sweeper (or an operator) ran it again. */
  @Field(() => Int, { description: 'Times it was run again (by the sweeper or an administrator).' })
  @Column({ type: 'int', default: 0 })
  retries!: number;

  @Field({ description: 'When it first failed for good.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it last failed.' })
  @Column({ type: 'timestamptz' })
  failedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it runs again by itself.' })
  @Column({ type: 'timestamptz', nullable: true })
  nextRetryAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When a later run succeeded; null while unresolved.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
