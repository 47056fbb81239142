import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../identity/entities/organization.entity';
import { AttachmentParent } from './attachment.enums';

@ObjectType({
  description:
    'A file attached to a spend entry, application, sprint review or change notice, or an organisation’s logo. Who may see its parent may download it (createAttachmentDownloadLink).',
})
@Entity('attachment')
@Index(['parentType', 'parentId', 'createdAt'])
@Check('"size_bytes" > 0')
export class Attachment {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => AttachmentParent, { description: 'What it belongs to.' })
  @Column({ type: 'varchar', length: 24 })
  parentType!: AttachmentParent;

  @Field(() => ID, { description: 'The id of what it belongs to.' })
  @Column({ type: 'uuid' })
  parentId!: string;

  /** The organisation that uploaded it. */
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Column({ type: 'uuid', nullable: true })
  uploadedById!: string | null;

  @Field({ description: 'The file name given at upload.' })
  @Column({ type: 'varchar', length: 200 })
  fileName!: string;

  @Field({ description: 'The media type found in the content (not taken from the name).' })
  @Column({ type: 'varchar', length: 100 })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column({ type: 'int' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the content, hex.' })
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Where the content is kept in the file storage. */
  @Column({ type: 'varchar', length: 300 })
  storageKey!: string;

  @Field({ description: 'When it was uploaded.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
