import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';

export const EndpointIdParams = z.object({ id: z.coerce.number().int().positive() });
export const DeliveryParams = z.object({ id: z.coerce.number().int().positive(), deliveryId: z.coerce.number().int().positive() });

// Checkboxes: absent when none is ticked, a string for one, an array for several.
const eventList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(WEBHOOK_EVENT_TYPES, 'admin.webhooks.errors.chooseFromList')).min(1, 'admin.webhooks.errors.chooseOne'),
);

export const EndpointForm = z.object({
  url: z.string('admin.webhooks.errors.enterAddress').trim().min(1, 'admin.webhooks.errors.enterAddress').max(2000, 'admin.webhooks.errors.max2000'),
  description: z.string().trim().max(200, 'admin.webhooks.errors.max200').optional().default(''),
  events: eventList,
});
export type EndpointForm = z.infer<typeof EndpointForm>;

export const EndpointEditForm = EndpointForm.extend({
  isActive: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});
export type EndpointEditForm = z.infer<typeof EndpointEditForm>;
