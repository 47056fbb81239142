import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job that used up its attempts (or stalled too often). Operators see these
 * (`npm run dead-letters -- list`); the worker's sweeper runs each again every
 * DEAD_LETTER_RETRY_AFTER_MS until it succeeds, which resolves it.
 */
@Entity('dead_letter')
@Index('ix_dead_letter_due', ['nextRetryAt'], { where: 'resolved_at IS NULL' })
export class DeadLetter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  queue!: string;

  @Column({ type: 'varchar', length: 100 })
  jobName!: string;

  /** The BullMQ id of the job that first failed for good (the outbox row id for relayed work). */
  @Column({ type: 'varchar', length: 200, unique: true })
  jobId!: string;

  /** The job's payload: ids, never whole objects. */
  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'varchar', length: 1000 })
  lastError!: string;

  /** Attempts made over all runs, the sweeper's included. */
  @Column({ type: 'int' })
  attempts!: number;

  /** Times the sweeper (or an operator) ran it again. */
  @Column({ type: 'int', default: 0 })
  retries!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  failedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  nextRetryAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
