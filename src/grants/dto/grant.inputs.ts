import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageArgs } from '../../core/pagination/connection';
import { GrantStatus } from '../grant.enums';

@ArgsType()
export class GrantsArgs extends PageArgs {
  @Field(() => GrantStatus, { nullable: true, description: 'Only grants in this state.' })
  @IsOptional()
  @IsEnum(GrantStatus)
  status?: GrantStatus;

  @Field(() => ID, { nullable: true, description: 'Only grants of this programme.' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @Field({ nullable: true, description: 'Text in the title or reference number.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;
}
