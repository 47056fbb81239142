import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintTransformer } from '../core/database/column-transformers';
import { Grant } from '../grants/grant.entity';
import { LedgerKind } from './budget.enums';

/**
 * Append-only double-entry ledger. Every money movement is a set of entries with one
 * `movementId` whose amounts add up to zero. Accounts of a grant:
 *   commitment            the funder's commitment (negative balance = awarded amount)
 *   line:<id>             allocation of a budget line
 *   funder-cash           paid out by the funder (negative) …
 *   released              … to the grantee (positive), one leg per released tranche
 *   spent:<lineId>        spend reported on a line (positive) against
 *   grantee-funds         the grantee's funds used for it (negative)
 */
@Entity('ledger_entry')
@Index(['grantId', 'account'])
@Index(['movementId'])
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'RESTRICT' })
  grant?: Grant;

  @Column({ type: 'uuid' })
  movementId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: LedgerKind;

  @Column({ type: 'varchar', length: 60 })
  account!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** The object that caused it: reallocation, amendment, tranche or spend id. */
  @Column({ type: 'uuid', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'varchar', length: 500, default: '' })
  memo!: string;

  @Column({ type: 'uuid', nullable: true })
  actorPersonId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorApiKeyId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
