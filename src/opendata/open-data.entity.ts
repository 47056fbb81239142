// What open grant data (the 360Giving Data Standard) needs that the rest of the model does not hold:
// an organisation's identifiers in that standard, and which grants its funder chose to publish.
import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Grant } from '../grants/grant.entity';
import { Organization } from '../identity/entities/organization.entity';

@ObjectType({
  description:
    'How an organisation is named in open grant data (360Giving Data Standard). Unset fields are null.',
})
@Entity('open_data_profile')
export class OpenDataProfile {
  @PrimaryColumn({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Field(() => String, {
    nullable: true,
    description:
      'Organisation identifier: an org-id.guide list code and the number in that list, e.g. GB-CHC-1164883 or DE-VR-… . Names the funder as funding organisation and a grantee as recipient.',
  })
  @Column({ type: 'varchar', length: 120, nullable: true })
  orgIdentifier!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A funder's 360Giving publisher prefix (360G-…); grant ids are this prefix, a dash and the grant's reference.",
  })
  @Column({ type: 'varchar', length: 60, nullable: true })
  grantIdPrefix!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'Whether and how the funder publishes a grant as open data.' })
@Entity('grant_publication')
export class GrantPublication {
  @PrimaryColumn({ type: 'uuid' })
  grantId!: string;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  grant?: Grant;

  @Field({
    description:
      "Whether the grant is in the funder's open grant data (360Giving export). Off until the funder turns it on.",
  })
  @Column({ type: 'boolean', default: false })
  publishable!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "The description published with the grant; null publishes the application's summary.",
  })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
