import { z } from 'zod';
import type { ApiWebhooks } from '../api/openapi';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS, webhookEnvelope } from './webhook-events';

// The webhooks section of GET /api/v1/openapi.json, built from the same schemas every event is
// parsed with before it is queued (docs/webhooks.md explains verifying and retries).

const SIGNATURE_HEADERS = z.object({
  'webhook-id': z.string().meta({ description: 'The event’s id: the same on every retry and on "Send again"; use it to ignore a repeat.', example: 'msg_2k4b7Zq9cD1fG3hJ5kL7mN' }),
  'webhook-timestamp': z.string().meta({ description: 'Seconds since 1970 when this attempt was signed; refuse one far from your clock.', example: '1772445600' }),
  'webhook-signature': z
    .string()
    .meta({ description: 'Standard Webhooks signature: `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` with the endpoint’s secret.', example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' }),
});

/** One webhook per event type, keyed by the type as it appears in the body's `type`. */
export const webhookApiDefinitions: ApiWebhooks = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [
    type,
    {
      summary: WEBHOOK_EVENT_LABELS[type],
      description: WEBHOOK_EVENTS[type].description,
      payload: webhookEnvelope(type),
      headers: SIGNATURE_HEADERS,
    },
  ]),
);
