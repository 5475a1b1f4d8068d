import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, SURVEY_LANGUAGES } from '../shared/languages';
import { RELATIONSHIPS } from '../customers/customer';
import {
  CAMPAIGN_STATUSES,
  SKIP_REASONS,
  DEFAULT_MAIL,
  DEFAULT_NOT_EVALUATED_DAYS,
  DEFAULT_REMINDER_AFTER_DAYS,
  DEFAULT_REMINDER_MAX,
  DEFAULT_TEMPLATE,
  REPLY_TO_KINDS,
  type Audience,
  type CampaignMail,
  type SkipReason,
  type CampaignSender,
} from './campaign';
import { isValidAddress } from '../mail/mail';
import { endOfLocalDay, zonedTimeToUtc } from '../shared/format';

export const CampaignIdParams = z.object({ id: z.coerce.number().int().positive() });

/** An invitation token in an unsubscribe link; whether it exists is the service's answer. */
export const UnsubscribeTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().max(200).optional());
/** The staff catalogue's "Must be at most N" for each maximum a day count has. */
const AT_MOST = { 10: 'campaigns.errors.atMost10', 365: 'campaigns.errors.atMost365', 3650: 'campaigns.errors.atMost3650' } as const;
const days = (max: keyof typeof AT_MOST) =>
  z.coerce.number({ message: 'campaigns.errors.enterNumber' }).int('campaigns.errors.wholeNumber').min(0, 'campaigns.errors.zeroOrMore').max(max, AT_MOST[max]);
/** A value with an offset or Z names its moment whatever the organisation's time zone. */
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** Reads a trimmed text as a moment with `read`; `message` (a staff catalogue key) when it names none. */
function toMoment(message: string, read: (value: string) => Date | null | undefined) {
  return (value: string, ctx: z.RefinementCtx<string>): Date => {
    const date = read(value);
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return date;
  };
}

// "2026-03-01", "2026-03-01T09:00" (taken as UTC) or a full ISO time.
const dateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'campaigns.errors.dateFormat')
  .transform(
    toMoment('campaigns.errors.dateMissing', (value) => {
      const normalised = value.replace(' ', 'T');
      return new Date(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(normalised) ? normalised : normalised.length === 10 ? `${normalised}T00:00:00Z` : `${normalised}Z`);
    }),
  );

/** A datetime-local value ("2026-03-01T09:00") read as wall-clock time in `timeZone`; a value with an offset or Z as it says. */
function zonedDateTime(timeZone: string) {
  return z
    .string()
    .trim()
    .transform(toMoment('campaigns.errors.dateTimeExists', (value) => (HAS_OFFSET.test(value) ? new Date(value) : zonedTimeToUtc(value, timeZone))));
}

/**
 * A close date entered as the organisation's local date: the links work until the end of that day
 * in `timeZone` (stored as its last millisecond, so the same day shows everywhere). A value with a
 * time is that local time; one with an offset or Z is the moment it says.
 */
function closeDate(timeZone: string) {
  return z
    .string()
    .trim()
    .transform(
      toMoment('campaigns.errors.dateExists', (value) =>
        /^\d{4}-\d{2}-\d{2}$/.test(value) ? endOfLocalDay(value, timeZone) : HAS_OFFSET.test(value) ? new Date(value) : zonedTimeToUtc(value, timeZone),
      ),
    );
}

const subject = z.string().trim().min(1, 'campaigns.errors.enterSubject').max(200, 'campaigns.errors.max200');
const body = z.string().trim().min(1, 'campaigns.errors.enterBody').max(10000, 'campaigns.errors.max10000').refine((b) => b.includes('{{link}}'), 'campaigns.errors.bodyNeedsLink');

/** Settings shared by the page form and the API, after parsing. */
export interface CampaignInput {
  name: string;
  template: string;
  audience: Audience;
  startsAt: Date | null;
  closesAt: Date | null;
  reminderAfterDays: number;
  reminderMax: number;
  mail: CampaignMail;
  /** Left as it is when absent (the API does not set it yet). */
  sender?: CampaignSender;
}

