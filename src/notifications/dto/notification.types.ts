import { Field, ObjectType } from '@nestjs/graphql';
import { NotificationKind } from '../notification.enums';

@ObjectType({ description: 'Whether the person gets one kind of notification.' })
export class NotificationPreference {
  @Field(() => NotificationKind, { description: 'The kind.' })
  kind!: NotificationKind;

  @Field({ description: 'Cannot be turned off: it carries a money or legal consequence.' })
  mandatory!: boolean;

  @Field({ description: 'By email.' })
  email!: boolean;

  @Field({ description: 'In the app.' })
  inApp!: boolean;
}
