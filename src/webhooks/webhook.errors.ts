// The reasons the webhooks module gives in `extensions.reason`, with their messages in German and
// English (GraphQL enum WebhookErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum WebhookReason {
  TOO_MANY_ENDPOINTS = 'TOO_MANY_ENDPOINTS',
  DELIVERY_PENDING = 'DELIVERY_PENDING',
  ENDPOINT_DISABLED = 'ENDPOINT_DISABLED',
}

export const webhookErrors = declareErrorReasons(
  'WebhookErrorReason',
  'Why the webhooks module refused a change (`extensions.reason`).',
  WebhookReason,
  {
    [WebhookReason.TOO_MANY_ENDPOINTS]: {
      meaning: 'An organisation has at most 20 webhook endpoints.',
      text: () => ({
        en: 'An organisation has at most 20 webhook endpoints.',
        de: 'Eine Organisation hat höchstens 20 Webhook-Endpunkte.',
      }),
    },
    [WebhookReason.DELIVERY_PENDING]: {
      meaning:
        'The delivery is still being tried; it can be sent again once it succeeded or failed.',
      text: () => ({
        en: 'This delivery is still being tried; it can be sent again once it succeeded or failed.',
        de: 'Diese Zustellung läuft noch; erneut senden geht, wenn sie gelungen oder gescheitert ist.',
      }),
    },
    [WebhookReason.ENDPOINT_DISABLED]: {
      meaning: 'The endpoint is disabled; enable it first.',
      text: () => ({
        en: 'The endpoint is disabled; enable it first.',
        de: 'Der Endpunkt ist abgeschaltet; bitte zuerst einschalten.',
      }),
    },
  },
);
