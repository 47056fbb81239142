import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ApiKeyScope } from '../roles';
import { Organization } from './organization.entity';

/** An integration's key. Shown once; stored as a SHA-256 hash of its secret part. */
@ObjectType({
  description: "An integration's API key (the secret is shown only once, at creation).",
})
@Entity('api_key')
@Index(['organizationId'])
export class ApiKey {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field({ description: 'What the key is for, e.g. "CRM sync".' })
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Public part of the key, used to find it: `msk_<prefix>_<secret>`. */
  @Field({ description: 'Public part of the key (`msk_<prefix>_…`), to recognise it.' })
  @Column({ type: 'varchar', length: 16, unique: true })
  prefix!: string;

  @Column({ type: 'char', length: 64 })
  secretHash!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do.' })
  @Column({ type: 'varchar', array: true, length: 16 })
  scopes!: ApiKeyScope[];

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'After this the key is refused.' })
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (to the minute).' })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key was revoked; it is refused from then on.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
