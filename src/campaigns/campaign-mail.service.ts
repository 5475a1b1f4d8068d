import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { ForbiddenError } from '../shared/errors';
import type { Language } from '../shared/languages';
import { enqueueMail } from '../mail/outbox.repository';
import type { Campaign } from './campaign';
import type { CampaignContext } from './campaign-context';
import { renderInvitation, sampleMailValues, type RenderedMail } from './campaign-mail';
import { canManageCampaigns } from './campaign.policy';
import { getMailSite } from '../organisation/organisation.service';
import { getCampaign } from './campaign.service';

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
 * Queues the invitation, in one language, to the signed-in manager, with a sample link.
 * @throws ForbiddenError, NotFoundError
 */
export async function sendTestMail(db: Db, user: CurrentUser, id: number, language: Language, ctx: CampaignContext, now: Date): Promise<void> {
  if (!canManageCampaigns(user)) throw new ForbiddenError('only quality managers and admins send test mails');
  const campaign = await getCampaign(db, user, id);
  const site = await getMailSite(db, ctx.baseUrl);
  const rendered = renderInvitation(campaign.mail, language, sampleMailValues(campaign, ctx, user.name, site.timeZone), site.brand);
  await enqueueMail(db, { kind: 'test', to: user.email, toName: user.name, subject: `[Test] ${rendered.subject}`, text: rendered.text, html: rendered.html, refType: 'campaign', refId: id }, now);
}
