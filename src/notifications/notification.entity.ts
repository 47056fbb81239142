import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../identity/entities/organization.entity';
import { Person } from '../identity/entities/person.entity';
import { NotificationKind } from './notification.enums';
import { Node } from '../core/graphql/node.interface';

@ObjectType({
  implements: () => [Node],
  description: 'An in-app notification for one person, in their language.',
})
@Entity('notification')
@Index(['personId', 'organizationId', 'createdAt'])
@Index(['personId', 'organizationId'], { where: 'read_at IS NULL' })
export class Notification {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  person?: Person;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field(() => NotificationKind, { description: 'What it is about.' })
  @Column({ type: 'varchar', length: 40 })
  kind!: NotificationKind;

  @Field({ description: 'Type of the object concerned, e.g. SprintReview.' })
  @Column({ type: 'varchar', length: 40 })
  subjectType!: string;

  @Field(() => ID, { description: 'Id of the object concerned.' })
  @Column({ type: 'uuid' })
  subjectId!: string;

  @Field({ description: 'Headline.' })
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Field({ description: 'Text.' })
  @Column({ type: 'text' })
  body!: string;

  @Field({ description: 'Where to look.' })
  @Column({ type: 'varchar', length: 500 })
  link!: string;

  /** One notification per event and person. */
  @Column({ type: 'varchar', length: 300, unique: true })
  dedupeKey!: string;

  @Field(() => Date, { nullable: true, description: 'When it was marked read.' })
  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A person's choice for one kind of notification (missing row: both on). */
@Entity('notification_preference')
export class NotificationPreferenceRow {
  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  person?: Person;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind!: NotificationKind;

  @Column({ type: 'boolean', default: true })
  email!: boolean;

  @Column({ type: 'boolean', default: true })
  inApp!: boolean;
}
