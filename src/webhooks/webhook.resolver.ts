import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Connection, PageArgs } from '../core/pagination/connection';
import { uuidArg } from '../core/validation/uuid-arg';
import { Role } from '../identity/roles';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveriesArgs,
} from './dto/webhook.inputs';
import { CreatedWebhookEndpoint } from './dto/webhook.types';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { WebhookService } from './webhook.service';

export const WebhookDeliveryConnection = Connection(WebhookDelivery);
export const WebhookEndpointConnection = Connection(WebhookEndpoint);

/** Like API keys, webhooks are the owners' to manage. */
const OWNERS = { roles: [Role.OWNER], humansOnly: true };

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  constructor(private readonly webhooks: WebhookService) {}

  @Allow(OWNERS)
  @Query(() => WebhookEndpointConnection, {
    description: "The organisation's webhook endpoints, oldest first.",
  })
  webhookEndpoints(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.webhooks.list(ctx, page);
  }

  @Allow(OWNERS)
  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's delivery log, newest first.",
  })
  webhookDeliveries(@Ctx() ctx: RequestContext, @Args() args: WebhookDeliveriesArgs) {
    return this.webhooks.deliveries(ctx, args);
  }

  @Allow(OWNERS)
  @Mutation(() => CreatedWebhookEndpoint, {
    description: 'Add an endpoint; answers its signing secret once.',
  })
  createWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'URL and events.' }) input: CreateWebhookEndpointInput,
  ) {
    return this.webhooks.create(ctx, input);
  }

  @Allow(OWNERS)
  @Mutation(() => WebhookEndpoint, {
    description: 'Change an endpoint, or enable/disable it.',
  })
  updateWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The changes.' }) input: UpdateWebhookEndpointInput,
  ) {
    return this.webhooks.update(ctx, input);
  }

  @Allow(OWNERS)
  @Mutation(() => Boolean, { description: 'Delete an endpoint and its delivery log.' })
  deleteWebhookEndpoint(
    @Ctx() ctx: RequestContext,
    @Args('endpointId', { type: () => ID, description: 'The endpoint.' }) id: string,
  ) {
    return this.webhooks.remove(ctx, uuidArg(id, 'WebhookEndpoint'));
  }

  @Allow(OWNERS)
  @Mutation(() => WebhookDelivery, {
    description: 'Send a delivery again (same event id, fresh signature).',
  })
  redeliverWebhook(
    @Ctx() ctx: RequestContext,
    @Args('deliveryId', { type: () => ID, description: 'The delivery.' }) id: string,
  ) {
    return this.webhooks.redeliver(ctx, uuidArg(id, 'WebhookDelivery'));
  }
}
