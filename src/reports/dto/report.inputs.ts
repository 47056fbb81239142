import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ReportFormat, ReportKind } from '../report.enums';

@InputType({ description: 'What report to make.' })
export class RequestReportInput {
  @Field(() => ReportKind, { description: 'Portfolio, grant or learnings digest.' })
  @IsEnum(ReportKind)
  kind!: ReportKind;

  @Field(() => ReportFormat, { description: 'CSV, JSON or PDF.' })
  @IsEnum(ReportFormat)
  format!: ReportFormat;

  @Field(() => ID, { nullable: true, description: 'The programme (PORTFOLIO and LEARNINGS).' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @Field(() => ID, { nullable: true, description: 'The grant (GRANT and PROOF_OF_USE).' })
  @IsOptional()
  @IsUUID()
  grantId?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'PROOF_OF_USE: one proof of use of the grant (its period and closing statement); without it, the whole grant as compiled today. The grant may be left out.',
  })
  @IsOptional()
  @IsUUID()
  proofOfUseId?: string;

  @Field({
    nullable: true,
    description:
      'CSV only: for a spreadsheet in your language — amounts in major units with its decimal mark, statuses as words, `;`-separated in German. Default: minor units and codes, comma-separated.',
  })
  @IsOptional()
  @IsBoolean()
  localizedCsv?: boolean;
}
