import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintTransformer } from '../core/database/column-transformers';
import { Grant } from './grant.entity';
import { RefundClaimStatus } from './grant.enums';

/**
 * Money released to a grantee but not spent when the grant ended (Rückforderung): one per grant,
 * opened at close-out, then settled or waived by the funder's finance or management.
 */
@ObjectType({
  description:
    'Money released but not spent when the grant ended (Rückforderung): open, then settled or waived by the funder.',
})
@Entity('refund_claim')
@Check('ck_refund_claim_amount_positive', '"amount_minor" > 0')
export class RefundClaim {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', unique: true })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Field(() => RefundClaimStatus, { description: 'Open, settled or waived.' })
  @Column({ type: 'varchar', length: 16, default: RefundClaimStatus.OPEN })
  status!: RefundClaimStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was waived (required), or a note on the settlement.',
  })
  @Column({ type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was settled or waived.' })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Field({ description: 'When it was opened (the grant ended).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
