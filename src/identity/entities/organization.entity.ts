import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { FormOfAddress, Language, OrganizationKind } from '../roles';
import { Node } from '../../core/graphql/node.interface';

@ObjectType({
  implements: () => [Node],
  description: 'A funder or grantee organisation (tenant).',
})
@Entity('organization')
export class Organization {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => OrganizationKind, { description: 'Funder or grantee.' })
  @Column({ type: 'varchar', length: 16 })
  kind!: OrganizationKind;

  @Field({ description: 'Display name.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field({ description: 'Unique, URL-friendly handle, e.g. `stiftung-zukunft`.' })
  @Column({ type: 'varchar', length: 60, unique: true })
  slug!: string;

  @Field({ description: 'Country, ISO 3166-1 alpha-2 (e.g. DE).' })
  @Column({ type: 'char', length: 2 })
  country!: string;

  @Field(() => Language, { description: 'Preferred language for texts sent to the organisation.' })
  @Column({ type: 'varchar', length: 2, default: Language.DE })
  language!: Language;

  @Field(() => FormOfAddress, { description: 'How German texts address its people: du or Sie.' })
  @Column({ type: 'varchar', length: 3, default: FormOfAddress.SIE })
  formOfAddress!: FormOfAddress;

  @Field({ description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
