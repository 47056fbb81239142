import { Field, ID, ObjectType } from '@nestjs/graphql';
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
import { LocalDate } from '../core/graphql/local-date.scalar';

@ObjectType({ description: 'Spend reported by the grantee on a budget line.' })
@Entity('spend_entry')
@Index(['grantId', 'lineId'])
export class SpendEntry {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'RESTRICT' })
  grant?: Grant;

  @Field(() => ID, { description: 'The budget line.' })
  @Column({ type: 'uuid' })
  lineId!: string;

  @Field(() => ID, { nullable: true, description: 'The sprint the spend belongs to.' })
  @Column({ type: 'uuid', nullable: true })
  sprintId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The sprint review that reported it (its figures are corrected by later versions).',
  })
  @Column({ type: 'uuid', nullable: true })
  reviewId!: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Field(() => LocalDate, { description: 'When the money was spent.' })
  @Column({ type: 'date' })
  spentOn!: string;

  @Field({
    description:
      'What it was for, in the words of whoever booked it; empty for what a sprint review reported (see reviewId).',
  })
  @Column({ type: 'varchar', length: 2000, default: '' })
  note!: string;

  @Field(() => String, { nullable: true, description: 'Receipt or invoice reference.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  receiptReference!: string | null;

  @Field({ description: "Whether it pushed the line beyond the programme's tolerance." })
  @Column({ type: 'boolean', default: false })
  beyondTolerance!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why the line went beyond tolerance (required then).',
  })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  explanation!: string | null;

  @Column({ type: 'uuid', nullable: true })
  reportedById!: string | null;

  @Field({ description: 'When it was reported.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