/** The invitation's subject and body fields (subject_en, body_en, …): one pair for every language a survey must be written in. */
const mailFields = Object.fromEntries(SURVEY_LANGUAGES.flatMap((l) => [[`subject_${l}`, subject], [`body_${l}`, body]])) as Record<`subject_${string}` | `body_${string}`, typeof subject>;

const relationship = z.preprocess(emptyToUndefined, z.enum(RELATIONSHIPS, { message: 'campaigns.errors.chooseRelationship' }).optional());

/** The campaign page's form: flat fields, as browsers send them; times are entered in `timeZone` (the organisation's). */
export const campaignForm = (timeZone: string) =>
  z
  .object({
    name: z.string().trim().min(1, 'campaigns.errors.enterName').max(200, 'campaigns.errors.max200'),
    template: z.string().trim().min(1, 'campaigns.errors.chooseTemplate'),
    segment: optionalText,
    region: optionalText,
    kamUserId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive('campaigns.errors.chooseKam').optional()),
    relationship,
    notEvaluatedDays: z.preprocess((v) => (v === '' || v === undefined ? DEFAULT_NOT_EVALUATED_DAYS : v), days(3650)),
    startMode: z.enum(['now', 'later']).default('now'),
    startsAt: z.preprocess(emptyToUndefined, zonedDateTime(timeZone).optional()),
    closesAt: z.preprocess(emptyToUndefined, closeDate(timeZone).optional()),
    reminderAfterDays: z.preprocess((v) => (v === '' || v === undefined ? DEFAULT_REMINDER_AFTER_DAYS : v), days(365).min(1, 'campaigns.errors.atLeastOne')),
    senderName: z.preprocess(emptyToUndefined, z.string().trim().max(100, 'campaigns.errors.max100').optional()),
    replyTo: z.enum(REPLY_TO_KINDS, { message: 'campaigns.errors.chooseReplyTo' }).default('organisation'),
    replyToAddress: z.preprocess(emptyToUndefined, z.string().trim().toLowerCase().refine(isValidAddress, 'campaigns.errors.replyToAddressInvalid').optional()),
    reminderMax: z.preprocess((v) => (v === '' || v === undefined ? DEFAULT_REMINDER_MAX : v), days(10)),
  })
  .extend(mailFields)
  .superRefine((f, ctx) => {
    if (f.startMode === 'later' && !f.startsAt) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'campaigns.errors.enterStart' });
    if (f.replyTo === 'address' && !f.replyToAddress) ctx.addIssue({ code: 'custom', path: ['replyToAddress'], message: 'campaigns.errors.enterReplyToAddress' });
  })
  .transform(
    (f): CampaignInput => ({
      name: f.name,
      template: f.template,
      audience: { segment: f.segment, region: f.region, kamUserId: f.kamUserId, relationship: f.relationship, notEvaluatedDays: f.notEvaluatedDays },
      startsAt: f.startMode === 'later' ? (f.startsAt ?? null) : null,
      closesAt: f.closesAt ?? null,
      reminderAfterDays: f.reminderAfterDays,
      reminderMax: f.reminderMax,
      mail: Object.fromEntries(SURVEY_LANGUAGES.map((l) => [l, { subject: f[`subject_${l}`]!, body: f[`body_${l}`]! }])),
      sender: { name: f.senderName ?? null, replyTo: f.replyTo, replyToAddress: f.replyTo === 'address' ? (f.replyToAddress ?? null) : null },
    }),
  );

/** The form with times in UTC. */
export const CampaignForm = campaignForm('UTC');

const MailText = z.object({ subject, body });

