import type { Db } from '../db/database';
import type { CustomerWithKam } from '../customers/customer';
import { contactIsSuppressed } from '../mail/suppression.repository';
import { ticketTitleIn, type ResolutionNote } from '../tickets/ticket';
import { categoryNameSql } from '../catalogue/catalogue.repository';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';

/** The ids of a list, or one id that matches nothing: `in ()` is not valid SQL. */
const orNone = (ids: readonly number[]) => (ids.length ? [...ids] : [-1]);
const flag = (v: unknown) => Boolean(Number(v));

/** A customer account of a KAM. */
export type KamAccount = CustomerWithKam;

function accountQuery(db: Db) {
  return db
    .selectFrom('customer')
    .leftJoin('user as kam', 'kam.id', 'customer.kam_user_id')
    .select(['customer.id', 'customer.name', 'customer.segment', 'customer.region', 'customer.kam_user_id as kamUserId', 'kam.name as kamName']);
}

/** The customers whose KAM the user is, by name. */
export async function listAccountsOfKam(db: Db, kamUserId: number): Promise<KamAccount[]> {
  return accountQuery(db).where('customer.kam_user_id', '=', kamUserId).orderBy('customer.name').orderBy('customer.id').execute();
}

export async function findKamAccount(db: Db, customerId: number): Promise<KamAccount | undefined> {
  return accountQuery(db).where('customer.id', '=', customerId).executeTakeFirst();
}

export interface AccountContact {
  id: number;
  customerId: number;
  name: string | null;
  email: string;
  optedOut: boolean;
  isInactive: boolean;
  isSuppressed: boolean;
}

/** The contacts of the accounts, by name then email within each account. */
export async function listContactsOfAccounts(db: Db, customerIds: readonly number[]): Promise<AccountContact[]> {
  const rows = await db
    .selectFrom('contact')
    .select((eb) => [
      'contact.id',
      'contact.customer_id as customerId',
      'contact.name',
      'contact.email',
      'contact.opted_out_at',
      'contact.inactive_at',
      contactIsSuppressed(eb).as('suppressed'),
    ])
    .where('contact.customer_id', 'in', orNone(customerIds))
    .orderBy('contact.customer_id')
    .orderBy((eb) => eb.fn.coalesce('contact.name', 'contact.email'))
    .orderBy('contact.email')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    name: r.name,
    email: r.email,
    optedOut: r.opted_out_at !== null,
    isInactive: r.inactive_at !== null,
    isSuppressed: flag(r.suppressed),
  }));
}

export interface AccountWave {
  customerId: number;
  campaignId: number;
  name: string;
  status: string;
  launchedAt: string | null;
  invited: number;
  answered: number;
}

