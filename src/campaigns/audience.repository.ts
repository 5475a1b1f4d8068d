import type { Db } from '../db/database';
import { insertJsonRows } from '../db/json-insert';
import { CheckedAddress } from '../mail/mail';
import { contactIsSuppressed } from '../mail/suppression.repository';
import { addDays } from '../shared/time';
import type { Audience, SkipReason } from './campaign';
import type { InvitationRecipient } from './campaign-mail';

export interface AudienceCandidate extends InvitationRecipient {
  contactId: number;
  segment: string | null;
  skip: SkipReason | null;
}

/** The customers of an audience: its filters, and not evaluated within notEvaluatedDays. */
function audienceCustomers(db: Db, audience: Audience, now: Date) {
  let q = db.selectFrom('customer');
  if (audience.segment) q = q.where('customer.segment', '=', audience.segment);
  if (audience.region) q = q.where('customer.region', '=', audience.region);
  if (audience.kamUserId) q = q.where('customer.kam_user_id', '=', audience.kamUserId);
  if (audience.relationship) q = q.where('customer.relationship', '=', audience.relationship);
  if (audience.notEvaluatedDays > 0) {
    const since = addDays(now, -audience.notEvaluatedDays).toISOString();
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('response')
            .select('response.id')
            .whereRef('response.customer_id', '=', 'customer.id')
            .where('response.status', '=', 'submitted')
            .where('response.submitted_at', '>=', since),
        ),
      ),
    );
  }
  return q;
}

const SKIP_OPTED_OUT = 1;
const SKIP_SUPPRESSED = 2;
const SKIP_RECENTLY_INVITED = 3;

/**
 * Active contacts of the audience not yet invited or skipped by this campaign, each with the
 * reason it must be skipped, if any: opted out, suppressed address, an address the outbox would
 * refuse, or invited by another campaign inside the contact-frequency window.
 */
export async function listAudienceCandidates(db: Db, campaignId: number, audience: Audience, frequencyDays: number, now: Date): Promise<AudienceCandidate[]> {
  // Each customer's columns are read once, not with each of its contacts (a launch reads
  // 100,000 contacts of 1,000 customers).
  const customers = new Map(
    (
      await audienceCustomers(db, audience, now)
        .leftJoin('user as kam', 'kam.id', 'customer.kam_user_id')
        .select(['customer.id', 'customer.name', 'customer.language', 'customer.segment', 'kam.email as kamEmail'])
        .execute()
    ).map((c) => [c.id, c]),
  );
  const windowStart = addDays(now, -frequencyDays).toISOString();
  const rows = await db
    .selectFrom('contact')
    .select((eb) => [
      'contact.id as contactId',
      'contact.customer_id as customerId',
      'contact.email',
      'contact.name',
      'contact.language',
      // The skip reasons SQL can tell, in their order, as one small column (a launch reads
      // 100,000 rows: two columns fewer took a third off the query), checked only as far as needed.
      eb
        .case()
        .when('contact.opted_out_at', 'is not', null)
        .then(eb.lit(SKIP_OPTED_OUT))
        .when(contactIsSuppressed(eb))
        .then(eb.lit(SKIP_SUPPRESSED))
        .when(
          frequencyDays > 0
            ? eb.exists(
                eb
                  .selectFrom('invitation as other')
                  .select('other.id')
                  .whereRef('other.contact_id', '=', 'contact.id')
                  .where('other.campaign_id', '<>', campaignId)
                  .where('other.created_at', '>', windowStart),
              )
            : eb.lit(false),
        )
        .then(eb.lit(SKIP_RECENTLY_INVITED))
        .else(eb.lit(0))
        .end()
        .as('skipFlag'),
    ])
    .where('contact.customer_id', 'in', audienceCustomers(db, audience, now).select('customer.id'))
    // A contact its CRM no longer lists (contact sync) is no longer part of any audience.
    .where('contact.inactive_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('invitation').select('invitation.id').whereRef('invitation.contact_id', '=', 'contact.id').where('invitation.campaign_id', '=', campaignId))))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('campaign_skip').select('campaign_skip.contact_id').whereRef('campaign_skip.contact_id', '=', 'contact.id').where('campaign_skip.campaign_id', '=', campaignId))),
    )
    .orderBy('contact.id')
    .execute();
  const candidates: AudienceCandidate[] = [];
  for (const r of rows) {
    // A customer that began to match between the two reads: its contacts wait for the next read.
    const customer = customers.get(r.customerId);
    if (!customer) continue;
    const flag = Number(r.skipFlag);
    const address = flag === SKIP_OPTED_OUT || flag === SKIP_SUPPRESSED ? undefined : CheckedAddress.parse(r.email);
    candidates.push({
      contactId: r.contactId,
      email: r.email,
      address,
      name: r.name,
      language: r.language,
      customerName: customer.name,
      customerLanguage: customer.language,
      segment: customer.segment,
      skip:
        flag === SKIP_OPTED_OUT
          ? 'opted_out'
          : flag === SKIP_SUPPRESSED
            ? 'suppressed'
            : !address
              ? 'no_address'
              : flag === SKIP_RECENTLY_INVITED
                ? 'frequency_window'
                : null,
      kamEmail: customer.kamEmail ?? null,
    });
  }
  return candidates;
}

/** Records the contacts a launch left out, with the reason; a contact already recorded is left alone. Set-based (insertJsonRows). */
export async function insertSkips(db: Db, campaignId: number, skips: { contactId: number; reason: SkipReason }[]): Promise<void> {
  await insertJsonRows(db, {
    table: 'campaign_skip',
    columns: [
      ['contact_id', 'integer'],
      ['reason', 'text'],
    ],
    constants: [['campaign_id', 'integer', campaignId]],
    rows: skips.map((s) => [s.contactId, s.reason]),
    skipConflictsOn: ['campaign_id', 'contact_id'],
  });
}
