import { z } from 'zod';
import { fieldErrors, type FieldErrors } from '../shared/forms';
import { NOTE_LANGUAGES, TICKET_STATUSES, type NoteLanguage, type ResolutionNote } from './ticket';

export const TicketIdParams = z.object({ id: z.coerce.number().int().positive() });
export const CampaignIdParams = z.object({ id: z.coerce.number().int().positive() });

const optionalId = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().positive().optional());
const dueDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'tickets.errors.dateFormat')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'tickets.errors.realDate');
const noteText = z.string().trim().max(5000, 'tickets.errors.noteTooLong');

/** List filters (query string of the page and the API). */
export const TicketListQuery = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(TICKET_STATUSES).optional()),
  teamId: optionalId,
  campaignId: optionalId,
  overdue: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['1', 'true', '0', 'false']).optional()).transform((v) => v === '1' || v === 'true'),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const StatusForm = z.object({
  status: z.enum(TICKET_STATUSES, { error: 'tickets.errors.chooseStatus' }),
  note_en: noteText.optional(),
  note_sv: noteText.optional(),
  note_da: noteText.optional(),
});
export type StatusForm = z.infer<typeof StatusForm>;

export const DetailsForm = z.object({
  assigneeId: z.preprocess((v) => (v === '' ? null : v), z.coerce.number().int().positive().nullable()),
  dueDate,
  note_en: noteText.optional(),
  note_sv: noteText.optional(),
  note_da: noteText.optional(),
});
export type DetailsForm = z.infer<typeof DetailsForm>;

/** The page forms name each language's note field `note_<lang>`. */
const noteField = (lang: string) => `note_${lang}`;

/** The resolution note typed in a page form; undefined when the form has no note fields. */
export function noteFromForm(form: Partial<Record<`note_${NoteLanguage}`, string>>): ResolutionNote | undefined {
  const note: ResolutionNote = {};
  for (const lang of NOTE_LANGUAGES) {
    const text = form[`note_${lang}`];
    if (text !== undefined) note[lang] = text;
  }
  return Object.keys(note).length ? note : undefined;
}

/** Errors of a ticket update (keyed `resolutionNote.<lang>`) under the page form's field names. */
export function ticketFormErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([key, messages]) => [key.startsWith('resolutionNote.') ? noteField(key.slice('resolutionNote.'.length)) : key, messages]));
}

export const CommentForm = z.object({
  body: z.string().trim().min(1, 'tickets.errors.commentRequired').max(5000, 'tickets.errors.commentTooLong'),
});

const ResolutionNoteInput = z.object({ en: noteText.optional(), sv: noteText.optional(), da: noteText.optional() }).strict();

export const TicketPatch = z
  .object({
    status: z.enum(TICKET_STATUSES).optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    dueDate: dueDate.optional(),
    resolutionNote: ResolutionNoteInput.optional(),
  })
  .strict();
export type TicketPatch = z.infer<typeof TicketPatch>;

const stringList = z.preprocess(
  (v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]),
  z.array(z.string().trim().min(1).max(200)).max(50).optional(),
);
const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive()).max(50).optional(),
);

/** Which problems to route: the top N, or all at or above a score; optionally for a part of the base. */
export const RouteSelection = z
  .object({
    top: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'tickets.errors.number' }).int('tickets.errors.wholeNumber').min(1, 'tickets.errors.atLeast1').max(100, 'tickets.errors.atMost100').optional()),
    minScore: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'tickets.errors.number' }).min(0, 'tickets.errors.atLeast0').optional()),
    segment: stringList,
    region: stringList,
    kamUserId: idList,
    relationship: stringList,
  })
  .refine((s) => (s.top === undefined) !== (s.minScore === undefined), { message: 'tickets.errors.topOrScore', path: ['top'] });
export type RouteSelection = z.infer<typeof RouteSelection>;

/** The routing page's query: no selection yet previews the top 5; an invalid one previews nothing. */
export function readRoutingQuery(query: Record<string, unknown>): {
  selection: RouteSelection | null;
  errors: FieldErrors;
  values: { top: unknown; minScore: unknown; segment: unknown[] };
} {
  const hasSelection = query.top !== undefined || query.minScore !== undefined;
  const values = { top: hasSelection ? (query.top ?? '') : '5', minScore: query.minScore ?? '', segment: [query.segment ?? []].flat() };
  if (!hasSelection) return { selection: { top: 5 }, errors: {}, values };
  const parsed = RouteSelection.safeParse(query);
  return parsed.success ? { selection: parsed.data, errors: {}, values } : { selection: null, errors: fieldErrors(parsed.error), values };
}

/** The admin's ticket settings: the default due date of new tickets, and whether follow-ups need approval. */
export const TicketSettingsForm = z.object({
  dueDays: z.coerce.number({ error: 'tickets.errors.days' }).int('tickets.errors.wholeNumber').min(1, 'tickets.errors.atLeast1Day').max(365, 'tickets.errors.atMost365Days'),
  // A checkbox: present when ticked, absent otherwise.
  requireApproval: z
    .preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.enum(['1']).optional())
    .transform((v) => v === '1'),
});

