// A grant's proof of use (Zwischen- or Verwendungsnachweis): the period it covers, the grantee's
// closing statement and where it stands between grantee and funder; the figures are compiled
// from what was reported, never stored here. Each decision of the funder is kept.
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Grant } from '../grants/grant.entity';
import { Person } from '../identity/entities/person.entity';
import { ProofOfUseDecisionKind, ProofOfUseKind, ProofOfUseStatus } from './proof-of-use.enums';
import { LocalDate } from '../core/graphql/local-date.scalar';

/** Longest closing statement (characters). */
export const STATEMENT_MAX = 20_000;

@ObjectType({
  description:
    'A proof of use of a grant for a period (interim) or the whole grant (final): compiled from the sprint reviews, the ledger and the receipts, with the grantee’s closing statement.',
})
@Entity('proof_of_use')
@Index(['grantId', 'kind', 'periodFrom', 'periodTo'], { unique: true })
@Index('uq_proof_of_use_final', ['grantId'], { unique: true, where: `"kind" = 'FINAL'` })
export class ProofOfUse {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The grant.' })
  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Field(() => ProofOfUseKind, { description: 'Interim (a period) or final (the whole grant).' })
  @Column({ type: 'varchar', length: 16 })
  kind!: ProofOfUseKind;

  @Field(() => LocalDate, { description: 'First calendar day it covers.' })
  @Column({ type: 'date' })
  periodFrom!: string;

  @Field(() => LocalDate, { description: 'Last calendar day it covers.' })
  @Column({ type: 'date' })
  periodTo!: string;

  @Field(() => ProofOfUseStatus, { description: 'Draft, submitted, accepted or sent back.' })
  @Column({ type: 'varchar', length: 24, default: ProofOfUseStatus.DRAFT })
  status!: ProofOfUseStatus;

  @Field({
    description: `The grantee’s closing statement (Sachbericht, up to ${STATEMENT_MAX} characters).`,
  })
  @Column({ type: 'text', default: '' })
  statement!: string;

  @Field(() => Int, { description: 'How often it was submitted (0 while a first draft).' })
  @Column({ type: 'int', default: 0 })
  submittedVersion!: number;

  @Field(() => Date, { nullable: true, description: 'When it was last submitted.' })
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  createdBy?: Person;

  @Field({ description: 'When it was started.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: "The funder's decision on one submitted version of a proof of use." })
@Entity('proof_of_use_decision')
@Index(['proofOfUseId', 'createdAt'])
export class ProofOfUseDecision {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  proofOfUseId!: string;

  @ManyToOne(() => ProofOfUse, { onDelete: 'CASCADE' })
  proofOfUse?: ProofOfUse;

  @Field(() => Int, { description: 'The submitted version decided on.' })
  @Column({ type: 'int' })
  version!: number;

  @Field(() => ProofOfUseDecisionKind, { description: 'Accepted, or changes requested.' })
  @Column({ type: 'varchar', length: 24 })
  decision!: ProofOfUseDecisionKind;

  @Field({ description: "The funder's comment (empty when none)." })
  @Column({ type: 'text', default: '' })
  comment!: string;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  decidedBy?: Person;

  @Field({ description: 'When it was decided.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
