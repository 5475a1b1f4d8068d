import type { Db } from '../../src/db/database';
import { listAffectedAccountsByCategory, listVerbatims, listVerbatimsByCategory } from '../../src/analysis/analysis.repository';
import { createCampaign, createCategory, createContact, createCustomer, createResponse } from '../support/analysis-factories';
import { eachTestGets } from '../support/per-test';

// The per-category details of the ranked-problems page: verbatims and affected accounts, cut per
// category (never across categories).
describe('verbatims and affected accounts per category', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function example() {
    const late = await createCategory(db, { en: 'Late deliveries' });
    const invoice = await createCategory(db, { en: 'Invoice errors' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });
    const beta = await createCustomer(db, { name: 'Beta', segment: 'Industry' });
    const alpha = await createCustomer(db, { name: 'Alpha', segment: 'Retail' });
    const gamma = await createCustomer(db, { name: 'Gamma', segment: 'Retail' });
    const zed = await createContact(db, alpha.id, { email: 'zed@alpha.example', name: 'Zed' });
    const amy = await createContact(db, alpha.id, { email: 'amy@alpha.example', name: 'Amy' });
    await createResponse(db, campaign.id, beta.id, { problems: [{ categoryId: late.id, rank: 2, text: 'beta late' }, { categoryId: invoice.id, rank: 1, text: 'beta invoice' }] });
    await createResponse(db, campaign.id, alpha.id, { problems: [{ categoryId: late.id, rank: 1, text: 'zed late' }, { categoryId: late.id, rank: 3, text: 'zed late again' }] }, zed.id);
    await createResponse(db, campaign.id, alpha.id, { problems: [{ categoryId: late.id, rank: 2, text: 'amy late' }] }, amy.id);
    await createResponse(db, campaign.id, gamma.id, { problems: [{ categoryId: late.id, rank: 1, text: 'gamma late' }] });
    // A draft never shows.
    await createResponse(db, campaign.id, gamma.id, { status: 'partial', problems: [{ categoryId: late.id, rank: 1, text: 'draft late' }] });
    return { late, invoice, campaign };
  }

  it('lists each category\'s verbatims best rank first, then oldest, cut per category', async () => {
    const { late, invoice, campaign } = await example();
    const byCategory = await listVerbatimsByCategory(db, campaign.id, ['problems'], [late.id, invoice.id], {}, 3);
    expect(byCategory.get(late.id)!.map((v) => [v.text, v.rank, v.customer])).toEqual([
      ['zed late', 1, 'Alpha'],
      ['gamma late', 1, 'Gamma'],
      ['beta late', 2, 'Beta'],
    ]);
    expect(byCategory.get(invoice.id)!.map((v) => v.text)).toEqual(['beta invoice']);
    // The one-category form (ticket evidence) gives the same list.
    expect((await listVerbatims(db, campaign.id, late.id, {}, 3)).map((v) => v.text)).toEqual(['zed late', 'gamma late', 'beta late']);
  });

  it('keeps only the filtered accounts\' verbatims and gives an empty list to a category without any', async () => {
    const { late, invoice, campaign } = await example();
    const byCategory = await listVerbatimsByCategory(db, campaign.id, ['problems'], [late.id, invoice.id], { segment: ['Retail'] }, 10);
    expect(byCategory.get(late.id)!.map((v) => v.text)).toEqual(['zed late', 'gamma late', 'amy late', 'zed late again']);
    expect(byCategory.get(invoice.id)).toEqual([]);
  });

  it('lists affected accounts by name with their contacts by email, each contact once, at most the limit per category', async () => {
    const { late, invoice, campaign } = await example();
    const all = await listAffectedAccountsByCategory(db, campaign.id, ['problems'], [late.id, invoice.id], {}, 25);
    expect(all.get(late.id)!.map((a) => [a.customer, a.contacts.map((c) => c.email)])).toEqual([
      ['Alpha', ['amy@alpha.example', 'zed@alpha.example']],
      ['Beta', [expect.stringContaining('@example.com')]],
      ['Gamma', [expect.stringContaining('@example.com')]],
    ]);
    expect(all.get(invoice.id)!.map((a) => a.customer)).toEqual(['Beta']);

    const cut = await listAffectedAccountsByCategory(db, campaign.id, ['problems'], [late.id, invoice.id], {}, 2);
    expect(cut.get(late.id)!.map((a) => [a.customer, a.contacts.map((c) => c.name)])).toEqual([['Alpha', ['Amy', 'Zed']]]);
    expect(cut.get(invoice.id)!.map((a) => a.customer)).toEqual(['Beta']);

    const retail = await listAffectedAccountsByCategory(db, campaign.id, ['problems'], [late.id, invoice.id], { segment: ['Retail'] }, 25);
    expect(retail.get(late.id)!.map((a) => a.customer)).toEqual(['Alpha', 'Gamma']);
    expect(retail.get(invoice.id)).toEqual([]);
  });

  it('ranks accounts of the same name together at the cut, their contacts by email', async () => {
    const late = await createCategory(db, { en: 'Late deliveries' });
    const campaign = await createCampaign(db, { shape: { maxItems: 3 } });
    const alpha = await createCustomer(db, { name: 'Alpha' });
    const firstDelta = await createCustomer(db, { name: 'Delta' });
    const secondDelta = await createCustomer(db, { name: 'Delta' });
    const mention = { problems: [{ categoryId: late.id, rank: 1, text: 'late' }] };
    await createResponse(db, campaign.id, alpha.id, mention, (await createContact(db, alpha.id, { email: 'a@alpha.example' })).id);
    await createResponse(db, campaign.id, firstDelta.id, mention, (await createContact(db, firstDelta.id, { email: 'z@delta.example' })).id);
    await createResponse(db, campaign.id, secondDelta.id, mention, (await createContact(db, secondDelta.id, { email: 'b@delta.example' })).id);

    const cut = await listAffectedAccountsByCategory(db, campaign.id, ['problems'], [late.id], {}, 2);
    expect(cut.get(late.id)!.map((a) => [a.customerId, a.contacts.map((c) => c.email)])).toEqual([
      [alpha.id, ['a@alpha.example']],
      [secondDelta.id, ['b@delta.example']],
    ]);
  });
});