/** The fingerprint of what a preview or review page showed, sent back with its confirmation. */
const digest = z.string({ error: 'tickets.errors.confirmAgain' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'tickets.errors.confirmAgain');

export const ConfirmPreviewForm = z.object({ digest });

export const RejectFollowupsForm = z.object({
  reason: z.string({ error: 'tickets.errors.reasonRequired' }).trim().min(1, 'tickets.errors.reasonRequired').max(1000, 'tickets.errors.reasonTooLong'),
});

/** Choosing the owning team of a problem right on the routing page. */
export const ProblemOwnerForm = z.object({
  categoryId: z.coerce.number().int().positive(),
  teamId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'tickets.errors.chooseTeam' }).int().positive('tickets.errors.chooseTeam')),
});

// The API's answers (GET /api/v1/openapi.json describes them; the API tests check every answer against them).

const timestamp = z.string().meta({ format: 'date-time', example: '2026-03-01T10:00:00.000Z' });
const idOf = (description: string) => z.number().int().positive().meta({ description });

export const TeamJson = z.object({
  id: idOf('The team'),
  name: z.string(),
  email: z.string().meta({ description: 'Where the team is mailed about new tickets' }),
  isActive: z.boolean(),
  memberCount: z.number().int().min(0),
});

export const TeamListJson = z
  .object({ teams: z.array(TeamJson) })
  .meta({ example: { teams: [{ id: 3, name: 'Logistics', email: 'logistics@example.com', isActive: true, memberCount: 4 }] } });
export type TeamListJson = z.infer<typeof TeamListJson>;

export const RoutingResultJson = z
  .object({
    created: z.array(z.object({ ticketId: idOf('The new ticket'), categoryId: z.number().int(), category: z.string(), teamId: z.number().int(), rank: z.number().int() })),
    skipped: z.array(
      z.object({
        categoryId: z.number().int(),
        category: z.string(),
        reason: z.enum(['no_owning_team', 'already_routed']),
        ticketId: z.number().int().nullable().meta({ description: 'The ticket the problem already has (`already_routed`)' }),
      }),
    ),
    found: z.number().int().min(0).meta({ description: 'How many reported problems matched the selection' }),
  })
  .meta({
    example: {
      created: [{ ticketId: 41, categoryId: 7, category: 'Late deliveries', teamId: 3, rank: 1 }],
      skipped: [{ categoryId: 9, category: 'Invoices hard to read', reason: 'no_owning_team', ticketId: null }],
      found: 2,
    },
  });
export type RoutingResultJson = z.infer<typeof RoutingResultJson>;

const ResolutionNoteJson = z.object({ en: z.string().optional(), sv: z.string().optional(), da: z.string().optional() });

export const TicketJson = z.object({
  id: idOf('The ticket'),
  campaignId: z.number().int(),
  campaign: z.string().meta({ description: "The campaign's name" }),
  categoryId: z.number().int(),
  category: z.string().meta({ description: "The problem category's English name" }),
  teamId: z.number().int(),
  team: z.string(),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  assigneeId: z.number().int().nullable(),
  dueDate: z.string().meta({ format: 'date', example: '2026-03-31' }),
  isOverdue: z.boolean(),
  evidence: z
    .object({
      rank: z.number().int(),
      orderBy: z.enum(['points', 'problem_score']),
      points: z.number(),
      problemScore: z.number().nullable(),
      share: z.number(),
      mentions: z.number().int(),
      respondents: z.number().int(),
      accounts: z.number().int(),
      meanRank: z.number().nullable(),
      verbatims: z.array(z.object({ text: z.string(), language: z.string(), rank: z.number().int() })),
      analysisUrl: z.string(),
      filter: z.record(z.string(), z.unknown()),
    })
    .meta({ description: 'What the analysis said when the ticket was created; never recomputed' }),
  resolutionNote: ResolutionNoteJson.meta({ description: 'What was done, per language, as mailed to the customers who reported the problem' }),
  createdAt: timestamp,
  updatedAt: timestamp,
  resolvedAt: timestamp.nullable(),
});
export type TicketJson = z.infer<typeof TicketJson>;

const ticketExample: TicketJson = {
  id: 41,
  campaignId: 12,
  campaign: 'Annual 2026',
  categoryId: 7,
  category: 'Late deliveries',
  teamId: 3,
  team: 'Logistics',
  title: 'Late deliveries',
  status: 'in_progress',
  assigneeId: 18,
  dueDate: '2026-03-31',
  isOverdue: false,
  evidence: {
    rank: 1,
    orderBy: 'points',
    points: 57,
    problemScore: 0.42,
    share: 0.38,
    mentions: 21,
    respondents: 21,
    accounts: 14,
    meanRank: 1.6,
    verbatims: [{ text: 'Deliveries arrive days late', language: 'en', rank: 1 }],
    analysisUrl: '/campaigns/12/problems',
    filter: {},
  },
  resolutionNote: {},
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-04T08:30:00.000Z',
  resolvedAt: null,
};

export const TicketListJson = z.object({ tickets: z.array(TicketJson) }).meta({ example: { tickets: [ticketExample] } });
export type TicketListJson = z.infer<typeof TicketListJson>;

export const TicketDetailJson = TicketJson.extend({
  followups: z
    .object({ sent: z.number().int(), answered: z.number().int(), helpful: z.number().int() })
    .meta({ description: 'Follow-up mails to the customers who reported the problem: sent, answered, and answered "it helped"' }),
}).meta({ example: { ...ticketExample, followups: { sent: 0, answered: 0, helpful: 0 } } });
export type TicketDetailJson = z.infer<typeof TicketDetailJson>;