/** The launched campaigns that invited contacts of the accounts, with invitations and submitted answers counted per account. */
export async function listWavesOfAccounts(db: Db, customerIds: readonly number[]): Promise<AccountWave[]> {
  const rows = await db
    .selectFrom('invitation')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .innerJoin('campaign', 'campaign.id', 'invitation.campaign_id')
    .leftJoin('response', (j) => j.onRef('response.invitation_id', '=', 'invitation.id').on('response.status', '=', 'submitted'))
    .where('contact.customer_id', 'in', orNone(customerIds))
    .where('campaign.definition', 'is not', null)
    .groupBy(['contact.customer_id', 'campaign.id', 'campaign.name', 'campaign.status', 'campaign.launched_at'])
    .select((eb) => [
      'contact.customer_id as customerId',
      'campaign.id as campaignId',
      'campaign.name',
      'campaign.status',
      'campaign.launched_at as launchedAt',
      eb.fn.count<number>('invitation.id').distinct().as('invited'),
      eb.fn.count<number>('response.id').distinct().as('answered'),
    ])
    .orderBy('contact.customer_id')
    .orderBy('campaign.launched_at', (ob) => ob.desc().nullsLast())
    .orderBy('campaign.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, invited: Number(r.invited), answered: Number(r.answered) }));
}

export interface InvitationState {
  invitationId: number;
  campaignId: number;
  campaignStatus: string;
  contactId: number;
  isRevoked: boolean;
  responseStatus: string | null;
  submittedAt: string | null;
  hasUnsentMail: boolean;
  kamReminderSentAt: string | null;
  kamReminderBy: string | null;
}

function invitationStateQuery(db: Db) {
  return db
    .selectFrom('invitation')
    .innerJoin('campaign', 'campaign.id', 'invitation.campaign_id')
    .innerJoin('contact', 'contact.id', 'invitation.contact_id')
    .leftJoin('response', 'response.invitation_id', 'invitation.id')
    .leftJoin('kam_reminder', 'kam_reminder.invitation_id', 'invitation.id')
    .leftJoin('user as sender', 'sender.id', 'kam_reminder.sent_by')
    .select((eb) => [
      'invitation.id as invitationId',
      'invitation.campaign_id as campaignId',
      'campaign.status as campaignStatus',
      'invitation.contact_id as contactId',
      'invitation.is_revoked as isRevoked',
      'response.status as responseStatus',
      'response.submitted_at as submittedAt',
      'kam_reminder.sent_at as kamReminderSentAt',
      'sender.name as kamReminderBy',
      eb.exists(eb.selectFrom('outbox').select('outbox.id').whereRef('outbox.invitation_id', '=', 'invitation.id').where('outbox.status', 'in', ['pending', 'sending'])).as('unsent'),
    ]);
}

type InvitationStateRow = Omit<InvitationState, 'isRevoked' | 'hasUnsentMail'> & { isRevoked: number; unsent: unknown };

function toInvitationState({ unsent, isRevoked, ...r }: InvitationStateRow): InvitationState {
  return { ...r, isRevoked: Number(isRevoked) === 1, hasUnsentMail: flag(unsent) };
}

/** The invitations of the accounts' contacts in the given campaigns, with their answer and reminder state. */
export async function listInvitationStates(db: Db, campaignIds: readonly number[], customerIds: readonly number[]): Promise<InvitationState[]> {
  const rows = await invitationStateQuery(db)
    .where('invitation.campaign_id', 'in', orNone(campaignIds))
    .where('contact.customer_id', 'in', orNone(customerIds))
    .orderBy('invitation.id')
    .execute();
  return rows.map(toInvitationState);
}

/** One contact's invitation to a campaign, with what the reminder rules and the mail need. */
export interface ReminderTarget extends InvitationState {
  customerId: number;
  kamUserId: number | null;
  email: string;
  name: string | null;
  language: string | null;
  customerName: string;
  customerLanguage: string;
  optedOut: boolean;
  isInactive: boolean;
  isSuppressed: boolean;
}

export async function findReminderTarget(db: Db, campaignId: number, contactId: number): Promise<ReminderTarget | undefined> {
  const row = await invitationStateQuery(db)
    .innerJoin('customer', 'customer.id', 'contact.customer_id')
    .select((eb) => [
      'customer.id as customerId',
      'customer.kam_user_id as kamUserId',
      'customer.name as customerName',
      'customer.language as customerLanguage',
      'contact.email',
      'contact.name',
      'contact.language',
      'contact.opted_out_at',
      'contact.inactive_at',
      contactIsSuppressed(eb).as('suppressed'),
    ])
    .where('invitation.campaign_id', '=', campaignId)
    .where('invitation.contact_id', '=', contactId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { opted_out_at, inactive_at, suppressed, ...rest } = row;
  return { ...rest, ...toInvitationState(rest), optedOut: opted_out_at !== null, isInactive: inactive_at !== null, isSuppressed: flag(suppressed) };
}

/** Records the KAM's reminder; false when one was already recorded for the invitation (the key). */
export async function insertKamReminder(db: Db, invitationId: number, sentBy: number, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('kam_reminder')
    .values({ invitation_id: invitationId, sent_by: sentBy, sent_at: now.toISOString() })
    .onConflict((oc) => oc.column('invitation_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface AccountTicket {
  id: number;
  customerId: number;
  campaignId: number;
  campaign: string;
  categoryId: number;
  title: string;
  status: string;
  dueDate: string;
  resolvedAt: string | null;
  resolutionNote: ResolutionNote;
  team: string;
}

/** Tickets of problems that the accounts' contacts mentioned in that ticket's campaign (submitted answers), titled by the category's name in `lang`. */
export async function listTicketsTouchingAccounts(db: Db, customerIds: readonly number[], lang: Language = DEFAULT_LANGUAGE): Promise<AccountTicket[]> {
  const rows = await db
    .selectFrom('ticket')
    .innerJoin('campaign', 'campaign.id', 'ticket.campaign_id')
    .innerJoin('team', 'team.id', 'ticket.team_id')
    .innerJoin('problem_mention as pm', (j) => j.onRef('pm.campaign_id', '=', 'ticket.campaign_id').onRef('pm.category_id', '=', 'ticket.category_id'))
    .innerJoin('response', 'response.id', 'pm.response_id')
    .where('response.status', '=', 'submitted')
    .where('response.customer_id', 'in', orNone(customerIds))
    .select([
      'ticket.id',
      'response.customer_id as customerId',
      'ticket.campaign_id as campaignId',
      'campaign.name as campaign',
      'campaign.launched_at as launchedAt',
      'ticket.category_id as categoryId',
      'ticket.title',
      categoryNameSql('ticket.category_id', lang).as('categoryName'),
      categoryNameSql('ticket.category_id', DEFAULT_LANGUAGE).as('categoryNameEn'),
      'ticket.status',
      'ticket.due_date as dueDate',
      'ticket.resolved_at as resolvedAt',
      'ticket.resolution_note',
      'team.name as team',
    ])
    .distinct()
    .execute();
  return rows
    .sort((a, b) => a.customerId - b.customerId || (b.launchedAt ?? '').localeCompare(a.launchedAt ?? '') || a.id - b.id)
    .map(({ resolution_note, launchedAt: _, categoryName, categoryNameEn, ...r }) => ({ ...r, title: ticketTitleIn(r.title, categoryNameEn, categoryName), resolutionNote: JSON.parse(resolution_note) as ResolutionNote }));
}

export interface AccountFollowup {
  ticketId: number;
  contactId: number;
  customerId: number;
  contact: string;
  state: string;
  sentAt: string | null;
  answeredAt: string | null;
  isHelpful: boolean | null;
  comment: string | null;
}

/** The follow-ups of the tickets to the accounts' contacts. */
export async function listFollowupsOfAccounts(db: Db, ticketIds: readonly number[], customerIds: readonly number[]): Promise<AccountFollowup[]> {
  const rows = await db
    .selectFrom('followup')
    .innerJoin('contact', 'contact.id', 'followup.contact_id')
    .select([
      'followup.ticket_id as ticketId',
      'followup.contact_id as contactId',
      'contact.customer_id as customerId',
      'contact.name',
      'contact.email',
      'followup.state',
      'followup.sent_at as sentAt',
      'followup.answered_at as answeredAt',
      'followup.is_helpful',
      'followup.comment',
    ])
    .where('followup.ticket_id', 'in', orNone(ticketIds))
    .where('contact.customer_id', 'in', orNone(customerIds))
    .orderBy('followup.ticket_id')
    .orderBy('followup.id')
    .execute();
  return rows.map(({ name, email, is_helpful, ...r }) => ({ ...r, contact: name ?? email, isHelpful: is_helpful === null ? null : Number(is_helpful) === 1 }));
}

export interface AccountResponse {
  id: number;
  campaignId: number;
  contactId: number;
  contact: string;
  submittedAt: string | null;
}

/** The account's submitted responses in every campaign, oldest first. */
export async function listAccountResponses(db: Db, customerId: number): Promise<AccountResponse[]> {
  const rows = await db
    .selectFrom('response')
    .innerJoin('contact', 'contact.id', 'response.contact_id')
    .select(['response.id', 'response.campaign_id as campaignId', 'response.contact_id as contactId', 'contact.name', 'contact.email', 'response.submitted_at as submittedAt'])
    .where('response.customer_id', '=', customerId)
    .where('response.status', '=', 'submitted')
    .orderBy('response.submitted_at')
    .orderBy('response.id')
    .execute();
  return rows.map(({ name, email, ...r }) => ({ ...r, contact: name ?? email }));
}

/** The numeric answers of the responses to the questions. */
export async function listNumericAnswers(db: Db, responseIds: readonly number[], questionIds: readonly string[]): Promise<{ responseId: number; questionId: string; value: number | null }[]> {
  if (!responseIds.length || !questionIds.length) return [];
  const rows = await db
    .selectFrom('answer_value')
    .select(['response_id as responseId', 'question_id as questionId', 'value'])
    .where('response_id', 'in', [...responseIds])
    .where('question_id', 'in', [...questionIds])
    .where('value', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));
}

export interface AccountMention {
  responseId: number;
  campaignId: number;
  contactId: number;
  rank: number;
  text: string;
  language: string;
  categoryId: number | null;
  category: string | null;
}

/** The problems the account's contacts wrote in their submitted answers, by response and rank. */
export async function listAccountMentions(db: Db, customerId: number, lang: Language = DEFAULT_LANGUAGE): Promise<AccountMention[]> {
  return db
    .selectFrom('problem_mention as pm')
    .innerJoin('response', 'response.id', 'pm.response_id')
    .select([
      'pm.response_id as responseId',
      'pm.campaign_id as campaignId',
      'response.contact_id as contactId',
      'pm.rank',
      'pm.text',
      'pm.language',
      'pm.category_id as categoryId',
      categoryNameSql('pm.category_id', lang).as('category'),
    ])
    .where('response.customer_id', '=', customerId)
    .where('response.status', '=', 'submitted')
    .orderBy('pm.response_id')
    .orderBy('pm.rank')
    .orderBy('pm.id')
    .execute();
}
