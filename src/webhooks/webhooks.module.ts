import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { DeliverWebhookJob } from './deliver-webhook.job';
import { SweepStuckDeliveriesJob } from './sweep-stuck-deliveries.job';
import { WebhookDisabledJob } from './webhook-disabled.job';
import { WebhookEvents } from './webhook-events.service';
import { WebhookFanoutJob } from './webhook-fanout.job';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from './webhook.entity';
import { WebhookResolver } from './webhook.resolver';
import { WebhookService } from './webhook.service';

/** Webhooks: endpoints and their log (API), fan-out and signed delivery (worker). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery, WebhookEvent]),
    IdentityModule,
  ],
  providers: [
    WebhookEvents,
    WebhookService,
    WebhookResolver,
    WebhookFanoutJob,
    DeliverWebhookJob,
    WebhookDisabledJob,
    SweepStuckDeliveriesJob,
  ],
  exports: [WebhookEvents],
})
export class WebhooksModule {}
