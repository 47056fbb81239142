import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIdempotencyKey } from '../../core/idempotency/idempotency-key.validator';
import { MoneyInput } from '../../core/money/money.graphql';
import { IsCalendarDate } from '../../core/validation/calendar-date.validator';
import { Trim } from '../../core/validation/trim.decorator';
import { ChangeNoticeKind, NoticeDecisionKind } from '../sprint.enums';
import { LocalDate } from '../../core/graphql/local-date.scalar';

@InputType({ description: 'A change notice from the grantee.' })
export class FileChangeNoticeInput {
  @Field(() => ID, { description: 'The grant.' })
  @IsUUID()
  grantId!: string;

  @Field(() => ChangeNoticeKind, {
    description:
      'What changes. STOP submits the saved review draft of the running sprint as the final review; its problems are reported under `finalReview.*`.',
  })
  @IsEnum(ChangeNoticeKind)
  kind!: ChangeNoticeKind;

  @Field({ description: 'What happened and why.' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  description!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'DELAY: the new last day of the current sprint; later sprints move with it.',
  })
  @IsOptional()
  @IsCalendarDate()
  requestedEndDate?: string;

  @Field({ nullable: true, description: 'OTHER_FUNDING: who gives the money.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  otherFundingSource?: string;

  @Field(() => MoneyInput, { nullable: true, description: 'OTHER_FUNDING: how much.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  otherFundingAmount?: MoneyInput;

  @Field({ nullable: true, description: 'Idempotency key.' })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}

@InputType({ description: "The funder's answer to a change notice." })
export class DecideChangeNoticeInput {
  @Field(() => ID, { description: 'The change notice.' })
  @IsUUID()
  noticeId!: string;

  @Field(() => NoticeDecisionKind, {
    description: 'APPROVE or REJECT a DELAY; ACKNOWLEDGE every other kind.',
  })
  @IsEnum(NoticeDecisionKind)
  decision!: NoticeDecisionKind;

  @Field({ nullable: true, description: 'Comment for the grantee.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @Field({
    nullable: true,
    description:
      'Idempotency key: a retry with the same key and input answers the first answer instead of ALREADY_DECIDED.',
  })
  @IsIdempotencyKey()
  idempotencyKey?: string;
}
