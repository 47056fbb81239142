import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Grant, Sprint } from '../grants/grant.entity';
import { SprintReview } from './sprint-review.entity';

/**
 * A sprint (and every sprint after it, and the grant's end) moved later because the funder
 * accepted the review before it late: the sprint starts on the acceptance day and keeps its
 * length. Kept for the grant's timeline; the funder's delay never becomes the grantee's overdue.
 */
@Entity('schedule_shift')
@Index(['grantId'])
export class ScheduleShift {
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

  /** Number of the sprint that starts later. */
  @Column({ type: 'int' })
  sprintNumber!: number;

  /** The accepted review whose lateness moved it. */
  @Column({ type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => SprintReview, { onDelete: 'CASCADE' })
  review?: SprintReview;

  @Column({ type: 'int' })
  shiftDays!: number;

  @Column({ type: 'date' })
  previousStartDate!: string;

  @Column({ type: 'date' })
  newStartDate!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
