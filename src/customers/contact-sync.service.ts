import type { Db } from '../db/database';
import type { Actor } from '../auth/user';
import { isAllowed } from '../auth/user.policy';
import { isEmailAddress } from '../shared/email';
import { ForbiddenError, ValidationError } from '../shared/errors';
import { canImportContacts } from './customer.policy';
import { normalizeEmail } from './customer';
import type { ImportRowInput, RowError } from './contact-import';
import { runContactImport } from './contact-import.service';
import type { ContactSyncReport } from './customer.schemas';
import { listContactsOfSource, updateContactsInactive } from './customer.repository';

/** Contacts marked inactive per transaction. */
const CHUNK = 1000;

/**
 * Makes the contacts of one source what its list says: rows are imported as a file import
 * would (created, updated), contacts of the list become contacts of the source (taken over from
 * file imports, made active again), and the source's contacts missing from the list are marked
 * inactive: never deleted, their answers kept, no more invitations. A contact another source
 * manages is refused for its row. A rejected row whose email is readable still counts as on the
 * list, so a bad cell never deactivates a contact.
 *
 * A dry run reports the same numbers from the same code and writes nothing. An empty list is
 * refused unless `allowEmpty`, so a broken export cannot deactivate a whole source by accident.
 * @throws ForbiddenError unless the actor may import contacts; ValidationError on an empty list.
 */
export async function syncContacts(
  db: Db,
  actor: Actor,
  input: { source: string; rows: ImportRowInput[]; errors: RowError[]; dryRun: boolean; allowEmpty: boolean },
  now: Date,
): Promise<ContactSyncReport> {
  if (!isAllowed(actor, canImportContacts)) throw new ForbiddenError('only managers and admins sync contacts');
  if (input.rows.length === 0 && input.errors.length === 0 && !input.allowEmpty) {
    throw new ValidationError('The list is empty. Send every active contact of the source, or add ?allowEmpty=true to mark all its contacts inactive.', {
      contacts: ['The list is empty'],
    });
  }
  const listed = new Set<string>();
  for (const row of input.rows) {
    const email = normalizeEmail(row.email ?? '');
    if (isEmailAddress(email)) listed.add(email);
  }
  const leaving = (await listContactsOfSource(db, input.source)).filter((c) => c.inactiveAt === null && !listed.has(c.email.toLowerCase()));

  const { report, reactivated } = await runContactImport(db, input, now, { dryRun: input.dryRun, source: input.source });
  if (!input.dryRun) {
    for (let i = 0; i < leaving.length; i += CHUNK) {
      const ids = leaving.slice(i, i + CHUNK).map((c) => c.id);
      await db.transaction().execute((trx) => updateContactsInactive(trx, ids, now));
    }
  }
  return {
    source: input.source,
    dryRun: input.dryRun,
    created: report.created,
    updated: report.updated,
    reactivated,
    deactivated: leaving.length,
    unchanged: report.unchanged,
    customersCreated: report.customersCreated,
    customersUpdated: report.customersUpdated,
    rejected: report.errors,
    deactivatedEmails: leaving.map((c) => c.email),
  };
}
