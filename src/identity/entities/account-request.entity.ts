import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Requests that send an email to an address anyone can type (password reset), counted per address
 * and per IP to throttle them like failed sign-ins — whether or not an account exists, so the
 * throttle tells nothing about accounts. Pruned after a day.
 */
@Entity('account_request')
@Index(['kind', 'emailHash', 'createdAt'])
@Index(['kind', 'ip', 'createdAt'])
export class AccountRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** PASSWORD_RESET. */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** SHA-256 of the lower-cased email. */
  @Column({ type: 'char', length: 64 })
  emailHash!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
