import { escapeHtml } from '../mail/mail';
import type { NewMail } from '../mail/outbox.repository';

/** Tells an admin that an endpoint was turned off after failing again and again. */
export function endpointDisabledMail(
  e: { id: number; url: string; description: string; failures: number; lastError: string },
  to: { email: string; name: string },
  baseUrl: string,
): NewMail {
  const link = `${baseUrl.replace(/\/+$/, '')}/admin/webhooks/${e.id}`;
  const name = e.description ? `${e.description} (${e.url})` : e.url;
  return {
    kind: 'webhook_disabled',
    to: to.email,
    toName: to.name,
    subject: 'A webhook endpoint was turned off',
    text:
      `The webhook endpoint ${name} failed ${e.failures} times in a row and was turned off.\n` +
      `Last error: ${e.lastError}\n\nNew events are not queued for it until it is turned on again. Its waiting deliveries are kept.\n\n` +
      `Open the endpoint: ${link}\n`,
    html:
      `<!doctype html><html><body><p>The webhook endpoint <strong>${escapeHtml(name)}</strong> failed ${e.failures} times in a row and was turned off.</p>\n` +
      `<p>Last error: ${escapeHtml(e.lastError)}</p>\n<p>New events are not queued for it until it is turned on again. Its waiting deliveries are kept.</p>\n` +
      `<p><a href="${escapeHtml(link)}">Open the endpoint</a></p></body></html>`,
    refType: 'webhook_endpoint',
    refId: e.id,
  };
}
