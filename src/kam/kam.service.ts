import { canOpenAccountReports, canViewAccountReport } from '../reports/report.policy';
import type { Language } from '../shared/languages';
import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { canViewTickets, seesAllAccounts } from '../auth/user.policy';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors';
import { listUsersByRoleOrId } from '../accounts/user.repository';
import { accountHeadline, type AccountHeadline } from '../analysis/analysis.service';
import { findAnalysisCampaign, findPreviousCampaign, type AnalysisCampaign } from '../analysis/analysis.repository';
import { rankProblems } from '../analysis/ranking.service';
import type { CampaignContext } from '../campaigns/campaign-context';
import { invitationOutboxMails } from '../campaigns/campaign-mail';
import { findCampaignForUpdate } from '../campaigns/campaign.repository';
import { markReminderQueued } from '../campaigns/invitation.repository';
import { enqueueTemplatedMails } from '../mail/outbox.repository';
import { getMailSite } from '../organisation/organisation.service';
import { noteFor } from '../tickets/ticket';
import { canOfferReminder, changeOf, contactWaveStatus, CONTACT_STATUS_LABELS, currentWave, reminderRefusalKey, type ReminderState } from './kam';
import { canSendKamReminder, canViewKamAccount, canViewKamPages, kamShown } from './kam.policy';
import {
  findKamAccount,
  findReminderTarget,
  insertKamReminder,
  listAccountMentions,
  listAccountResponses,
  listAccountsOfKam,
  listContactsOfAccounts,
  listFollowupsOfAccounts,
  listInvitationStates,
  listNumericAnswers,
  listTicketsTouchingAccounts,
  listWavesOfAccounts,
  type AccountFollowup,
  type AccountTicket,
  type AccountWave,
  type KamAccount,
} from './kam.repository';

/** How many of an account's ranked problems the overview shows. */
const TOP_PROBLEMS = 5;

function requireKamPages(user: CurrentUser): void {
  if (!canViewKamPages(user)) throw new ForbiddenError('the key account pages are for KAMs, managers and admins');
}

/** The account, if the user may see it; another KAM's account is as missing as one that does not exist. */
async function loadAccount(db: Db, user: CurrentUser, customerId: number): Promise<KamAccount> {
  const account = await findKamAccount(db, customerId);
  if (!account || !canViewKamAccount(user, account)) throw new NotFoundError(`customer ${customerId}`);
  return account;
}

/** Campaigns read once per page, for the figures of several accounts. */
function campaignCache(db: Db) {
  const cache = new Map<number, Promise<AnalysisCampaign | undefined>>();
  return (id: number) => {
    let found = cache.get(id);
    if (!found) cache.set(id, (found = findAnalysisCampaign(db, id)));
    return found;
  };
}

export interface HeadlineComparison {
  campaign: string;
  previous: string | null;
  now: AccountHeadline;
  before: AccountHeadline | null;
  satisfactionChange: number | null;
  npsChange: number | null;
}

/** The account's figures in a wave against the previous wave of the same questionnaire ("last year's"). */
async function compareWithPrevious(db: Db, campaign: AnalysisCampaign, customerId: number): Promise<HeadlineComparison> {
  const now = await accountHeadline(db, campaign, customerId);
  const previous = await findPreviousCampaign(db, campaign);
  const before = previous ? await accountHeadline(db, previous, customerId) : null;
  return {
    campaign: campaign.name,
    previous: previous?.name ?? null,
    now,
    before,
    satisfactionChange: changeOf(now.satisfaction?.mean, before?.satisfaction?.mean),
    npsChange: changeOf(now.nps?.nps, before?.nps?.nps),
  };
}

function ticketView(t: AccountTicket, followups: AccountFollowup[], user: CurrentUser, lang: Language) {
  const mine = followups.filter((f) => f.ticketId === t.id && f.customerId === t.customerId);
  return {
    title: t.title,
    campaign: t.campaign,
    team: t.team,
    status: t.status,
    dueDate: t.dueDate,
    resolvedAt: t.resolvedAt,
    resolutionNote: noteFor(t.resolutionNote, lang),
    href: canViewTickets(user) ? `/tickets/${t.id}` : null,
    followups: {
      sent: mine.filter((f) => f.state === 'sent').length,
      held: mine.filter((f) => f.state === 'held').length,
      helped: mine.filter((f) => f.isHelpful === true).length,
      notHelped: mine.filter((f) => f.isHelpful === false).length,
      awaiting: mine.filter((f) => f.state === 'sent' && f.answeredAt === null).length,
    },
  };
}

