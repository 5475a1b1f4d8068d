import { z } from 'zod';
import { DEFAULT_LANGUAGE, translate } from '../shared/languages';

// What each webhook event carries: ids and the facts of the event, never a personal link, a
// token or a secret. The body of every delivery is the envelope of Standard Webhooks,
// `{ type, timestamp, data }`, with `data` one of the payloads below. These schemas are the one
// description of the payloads (the OpenAPI document's webhooks section is built from them), and
// every event is parsed with its schema before it is queued, so nothing else can slip in.

const id = z.number().int().positive();
const isoTime = z.iso.datetime();
const language = z.string().min(2).max(8);

/** One event's payload: a closed object, named in the OpenAPI document by `name`. */
function payload<Shape extends z.ZodRawShape>(name: string, description: string, shape: Shape) {
  return z.strictObject(shape).meta({ id: name, description });
}

export const ResponseSubmittedPayload = payload('ResponseSubmittedPayload', 'A contact submitted their answers to a campaign.', {
  responseId: id,
  campaignId: id,
  customerId: id,
  contactId: id,
  language,
  submittedAt: isoTime,
  isResubmission: z.boolean().meta({ description: 'The contact changed answers they had already submitted.' }),
});

export const MentionCodedPayload = payload('MentionCodedPayload', 'A problem mention was coded to a catalogue category.', {
  mentionId: id,
  responseId: id,
  campaignId: id,
  categoryId: id,
  previousCategoryId: id.nullable(),
  codedByUserId: id,
  codedAt: isoTime,
});

// The ticket states of src/tickets/ticket.ts (webhooks sit below the tickets feature, so they are repeated).
const ticketStatus = z.enum(['open', 'in_progress', 'resolved', 'closed', 'reopened']);

export const TicketCreatedPayload = payload('TicketCreatedPayload', 'A top problem was routed to its owning team as a ticket.', {
  ticketId: id,
  campaignId: id,
  categoryId: id,
  teamId: id,
  status: ticketStatus,
  dueDate: z.iso.date(),
  createdByUserId: id.nullable(),
  createdAt: isoTime,
});

export const TicketStatusChangedPayload = payload('TicketStatusChangedPayload', 'A ticket moved from one status to another.', {
  ticketId: id,
  teamId: id,
  from: ticketStatus,
  to: ticketStatus,
  changedByUserId: id.nullable(),
  changedAt: isoTime,
});

export const TicketResolvedPayload = payload('TicketResolvedPayload', 'A ticket was resolved (sent together with `ticket.status_changed`).', {
  ticketId: id,
  campaignId: id,
  categoryId: id,
  teamId: id,
  resolvedByUserId: id.nullable(),
  resolvedAt: isoTime,
});

export const FollowupAnsweredPayload = payload('FollowupAnsweredPayload', 'A contact answered "did this help?" (or changed their answer).', {
  followupId: id,
  ticketId: id,
  contactId: id,
  isHelpful: z.boolean(),
  comment: z.string().nullable().meta({ description: 'What the contact wrote when the action did not help.' }),
  answeredAt: isoTime,
});

export const ContactUnsubscribedPayload = payload('ContactUnsubscribedPayload', 'A contact was opted out of survey mail.', {
  contactId: id,
  customerId: id,
  via: z.enum(['link', 'staff']).meta({ description: 'The contact’s own unsubscribe link, or a staff member on the contact’s page.' }),
  byUserId: id.nullable(),
  unsubscribedAt: isoTime,
});

export const KamAlertRaisedPayload = payload('KamAlertRaisedPayload', 'A submitted response had very negative answers and the account’s KAM was alerted.', {
  responseId: id,
  campaignId: id,
  customerId: id,
  contactId: id,
  kamUserId: id,
  answers: z.array(z.object({ questionId: z.string(), value: z.number() }).strict()).min(1),
  raisedAt: isoTime,
});

/** Every event type, with its payload schema. */
export const WEBHOOK_EVENTS = {
  'response.submitted': ResponseSubmittedPayload,
  'mention.coded': MentionCodedPayload,
  'ticket.created': TicketCreatedPayload,
  'ticket.status_changed': TicketStatusChangedPayload,
  'ticket.resolved': TicketResolvedPayload,
  'followup.answered': FollowupAnsweredPayload,
  'contact.unsubscribed': ContactUnsubscribedPayload,
  'kam_alert.raised': KamAlertRaisedPayload,
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

/** Each event's name on the staff pages: a staff catalogue key, so each reader sees it in their language. */
export const WEBHOOK_EVENT_LABEL_KEYS: Record<WebhookEventType, string> = {
  'response.submitted': 'admin.webhooks.event.responseSubmitted',
  'mention.coded': 'admin.webhooks.event.mentionCoded',
  'ticket.created': 'admin.webhooks.event.ticketCreated',
  'ticket.status_changed': 'admin.webhooks.event.ticketStatusChanged',
  'ticket.resolved': 'admin.webhooks.event.ticketResolved',
  'followup.answered': 'admin.webhooks.event.followupAnswered',
  'contact.unsubscribed': 'admin.webhooks.event.contactUnsubscribed',
  'kam_alert.raised': 'admin.webhooks.event.kamAlertRaised',
};

const english = translate(DEFAULT_LANGUAGE, 'staff');

/** Each event's name in English, as the OpenAPI document says it. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type, english(WEBHOOK_EVENT_LABEL_KEYS[type])]),
) as Record<WebhookEventType, string>;

export type WebhookPayload<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENTS)[T]>;

/** The body of one event type: the Standard Webhooks envelope around its payload. */
export function webhookEnvelope<T extends WebhookEventType>(type: T) {
  return z
    .object({
      type: z.literal(type),
      timestamp: isoTime.meta({ description: 'When the event happened.' }),
      data: WEBHOOK_EVENTS[type],
    })
    .strict();
}

/** The body of any event, told apart by `type`. */
export const WebhookBody = z.discriminatedUnion(
  'type',
  WEBHOOK_EVENT_TYPES.map((type) => webhookEnvelope(type)) as unknown as [ReturnType<typeof webhookEnvelope>, ...ReturnType<typeof webhookEnvelope>[]],
);

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.prototype.hasOwnProperty.call(WEBHOOK_EVENTS, value);
}
