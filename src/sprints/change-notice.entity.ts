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
import { Grant, Sprint } from '../grants/grant.entity';
import { Person } from '../identity/entities/person.entity';
import { ChangeNoticeKind, ChangeNoticeStatus } from './sprint.enums';
import { Node } from '../core/graphql/node.interface';
import { LocalDate } from '../core/graphql/local-date.scalar';

@ObjectType({
  implements: () => [Node],

  description:
    'What a grantee tells its funder: a pivot, a delay, other funding, an unreachable goal, or a stop.',
})
@Entity('change_notice')
@Index(['grantId', 'createdAt'])
export class ChangeNotice {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  /** The sprint running when it was filed. */
  @Column({ type: 'uuid', nullable: true })
  sprintId!: string | null;

  @ManyToOne(() => Sprint, { onDelete: 'SET NULL' })
  sprint?: Sprint;

  @Field(() => ChangeNoticeKind, { description: 'What changes.' })
  @Column({ type: 'varchar', length: 20 })
  kind!: ChangeNoticeKind;

  @Field(() => ChangeNoticeStatus, { description: 'Whether the funder answered.' })
  @Column({ type: 'varchar', length: 20, default: ChangeNoticeStatus.OPEN })
  status!: ChangeNoticeStatus;

  @Field({ description: 'What happened and why, in the grantee’s words.' })
  @Column({ type: 'text' })
  description!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'DELAY: the new last day asked for the current sprint.',
  })
  @Column({ type: 'date', nullable: true })
  requestedEndDate!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'DELAY: the last day of the current sprint when the delay was asked.',
  })
  @Column({ type: 'date', nullable: true })
  previousEndDate!: string | null;

  @Field(() => String, { nullable: true, description: 'OTHER_FUNDING: who gives the money.' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  otherFundingSource!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  otherFundingAmountMinor!: bigint | null;

  @Column({ type: 'char', length: 3, nullable: true })
  otherFundingCurrency!: string | null;

  @Column({ type: 'uuid', nullable: true })
  filedById!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  filedBy?: Person;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  decidedBy?: Person;

  @Field(() => String, { nullable: true, description: "The funder's answer." })
  @Column({ type: 'text', nullable: true })
  decisionComment!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the funder answered.' })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Field({ description: 'When it was filed.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