/**
 * "My accounts": each account of the KAM shown with its contacts and where each stands in the
 * running (else latest) wave, its satisfaction and NPS against the previous wave, its own ranked
 * problems and the tickets that touch it (resolution notes in `lang`, the reader's). A KAM always sees their own accounts; managers and
 * admins choose a KAM (`kam`), and see nothing before they do.
 * @throws ForbiddenError for team members
 */
export async function getKamOverview(db: Db, user: CurrentUser, requestedKam: number | undefined, lang: Language = 'en') {
  requireKamPages(user);
  const kams = seesAllAccounts(user) ? await listUsersByRoleOrId(db, 'kam', []) : [];
  const kamId = kamShown(user, requestedKam);
  const kam = user.role === 'kam' ? { id: user.id, name: user.name } : kams.find((k) => k.id === kamId);
  if (!kam) return { kam: null, kams, accounts: [] };
  const accounts = await listAccountsOfKam(db, kam.id);
  const ids = accounts.map((a) => a.id);
  const [contacts, waves, tickets] = await Promise.all([listContactsOfAccounts(db, ids), listWavesOfAccounts(db, ids), listTicketsTouchingAccounts(db, ids, lang)]);
  const followups = await listFollowupsOfAccounts(db, tickets.map((t) => t.id), ids);
  const current = new Map<number, AccountWave | undefined>(accounts.map((a) => [a.id, currentWave(waves.filter((w) => w.customerId === a.id))]));
  const states = await listInvitationStates(db, [...new Set([...current.values()].flatMap((w) => (w ? [w.campaignId] : [])))], ids);
  const campaignOf = campaignCache(db);

  const rows = [];
  for (const account of accounts) {
    const wave = current.get(account.id);
    const answeredWave = waves.find((w) => w.customerId === account.id && w.answered > 0);
    const answeredCampaign = answeredWave ? await campaignOf(answeredWave.campaignId) : undefined;
    const mayRemind = canSendKamReminder(user, account);
    rows.push({
      name: account.name,
      segment: account.segment,
      href: `/kam/accounts/${account.id}`,
      wave: wave ? { name: wave.name, status: wave.status, invited: wave.invited, answered: wave.answered } : null,
      contacts: contacts
        .filter((c) => c.customerId === account.id)
        .map((c) => {
          const s = wave ? states.find((i) => i.campaignId === wave.campaignId && i.contactId === c.id) : undefined;
          const status = contactWaveStatus(Boolean(s), s?.responseStatus ?? null);
          const state: ReminderState | null = s ? { ...s, optedOut: c.optedOut, isSuppressed: c.isSuppressed, isInactive: c.isInactive } : null;
          return {
            name: c.name,
            email: c.email,
            optedOut: c.optedOut,
            isSuppressed: c.isSuppressed,
            status,
            statusLabel: CONTACT_STATUS_LABELS[status],
            submittedAt: s?.submittedAt ?? null,
            reminder: s?.kamReminderSentAt ? { sentAt: s.kamReminderSentAt, by: s.kamReminderBy } : null,
            remindAction: mayRemind && state && wave && canOfferReminder(state) ? `/kam/campaigns/${wave.campaignId}/contacts/${c.id}/remind` : null,
            /** A catalogue key, or null. */
            noReminderBecause: state && status !== 'answered' && !s?.kamReminderSentAt ? reminderRefusalKey(state) : null,
          };
        }),
      headline: answeredCampaign ? await compareWithPrevious(db, answeredCampaign, account.id) : null,
      problems: answeredCampaign
        ? (await rankProblems(db, answeredCampaign.id, { customerId: [account.id] }, { language: lang })).filter((p) => p.respondents > 0 || (p.problemScore ?? 0) > 0).slice(0, TOP_PROBLEMS)
        : [],
      problemsCampaign: answeredCampaign?.name ?? null,
      tickets: tickets.filter((t) => t.customerId === account.id).map((t) => ticketView(t, followups, user, lang)),
    });
  }
  return { kam, kams, accounts: rows };
}

/**
 * One account's history across waves, newest first: per wave the answers (overall satisfaction
 * and NPS per contact), the problems in the contacts' own words and what was done about each
 * (its ticket, status, resolution note and the contact's "did this help?" answer).
 * @throws ForbiddenError (team members), NotFoundError (no such account, or another KAM's)
 */
