import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every email sent, once per idempotency key: a job that runs twice sends once. */
@Entity('mail_delivery')
export class MailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** e.g. `invitation:<id>`; unique. */
  @Column({ type: 'varchar', length: 200, unique: true })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt!: Date;
}
