import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../core/database/column-transformers';
import { Grant } from '../grants/grant.entity';

@ObjectType({ description: "A change of a grant's awarded amount (amendment notice)." })
@Entity('amendment')
export class Amendment {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'RESTRICT' })
  grant?: Grant;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  previousAmountMinor!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  newAmountMinor!: bigint;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Field({ description: 'Why the amount changes.' })
  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Field({ description: 'When it took effect.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
