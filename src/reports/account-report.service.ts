import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { findAnalysisCampaign, findCustomer } from '../analysis/analysis.repository';
import { listTickets } from '../tickets/ticket.repository';
import { accountReportSections, reportLanguageOf } from './account-report';
import { canOpenAccountReports, canViewAccountReport } from './report.policy';
import { findLatestCampaignOfCustomer, listAccountAnswerCampaigns, listAccountLanguages, listAccountMentions } from './report.repository';

/**
 * The account report for a customer meeting, in the customer's language (its contacts'): what
 * its contacts told us in a campaign (the given one, else the newest they answered), what we did
 * about it (resolved tickets with their customer-facing note) and what is still being worked.
 * A KAM asking for another KAM's account gets the same 404 as for a missing account.
 * @throws ForbiddenError (members), NotFoundError (no such account or campaign, or not the KAM's)
 */
export async function getAccountReport(db: Db, user: CurrentUser, customerId: number, campaignId: number | undefined, now: Date) {
  if (!canOpenAccountReports(user)) throw new ForbiddenError('account reports are for managers and key account managers');
  const customer = await findCustomer(db, customerId);
  if (!customer || !canViewAccountReport(user, customer)) throw new NotFoundError(`customer ${customerId}`);
  const chosenId = campaignId ?? (await findLatestCampaignOfCustomer(db, customerId));
  const campaign = chosenId === undefined ? undefined : await findAnalysisCampaign(db, chosenId);
  if (campaignId !== undefined && !campaign) throw new NotFoundError(`campaign ${campaignId}`);
  const languages = await listAccountLanguages(db, customerId);
  const lang = reportLanguageOf(languages.contactLanguages, languages.customerLanguage);
  const mentions = campaign ? await listAccountMentions(db, campaign.id, customerId) : [];
  const tickets = campaign ? await listTickets(db, { campaignId: campaign.id }, now) : [];
  return {
    customer,
    campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
    campaigns: await listAccountAnswerCampaigns(db, customerId),
    /** The customer's language: the report's own texts (reports.account.…) are written in it. */
    lang,
    ...accountReportSections(mentions, tickets, lang),
  };
}
