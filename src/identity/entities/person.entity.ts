import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Language } from '../roles';
import { Node } from '../../core/graphql/node.interface';

/** A person who signs in. Emails are stored lower-cased, so uniqueness is case-insensitive. */
@ObjectType({
  implements: () => [Node],
  description: 'A person who uses Meilenstein.',
})
@Entity('person')
export class Person {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Email address (lower-cased).' })
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Field({ description: 'Name shown to others.' })
  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Field(() => Language, { description: 'Language of emails and messages for this person.' })
  @Column({ type: 'varchar', length: 2, default: Language.DE })
  language!: Language;

  /** argon2id; null once the account is deleted (anonymised). */
  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash!: string | null;

  /** When the person proved they read mail at `email`; null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** Operates the service (queue dashboard); never grants access to tenants' data. */
  @Column({ type: 'boolean', default: false })
  platformAdmin!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'Set when the person deleted their account; name and email are then anonymised.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  anonymizedAt!: Date | null;

  @Field({ description: 'When the account was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
