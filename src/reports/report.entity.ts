import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../identity/entities/organization.entity';
import { Language } from '../identity/roles';
import { ReportFormat, ReportKind, ReportStatus } from './report.enums';
import { Node } from '../core/graphql/node.interface';
import { ProofOfUse } from '../proof-of-use/proof-of-use.entity';

@ObjectType({
  implements: () => [Node],
  description: 'A report made by the worker on request, downloaded over HTTP.',
})
@Entity('report')
@Index(['organizationId', 'createdAt'])
@Index(['status', 'expiresAt'])
export class Report {
  @Field(() => ID, { description: 'Unique id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The organisation that asked; only its people may download it. */
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Column({ type: 'uuid', nullable: true })
  requestedById!: string | null;

  @Field(() => ReportKind, { description: 'What it covers.' })
  @Column({ type: 'varchar', length: 16 })
  kind!: ReportKind;

  @Field(() => ReportFormat, { description: 'File format.' })
  @Column({ type: 'varchar', length: 8 })
  format!: ReportFormat;

  @Field(() => Language, { description: 'Language of its texts.' })
  @Column({ type: 'varchar', length: 2 })
  language!: Language;

  @Field(() => ID, { nullable: true, description: 'The programme (PORTFOLIO, LEARNINGS).' })
  @Column({ type: 'uuid', nullable: true })
  programmeId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The grant (GRANT).' })
  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The proof of use it shows (PROOF_OF_USE of one proof; without: the whole grant).',
  })
  @Column({ type: 'uuid', nullable: true })
  proofOfUseId!: string | null;

  @ManyToOne(() => ProofOfUse, { onDelete: 'CASCADE' })
  proofOfUse?: ProofOfUse;

  @Field({ description: 'CSV in the reader’s locale (major units, words, `;` in German).' })
  @Column({ type: 'boolean', default: false })
  localizedCsv!: boolean;

  @Field(() => ReportStatus, { description: 'Queued, running, ready or failed.' })
  @Column({ type: 'varchar', length: 16, default: ReportStatus.QUEUED })
  status!: ReportStatus;

  @Field(() => String, { nullable: true, description: 'Why it failed.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'File name for the download.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  fileName!: string | null;

  @Field(() => Int, { nullable: true, description: 'Size in bytes.' })
  @Column({ type: 'int', nullable: true })
  sizeBytes!: number | null;

  @Field(() => Int, { nullable: true, description: 'Rows (grants, lines or learnings) in it.' })
  @Column({ type: 'int', nullable: true })
  rowCount!: number | null;

  @Field(() => Date, { nullable: true, description: 'When it can no longer be downloaded.' })
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Field({ description: 'When it was asked for.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was finished.' })
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