/** POST /api/v1/campaigns: name and template required; everything else has the page's defaults. */
export const CampaignApiBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    template: z.string().trim().min(1).default(DEFAULT_TEMPLATE),
    audience: z
      .object({
        segment: z.string().trim().max(200).optional(),
        region: z.string().trim().max(200).optional(),
        kamUserId: z.number().int().positive().optional(),
        relationship: z.enum(RELATIONSHIPS).optional(),
        notEvaluatedDays: days(3650).default(DEFAULT_NOT_EVALUATED_DAYS),
      })
      .strict()
      .default({ notEvaluatedDays: DEFAULT_NOT_EVALUATED_DAYS }),
    startsAt: dateTime.nullable().optional(),
    closesAt: dateTime.nullable().optional(),
    reminderAfterDays: days(365).min(1).default(DEFAULT_REMINDER_AFTER_DAYS),
    reminderMax: days(10).default(DEFAULT_REMINDER_MAX),
    mail: z.object({ en: MailText.optional(), sv: MailText.optional(), da: MailText.optional() }).strict().default({}),
  })
  .strict()
  .transform(
    (b): CampaignInput => ({
      name: b.name,
      template: b.template,
      audience: b.audience,
      startsAt: b.startsAt ?? null,
      closesAt: b.closesAt ?? null,
      reminderAfterDays: b.reminderAfterDays,
      reminderMax: b.reminderMax,
      mail: { en: b.mail.en ?? DEFAULT_MAIL.en, sv: b.mail.sv ?? DEFAULT_MAIL.sv, da: b.mail.da ?? DEFAULT_MAIL.da },
    }),
  );

/** Any unreadable choice sends the test in the default language. */
export const TestMailForm = z.object({ language: z.enum(LANGUAGES).default(DEFAULT_LANGUAGE) }).catch({ language: DEFAULT_LANGUAGE });
export const PreviewQuery = z.object({ lang: z.enum(LANGUAGES).catch(DEFAULT_LANGUAGE), step: z.coerce.number().int().positive().optional().catch(undefined) });

export const SettingsForm = z.object({
  contactFrequencyDays: z.coerce.number({ message: 'campaigns.errors.enterDays' }).int('campaigns.errors.wholeNumber').min(0, 'campaigns.errors.zeroOrMore').max(3650, 'campaigns.errors.atMost3650'),
});

/** A running campaign's new close date (the organisation's local day, in `timeZone`) and reminders (the campaign page). */
export const scheduleForm = (timeZone: string) =>
  z
    .object({
      closesAt: z.preprocess(emptyToUndefined, closeDate(timeZone).optional()).refine((d) => d !== undefined, 'campaigns.errors.enterCloseDate'),
      reminderAfterDays: z.preprocess((v) => (v === '' || v === undefined ? DEFAULT_REMINDER_AFTER_DAYS : v), days(365).min(1, 'campaigns.errors.atLeastOne')),
      reminderMax: z.preprocess((v) => (v === '' || v === undefined ? DEFAULT_REMINDER_MAX : v), days(10)),
    })
    .transform((f) => ({ closesAt: f.closesAt!, reminderAfterDays: f.reminderAfterDays, reminderMax: f.reminderMax }));

/** Reopening a closed campaign: until the end of which local day (in `timeZone`). */
export const reopenForm = (timeZone: string) =>
  z
    .object({
      closesAt: z.preprocess(emptyToUndefined, closeDate(timeZone).optional()).refine((d) => d !== undefined, 'campaigns.errors.enterNewCloseDate'),
    })
    .transform((f) => ({ closesAt: f.closesAt! }));

/** Resending one contact's invitation: the contact's address. */
export const ResendForm = z.object({ email: z.string().trim().toLowerCase().min(1, 'campaigns.errors.enterContactEmail').max(320, 'campaigns.errors.max320') });

/** A test mail's sample link; whether it is genuine is the service's answer. */
export const SampleTokenParams = z.object({ token: z.string().max(200) });
// The API's answers (GET /api/v1/openapi.json describes them; the API tests check every answer against them).

const timestamp = z.string().meta({ format: 'date-time', example: '2026-03-01T10:00:00.000Z' });
const count = z.number().int().min(0);
const progressFigures = {
  invited: count,
  sent: count.meta({ description: 'Invitation mail delivered' }),
  failed: count.meta({ description: 'Invitation mail given up' }),
  opened: count,
  started: count,
  submitted: count,
  responseRate: z.number().min(0).max(1).meta({ description: 'Submitted responses per invitation, 0..1' }),
};
const MailTextJson = z.object({ subject: z.string(), body: z.string() });

