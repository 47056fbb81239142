import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Connection } from '../core/pagination/connection';
import {
  MarkNotificationsReadInput,
  NotificationsArgs,
  SetNotificationPreferenceInput,
} from './dto/notification.inputs';
import { NotificationPreference } from './dto/notification.types';
import { Notification } from './notification.entity';
import { NotificationService } from './notification.service';

export const NotificationConnection = Connection(Notification);

/** Notifications belong to people, so API keys have none. */
const PEOPLE = { humansOnly: true };

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Allow(PEOPLE)
  @Query(() => NotificationConnection, {
    description: "The caller's notifications in the organisation acted for, newest first.",
  })
  notifications(@Ctx() ctx: RequestContext, @Args() args: NotificationsArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(PEOPLE)
  @Query(() => Int, { description: 'How many of them are unread.' })
  unreadNotificationCount(@Ctx() ctx: RequestContext) {
    return this.service.unreadCount(ctx);
  }

  @Allow(PEOPLE)
  @Mutation(() => Int, { description: 'Mark notifications read; answers how many changed.' })
  markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Which notifications.' }) input: MarkNotificationsReadInput,
  ) {
    return this.service.markRead(ctx, input.ids, input.all === true);
  }

  @Allow(PEOPLE)
  @Query(() => [NotificationPreference], {
    description: 'Which notifications the caller gets, per kind.',
  })
  notificationPreferences(@Ctx() ctx: RequestContext) {
    return this.service.preferences(ctx);
  }

  @Allow(PEOPLE)
  @Mutation(() => [NotificationPreference], {
    description:
      'Choose email and in-app delivery for one kind (kinds with money or legal consequences stay on).',
  })
  setNotificationPreference(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Kind and channels.' }) input: SetNotificationPreferenceInput,
  ) {
    return this.service.setPreference(ctx, input);
  }
}
