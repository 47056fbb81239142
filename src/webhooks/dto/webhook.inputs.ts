import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageArgs } from '../../core/pagination/connection';
import { Trim } from '../../core/validation/trim.decorator';
import { WebhookEventType } from '../webhook.enums';

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field({ description: 'Where to POST events (http or https; public addresses only).' })
  @Trim()
  @IsString()
  @MaxLength(2000)
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events to receive.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEventType, { each: true })
  eventTypes!: WebhookEventType[];

  @Field({ nullable: true, description: 'What it is for.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  description?: string;
}

@InputType({ description: 'Changes to a webhook endpoint; fields left out stay.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  @IsUUID()
  endpointId!: string;

  @Field({ nullable: true, description: 'New URL.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @Field(() => [WebhookEventType], { nullable: true, description: 'New event list.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEventType, { each: true })
  eventTypes?: WebhookEventType[];

  @Field({ nullable: true, description: 'New description.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  description?: string;

  @Field({
    nullable: true,
    description: 'Enable (clears the failure count) or disable it.',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The endpoint.' })
  @IsUUID()
  endpointId!: string;
}
