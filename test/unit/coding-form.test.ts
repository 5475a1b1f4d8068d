import { translate } from '../../src/shared/languages';
import { codingRequestOf } from '../../src/analysis/analysis';

describe('reading the coding form', () => {
  it('codes the one mention of an accepted suggestion to its category', () => {
    expect(codingRequestOf({ accept: '12:7', mentionIds: [3, 4], bulkCategoryId: '9' })).toEqual({
      ok: true,
      request: { mentionIds: [12], categoryId: 7, field: 'bulkCategoryId' },
    });
  });

  it('codes one row to the category chosen in that row, whatever else is ticked', () => {
    expect(codingRequestOf({ apply: 12, category: { '12': '5', '13': '6' }, mentionIds: [13], bulkCategoryId: '9' })).toEqual({
      ok: true,
      request: { mentionIds: [12], categoryId: 5, field: 'category-12' },
    });
  });

  it('words its messages in the staff catalogue', () => {
    const en = translate('en', 'staff');
    expect([en('coding.errors.chooseCategory'), en('coding.errors.selectMention')]).toEqual(['Choose a category', 'Select at least one mention']);
  });

  it('asks for a category beside the row when the row has none chosen', () => {
    expect(codingRequestOf({ apply: 12, category: { '12': '' }, mentionIds: [] })).toEqual({ ok: false, errors: { 'category-12': ['coding.errors.chooseCategory'] } });
    expect(codingRequestOf({ apply: 12, mentionIds: [] })).toEqual({ ok: false, errors: { 'category-12': ['coding.errors.chooseCategory'] } });
  });

  it('codes the ticked mentions to the bulk category', () => {
    expect(codingRequestOf({ mentionIds: [3, 4], bulkCategoryId: '9' })).toEqual({ ok: true, request: { mentionIds: [3, 4], categoryId: 9, field: 'bulkCategoryId' } });
  });

  it('asks for a selection first, then for the bulk category', () => {
    expect(codingRequestOf({ mentionIds: [], bulkCategoryId: '9' })).toEqual({ ok: false, errors: { mentionIds: ['coding.errors.selectMention'] } });
    expect(codingRequestOf({ mentionIds: [3], bulkCategoryId: '' })).toEqual({ ok: false, errors: { bulkCategoryId: ['coding.errors.chooseCategory'] } });
    expect(codingRequestOf({ mentionIds: [3] })).toEqual({ ok: false, errors: { bulkCategoryId: ['coding.errors.chooseCategory'] } });
  });
});
