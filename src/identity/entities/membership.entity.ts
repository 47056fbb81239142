import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../roles';
import { Organization } from './organization.entity';
import { Person } from './person.entity';
import { Node } from '../../core/graphql/node.interface';

@ObjectType({
  implements: () => [Node],
  description: "A person's membership in an organisation, with a role.",
})
@Entity('membership')
@Index(['personId', 'organizationId'], { unique: true })
@Index(['organizationId', 'role'])
export class Membership {
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

  @Field(() => Role, { description: 'What the person may do in the organisation.' })
  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Field({ description: 'When the person joined.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
