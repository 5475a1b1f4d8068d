import type { Db } from '../../src/db/database';
import { findResponseByInvitation, upsertResponse } from '../../src/surveys/response.repository';
import { createContact, createCustomer, createResponse } from '../support/customer-factories';
import { eachTestGets } from '../support/per-test';

const AT = new Date('2026-03-02T08:00:00Z');

describe('writing the one response of an invitation', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  // The save of a form that a submit overtook (on PostgreSQL the save read "partial" before the
  // submit committed): its write must not turn the submitted response back into a draft.
  it('never turns a submitted response back into a partial one', async () => {
    const { id: customerId } = await createCustomer(db);
    const contact = await createContact(db, customerId);
    const { id, campaignId } = await createResponse(db, { id: contact.id, customerId }, AT);
    const { invitation_id: invitationId } = await db.selectFrom('response').select('invitation_id').where('id', '=', id!).executeTakeFirstOrThrow();

    const late = { invitationId, campaignId, customerId, contactId: contact.id, language: 'en', answers: '{"late":"draft"}', now: new Date(AT.getTime() + 1000).toISOString() };
    expect(await upsertResponse(db, { ...late, status: 'partial' })).toBeUndefined();

    const stored = await findResponseByInvitation(db, invitationId);
    expect(stored).toMatchObject({ id, status: 'submitted', answers: '{}', submittedAt: AT.toISOString() });
  });
});
