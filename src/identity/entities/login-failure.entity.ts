import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Failed sign-ins, counted per email and per address to throttle guessing. Pruned after a day. */
@Entity('login_failure')
@Index(['emailHash', 'createdAt'])
@Index(['ip', 'createdAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** SHA-256 of the lower-cased email, so unknown addresses are not stored in clear. */
  @Column({ type: 'char', length: 64 })
  emailHash!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
