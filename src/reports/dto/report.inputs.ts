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

  @Field(() => ID, { nullable: true, description: 'The grant (GRANT).' })
  @IsOptional()
  @IsUUID()
  grantId?: string;

  @Field({
    nullable: true,
    description:
      'CSV only: for a spreadsheet in your language — amounts in major units with its decimal mark, statuses as words, `;`-separated in German. Default: minor units and codes, comma-separated.',
  })
  @IsOptional()
  @IsBoolean()
  localizedCsv?: boolean;
}
