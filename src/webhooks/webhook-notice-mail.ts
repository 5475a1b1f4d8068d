import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';
import { resolveLanguage, translate } from '../shared/languages';

/** Tells an admin, in their language (else the organisation's), that an endpoint was turned off after failing again and again. */
export function endpointDisabledMail(
  e: { id: number; url: string; description: string; failures: number; lastError: string },
  to: { email: string; name: string; language?: string | null },
  baseUrl: string,
  staffLanguage?: string,
): NewMail {
  const lang = resolveLanguage(to.language, staffLanguage);
  const t = translate(lang, 'staff');
  const link = `${baseUrl.replace(/\/+$/, '')}/admin/webhooks/${e.id}`;
  const name = e.description ? `${e.description} (${e.url})` : e.url;
  // The endpoint's name is bold in the HTML: split the sentence around it.
  const MARK = '\u0000name\u0000';
  const [before, after] = t('mails.webhookDisabled.body', { name: MARK, failures: e.failures }).split(MARK) as [string, string | undefined];
  const sentence = `${before}${name}${after ?? ''}`;
  const lastError = t('mails.webhookDisabled.lastError', { error: e.lastError });
  const kept = t('mails.webhookDisabled.kept');
  const action = t('mails.webhookDisabled.action');
  return {
    kind: 'webhook_disabled',
    to: to.email,
    toName: to.name,
    subject: t('mails.webhookDisabled.subject'),
    text: `${sentence}\n${lastError}\n\n${kept}\n\n${action}: ${link}\n`,
    html:
      `<!doctype html><html lang="${lang}"><body><p>${escapeHtml(before)}<strong>${escapeHtml(name)}</strong>${escapeHtml(after ?? '')}</p>\n` +
      `<p>${escapeHtml(lastError)}</p>\n<p>${escapeHtml(kept)}</p>\n` +
      `<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p></body></html>`,
    refType: 'webhook_endpoint',
    refId: e.id,
  };
}
