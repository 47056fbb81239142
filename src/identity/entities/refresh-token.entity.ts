import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Session } from './session.entity';

/** One refresh token of a session, stored as a SHA-256 hash; used once, then replaced. */
@Entity('refresh_token')
@Index(['sessionId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  session?: Session;

  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set when exchanged for a new token; presenting it again revokes the session. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
