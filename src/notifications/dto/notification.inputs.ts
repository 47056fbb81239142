import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../../core/pagination/connection';
import { NotificationKind } from '../notification.enums';

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ nullable: true, description: 'Only unread ones.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@InputType({
  description: 'Whether a person gets one kind of notification, by email and in the app.',
})
export class SetNotificationPreferenceInput {
  @Field(() => NotificationKind, { description: 'The kind.' })
  @IsEnum(NotificationKind)
  kind!: NotificationKind;

  @Field({ description: 'By email.' })
  @IsBoolean()
  email!: boolean;

  @Field({ description: 'In the app.' })
  @IsBoolean()
  inApp!: boolean;
}

@InputType({ description: 'Notifications to mark read: some by id, or all.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'The notifications (up to 500).' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @Field({ nullable: true, description: 'Mark all of them read.' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}
