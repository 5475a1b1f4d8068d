import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import type { Language } from '../shared/languages';
import { enqueueMail } from '../mail/outbox.repository';
import type { Campaign } from './campaign';
import type { CampaignContext } from './campaign-context';
import { campaignSenderHeaders, renderInvitation, sampleMailValues, type RenderedMail } from './campaign-mail';
import { canManageCampaigns } from './campaign.policy';
import { getMailSite } from '../organisation/organisation.service';
import { getCampaign } from './campaign.service';
import { addDays } from '../shared/time';
import { SAMPLE_LINK_DAYS, sampleLink, sampleToken } from './sample-link';

/**
 * The invitation in one language with sample values, for everyone who may follow campaigns.
 * @throws ForbiddenError, NotFoundError
 */
export async function previewCampaignMail(db: Db, user: CurrentUser, id: number, language: Language, ctx: CampaignContext): Promise<{ campaign: Campaign; mail: RenderedMail }> {
  const campaign = await getCampaign(db, user, id);
  const site = await getMailSite(db, ctx.baseUrl);
  return { campaign, mail: renderInvitation(campaign.mail, language, sampleMailValues(campaign, ctx, 'Alex Example', site.timeZone), site.brand) };
}

/**
 * Queues the invitation, in one language, to the signed-in manager, with a working sample link
 * (valid SAMPLE_LINK_DAYS) that opens the questionnaire in preview mode, which records nothing.
 * It comes from the campaign's sender name and replies go where the campaign's do; when they go
 * to the contact's KAM, the manager stands in for the KAM.
 * @throws ForbiddenError, NotFoundError
 */
export async function sendTestMail(db: Db, user: CurrentUser, id: number, language: Language, ctx: CampaignContext, now: Date): Promise<void> {
  if (!canManageCampaigns(user)) throw new ForbiddenError('only quality managers and admins send test mails');
  const campaign = await getCampaign(db, user, id);
  const site = await getMailSite(db, ctx.baseUrl);
  const link = `${sampleLink(ctx.baseUrl, sampleToken(ctx.secret, id, addDays(now, SAMPLE_LINK_DAYS)))}?lang=${language}`;
  const rendered = renderInvitation(campaign.mail, language, { ...sampleMailValues(campaign, ctx, user.name, site.timeZone), link }, site.brand);
  await enqueueMail(db, { kind: 'test', to: user.email, toName: user.name, subject: `[Test] ${rendered.subject}`, text: rendered.text, html: rendered.html, headers: campaignSenderHeaders(campaign.sender, user.email), refType: 'campaign', refId: id }, now);
}