export async function getKamAccountPage(db: Db, user: CurrentUser, customerId: number, lang: Language = 'en') {
  requireKamPages(user);
  const account = await loadAccount(db, user, customerId);
  const [waves, responses, mentions, tickets] = await Promise.all([
    listWavesOfAccounts(db, [account.id]),
    listAccountResponses(db, account.id),
    listAccountMentions(db, account.id, lang),
    listTicketsTouchingAccounts(db, [account.id], lang),
  ]);
  const followups = await listFollowupsOfAccounts(db, tickets.map((t) => t.id), [account.id]);
  const campaignOf = campaignCache(db);
  const history = [];
  for (const wave of waves) {
    const campaign = await campaignOf(wave.campaignId);
    if (!campaign) continue;
    const headline = await compareWithPrevious(db, campaign, account.id);
    const waveResponses = responses.filter((r) => r.campaignId === wave.campaignId);
    const questionIds = [headline.now.satisfaction?.questionId, headline.now.nps?.questionId].filter((q): q is string => Boolean(q));
    const values = await listNumericAnswers(db, waveResponses.map((r) => r.id), questionIds);
    const valueOf = (responseId: number, questionId: string | undefined) => values.find((v) => v.responseId === responseId && v.questionId === questionId)?.value ?? null;
    history.push({
      name: wave.name,
      status: wave.status,
      launchedAt: wave.launchedAt,
      invited: wave.invited,
      answered: wave.answered,
      headline,
      answers: waveResponses.map((r) => ({
        contact: r.contact,
        submittedAt: r.submittedAt,
        satisfaction: valueOf(r.id, headline.now.satisfaction?.questionId),
        nps: valueOf(r.id, headline.now.nps?.questionId),
      })),
      problems: mentions
        .filter((m) => m.campaignId === wave.campaignId)
        .map((m) => {
          const ticket = m.categoryId === null ? undefined : tickets.find((t) => t.campaignId === m.campaignId && t.categoryId === m.categoryId);
          const followup = ticket ? followups.find((f) => f.ticketId === ticket.id && f.contactId === m.contactId) : undefined;
          return {
            contact: responses.find((r) => r.id === m.responseId)?.contact ?? '',
            rank: m.rank,
            text: m.text,
            language: m.language,
            category: m.category,
            action: ticket ? ticketView(ticket, [], user, lang) : null,
            followup: followup ? { state: followup.state, sentAt: followup.sentAt, answeredAt: followup.answeredAt, isHelpful: followup.isHelpful, comment: followup.comment } : null,
          };
        }),
    });
  }
  const reportHref = canOpenAccountReports(user) && canViewAccountReport(user, account) ? `/reports/accounts/${account.id}` : null;
  return { account: { name: account.name, segment: account.segment, region: account.region, kamName: account.kamName, reportHref }, history, backHref: user.role === 'kam' ? '/kam' : `/kam?kam=${account.kamUserId ?? ''}` };
}

export type KamReminderOutcome = { kind: 'sent'; contact: string } | { kind: 'already_sent'; contact: string; sentAt: string; by: string | null };

/**
 * The KAM's own reminder to one contact of their account who has not answered the campaign: the
 * campaign's reminder mail with the same personal link, in the contact's language, from the KAM
 * by name with the KAM as reply-to, through the outbox. Once per contact and campaign: a second
 * request sends nothing and says when the first went out. It counts as one of the contact's
 * reminders, so the schedule does not send another right after it.
 * @throws ForbiddenError (not a KAM), NotFoundError (no such invitation, or not the KAM's account),
 *   ConflictError (closed campaign, answered, opted out, suppressed, mail still queued)
 */
export async function sendKamReminder(db: Db, user: CurrentUser, campaignId: number, contactId: number, ctx: CampaignContext, now: Date): Promise<KamReminderOutcome> {
  if (user.role !== 'kam') throw new ForbiddenError('only the account’s KAM sends a personal reminder');
  return db.transaction().execute(async (trx) => {
    // The campaign row first, as every reminder does: a close at the same time waits or wins.
    const campaign = await findCampaignForUpdate(trx, campaignId);
    const target = campaign && (await findReminderTarget(trx, campaignId, contactId));
    if (!campaign || !target || !canSendKamReminder(user, target)) throw new NotFoundError(`invitation of contact ${contactId} to campaign ${campaignId}`);
    const contact = target.name ?? target.email;
    if (target.kamReminderSentAt) return { kind: 'already_sent', contact, sentAt: target.kamReminderSentAt, by: target.kamReminderBy };
    const refusal = reminderRefusalKey(target);
    if (refusal) throw new ConflictError(refusal);
    if (!(await insertKamReminder(trx, target.invitationId, user.id, now))) {
      return { kind: 'already_sent', contact, sentAt: now.toISOString(), by: user.name };
    }
    const sender = { name: user.name, replyTo: 'kam' as const, replyToAddress: null };
    const mailFor = invitationOutboxMails({ ...campaign, sender }, ctx, true, await getMailSite(trx, ctx.baseUrl));
    await markReminderQueued(trx, [target.invitationId], now);
    await enqueueTemplatedMails(trx, [mailFor({ ...target, kamEmail: user.email }, target.invitationId)], now);
    return { kind: 'sent', contact };
  });
}
