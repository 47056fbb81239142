import { Field, ObjectType } from '@nestjs/graphql';
import { WebhookEndpoint } from '../webhook.entity';

@ObjectType({ description: 'A new endpoint and its signing secret — shown this once only.' })
export class CreatedWebhookEndpoint {
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' })
  endpoint!: WebhookEndpoint;

  @Field({
    description:
      'The signing secret (whsec_…). Store it now: it is never shown again. Verify the Meilenstein-Signature header with it.',
  })
  secret!: string;
}
