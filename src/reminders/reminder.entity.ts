import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationKind } from '../notifications/notification.enums';

/**
 * A reminder that is due, recorded once under its key (subject, kind and step) before it is sent:
 * the unique key is what keeps two schedulers, or one scheduler running twice, from sending twice.
 */
@Entity('reminder')
@Index(['subjectId'])
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** e.g. `review-overdue:<sprint id>:<end date>:after-7`. */
  @Column({ type: 'varchar', length: 200, unique: true })
  key!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 40 })
  subjectType!: string;

  @Column({ type: 'uuid' })
  subjectId!: string;

  /** Which step of the policy: `before-7`, `after-1`, `wait-1`, `wait-2` (escalation). */
  @Column({ type: 'varchar', length: 20 })
  step!: string;

  /** The organisation reminded. */
  @Column({ type: 'uuid' })
  organizationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Set instead of sentAt when the subject was dealt with before the reminder went out. */
  @Column({ type: 'timestamptz', nullable: true })
  skippedAt!: Date | null;
}
