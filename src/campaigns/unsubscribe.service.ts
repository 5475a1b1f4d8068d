import type { Db } from '../db/database';
import { resolveLanguage, type Language } from '../shared/languages';
import { hashToken } from '../shared/tokens';
import { maskEmail } from '../mail/mail';
import { cancelContactMails } from '../mail/outbox.repository';
import { emitWebhookEvent } from '../webhooks/webhook-queue.service';
import { findInvitationContactByTokenHash, updateContactOptedOut, type InvitationContact } from './invitation.repository';

/** The contact behind an unsubscribe link, as its page shows them. */
export interface UnsubscribeTarget {
  /** The address with most of it hidden: whoever holds the link learns little. */
  maskedEmail: string;
  /** The contact's language, else the customer's. */
  lang: Language;
  isOptedOut: boolean;
}

function toTarget(contact: InvitationContact, isOptedOut: boolean): UnsubscribeTarget {
  return { maskedEmail: maskEmail(contact.email), lang: resolveLanguage(contact.language, contact.customerLanguage), isOptedOut };
}

/** The contact behind an unsubscribe token, or undefined. A lookup only: changes nothing. */
export async function findUnsubscribeTarget(db: Db, token: string): Promise<UnsubscribeTarget | undefined> {
  const contact = await findInvitationContactByTokenHash(db, hashToken(token));
  return contact && toTarget(contact, contact.optedOutAt !== null);
}

/**
 * RFC 8058 one-click unsubscribe: marks the contact opted out and cancels their queued
 * contact mails. Idempotent. Returns the contact unsubscribed, or undefined for an unknown token.
 */
export async function unsubscribeByToken(db: Db, token: string, now: Date): Promise<UnsubscribeTarget | undefined> {
  return db.transaction().execute(async (trx) => {
    const contact = await findInvitationContactByTokenHash(trx, hashToken(token));
    if (!contact) return undefined;
    if (await updateContactOptedOut(trx, contact.contactId, now)) {
      await emitWebhookEvent(trx, 'contact.unsubscribed', { contactId: contact.contactId, customerId: contact.customerId, via: 'link', byUserId: null, unsubscribedAt: now.toISOString() }, now);
    }
    await cancelContactMails(trx, contact.email, 'contact opted out');
    return toTarget(contact, true);
  });
}
