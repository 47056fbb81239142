import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from './person.entity';

/** A sign-in: one family of rotating refresh tokens. Revoking it ends every token of the family. */
@Entity('session')
@Index(['personId'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  person?: Person;

  /** Organisation acted for when a request names none. */
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** LOGOUT, REFRESH_TOKEN_REUSE, ACCOUNT_DELETED, PASSWORD_RESET, PASSWORD_CHANGED. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;
}
