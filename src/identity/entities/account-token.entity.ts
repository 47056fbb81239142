import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from './person.entity';

export enum AccountTokenPurpose {
  VERIFY_EMAIL = 'VERIFY_EMAIL',
  RESET_PASSWORD = 'RESET_PASSWORD',
  CHANGE_EMAIL = 'CHANGE_EMAIL',
}

/**
 * A single-use link sent by email (verify the address, reset the password, confirm a new address).
 * Like invitations, the token is derived from the row id with the server secret, so the worker can
 * put it into the email while the database holds only its hash.
 */
@Entity('account_token')
@Index(['personId', 'purpose', 'createdAt'])
export class AccountToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  person?: Person;

  @Column({ type: 'varchar', length: 20 })
  purpose!: AccountTokenPurpose;

  /** The address the link goes to (for CHANGE_EMAIL the new one). */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** CHANGE_EMAIL: the address it replaced, set on confirmation (the notice goes there). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  previousEmail!: string | null;

  /** SHA-256 of the token. */
  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
