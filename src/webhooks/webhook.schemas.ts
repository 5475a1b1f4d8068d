import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';

export const EndpointIdParams = z.object({ id: z.coerce.number().int().positive() });
export const DeliveryParams = z.object({ id: z.coerce.number().int().positive(), deliveryId: z.coerce.number().int().positive() });

// Checkboxes: absent when none is ticked, a string for one, an array for several.
const eventList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(WEBHOOK_EVENT_TYPES, 'Choose events from the list')).min(1, 'Choose at least one event'),
);

export const EndpointForm = z.object({
  url: z.string('Enter the address').trim().min(1, 'Enter the address').max(2000, 'Use at most 2,000 characters'),
  description: z.string().trim().max(200, 'Use at most 200 characters').optional().default(''),
  events: eventList,
});
export type EndpointForm = z.infer<typeof EndpointForm>;

export const EndpointEditForm = EndpointForm.extend({
  isActive: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
});
export type EndpointEditForm = z.infer<typeof EndpointEditForm>;
