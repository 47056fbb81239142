import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Role } from '../roles';
import { Organization } from './organization.entity';

/** An invitation to join an organisation with a role; single use, expires. */
@ObjectType({ description: 'An invitation to join an organisation with a role.' })
@Entity('invitation')
@Index(['organizationId', 'email'])
// At most one pending invitation per address and organisation, also under concurrent requests.
@Index('uq_invitation_pending', ['organizationId', 'email'], {
  unique: true,
  where: '"accepted_at" IS NULL AND "revoked_at" IS NULL',
})
export class Invitation {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field({ description: 'Who is invited.' })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Field(() => Role, { description: 'Role the person gets on accepting.' })
  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** SHA-256 of the token; the token itself is derived with the server secret and never stored. */
  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  /** Bumped by each resend: the token is derived from id and version, so older links die. */
  @Column({ type: 'int', default: 1 })
  tokenVersion!: number;

  @Column({ type: 'uuid', nullable: true })
  invitedById!: string | null;

  @Field({ description: 'When it was sent.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'After this it can no longer be accepted.' })
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was accepted.' })
  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedById!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn.' })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
