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
import { ReallocationStatus } from './budget.enums';
import { Node } from '../core/graphql/node.interface';

@ObjectType({
  implements: () => [Node],
  description: 'A request to move money from one budget line to another.',
})
@Entity('reallocation')
@Index(['grantId', 'createdAt'])
export class Reallocation {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'RESTRICT' })
  grant?: Grant;

  @Field(() => ID, { description: 'The line the money comes from.' })
  @Column({ type: 'uuid' })
  fromLineId!: string;

  @Field(() => ID, { description: 'The line the money goes to.' })
  @Column({ type: 'uuid' })
  toLineId!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Field({ description: 'Why the team wants to move the money.' })
  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Field(() => ReallocationStatus, { description: 'Applied, pending or rejected.' })
  @Column({ type: 'varchar', length: 16 })
  status!: ReallocationStatus;

  @Field({ description: "Whether the move was within the programme's tolerance when requested." })
  @Column({ type: 'boolean' })
  withinTolerance!: boolean;

  @Column({ type: 'uuid', nullable: true })
  requestedById!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Field(() => String, { nullable: true, description: "The funder's comment on the decision." })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  decisionComment!: string | null;

  @Field({ description: 'When it was requested.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was decided (pending requests only).',
  })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