const CampaignObject = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  template: z.string().meta({ description: 'The questionnaire the campaign asks' }),
  status: z.enum(CAMPAIGN_STATUSES),
  audience: z.object({
    segment: z.string().optional(),
    region: z.string().optional(),
    kamUserId: z.number().int().optional(),
    relationship: z.string().optional(),
    notEvaluatedDays: z.number().int().meta({ description: 'Customers with a submitted response in this many days are left out' }),
  }),
  startsAt: timestamp.nullable().meta({ description: 'When the scheduler launches it; null to launch by hand' }),
  closesAt: timestamp,
  reminderAfterDays: z.number().int(),
  reminderMax: z.number().int(),
  mail: z.object({ en: MailTextJson, sv: MailTextJson, da: MailTextJson }).meta({ description: 'The invitation in every language' }),
  sender: z
    .object({
      name: z.string().nullable().meta({ description: "The sender name; null: the organisation's" }),
      replyTo: z.enum(REPLY_TO_KINDS).meta({ description: "Where replies go: the organisation's reply-to, the contact's KAM, or replyToAddress" }),
      replyToAddress: z.string().nullable(),
    })
    .meta({ description: 'Who the mails come from and where replies go' }),
  launchedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  ...progressFigures,
  skipped: count.meta({ description: 'Contacts not invited (opted out, suppressed, or invited recently by another campaign)' }),
  bySegment: z.array(z.object({ segment: z.string().nullable(), ...progressFigures })),
  accounts: z.enum(['all', 'own']).meta({ description: 'Whether the figures cover every account, or only the KAM\'s own' }),
});
export type CampaignJson = z.infer<typeof CampaignObject>;

const campaignExample: CampaignJson = {
  id: 12,
  name: 'Annual 2026',
  template: DEFAULT_TEMPLATE,
  status: 'running',
  audience: { segment: 'Retail', notEvaluatedDays: DEFAULT_NOT_EVALUATED_DAYS },
  startsAt: null,
  closesAt: '2026-03-31T00:00:00.000Z',
  reminderAfterDays: DEFAULT_REMINDER_AFTER_DAYS,
  reminderMax: DEFAULT_REMINDER_MAX,
  mail: {
    en: { subject: 'How are we doing?', body: 'Dear {{contact_name}},\n\n{{link}}' },
    sv: { subject: 'Hur går det?', body: 'Hej {{contact_name}},\n\n{{link}}' },
    da: { subject: 'Hvordan går det?', body: 'Kære {{contact_name}},\n\n{{link}}' },
  },
  sender: { name: null, replyTo: 'kam', replyToAddress: null },
  launchedAt: '2026-03-01T10:00:00.000Z',
  closedAt: null,
  createdBy: 2,
  createdAt: '2026-02-20T09:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  invited: 120,
  sent: 118,
  failed: 2,
  opened: 80,
  started: 61,
  submitted: 54,
  responseRate: 0.45,
  skipped: 6,
  bySegment: [{ segment: 'Retail', invited: 120, sent: 118, failed: 2, opened: 80, started: 61, submitted: 54, responseRate: 0.45 }],
  accounts: 'all',
};
export const CampaignJson = CampaignObject.meta({ example: campaignExample });

export const CampaignLaunchJson = CampaignObject.extend({
  launch: z
    .object({
      invited: count,
      skipped: z.record(z.enum(Object.keys(SKIP_REASONS) as [SkipReason, ...SkipReason[]]), count).meta({ description: 'Contacts not invited, by reason' }),
    })
    .meta({ description: 'What this launch did' }),
}).meta({ example: { ...campaignExample, launch: { invited: 120, skipped: { frequency_window: 4, opted_out: 1, suppressed: 1, no_address: 0 } } } });
export type CampaignLaunchJson = z.infer<typeof CampaignLaunchJson>;
