import {
  applyOrder,
  diffDefinitions,
  idFromText,
  incompatibleChange,
  launchBlockedMessage,
  missingTranslations,
  moveItem,
  parseDefinitionAllowingGaps,
  type StoredDefinition,
} from '../../src/questionnaires/questionnaire';

const L = (en: string, sv = `${en} (sv)`, da = `${en} (da)`) => ({ en, sv, da });

function definition(questions: Record<string, unknown>[], extra: Record<string, unknown> = {}): StoredDefinition {
  return { slug: 'partner', version: 1, title: L('Partner survey'), sections: [{ id: 'main', title: L('Main'), questions: questions as StoredDefinition['sections'][0]['questions'] }], ...extra };
}

const rating = (id: string, text = L(id), more: Record<string, unknown> = {}) => ({ id, type: 'rating', text, labels: { low: L('Low'), high: L('High') }, ...more });

describe('diffDefinitions', () => {
  it('lists questions added, removed and reworded, with the languages that changed', () => {
    const before = definition([rating('delivery'), rating('support'), rating('price')]);
    const after = definition([rating('delivery', { en: 'Delivery on time?', sv: 'delivery (sv)', da: 'delivery (da)' }), rating('price'), rating('speed')]);
    expect(diffDefinitions(before, after)).toEqual({
      added: [{ id: 'speed', text: 'speed' }],
      removed: [{ id: 'support', text: 'support' }],
      reworded: [{ id: 'delivery', text: 'Delivery on time?', languages: ['en'] }],
      changedShape: [],
    });
  });

  it('counts a changed label or option text as rewording in that language, and a new scale as a new shape', () => {
    const before = definition([rating('delivery'), { id: 'channel', type: 'choice', text: L('Channel'), options: [{ id: 'web', text: L('Web') }, { id: 'phone', text: L('Phone') }] }]);
    const after = definition([
      rating('delivery', L('delivery'), { scale: 7, labels: { low: L('Low'), high: { ...L('High'), da: 'Høj' } } }),
      { id: 'channel', type: 'choice', text: L('Channel'), options: [{ id: 'web', text: { ...L('Web'), sv: 'Webben' } }, { id: 'phone', text: L('Phone') }] },
    ]);
    const changes = diffDefinitions(before, after);
    expect(changes.reworded).toEqual([
      { id: 'delivery', text: 'delivery', languages: ['da'] },
      { id: 'channel', text: 'Channel', languages: ['sv'] },
    ]);
    expect(changes.changedShape).toEqual([{ id: 'delivery', text: 'delivery' }]);
  });

  it('finds nothing between equal versions, and moving a question is no change of wording', () => {
    const d = definition([rating('a'), rating('b')]);
    expect(diffDefinitions(d, structuredClone(d))).toEqual({ added: [], removed: [], reworded: [], changedShape: [] });
    expect(diffDefinitions(d, definition([rating('b'), rating('a')])).reworded).toEqual([]);
  });
});

describe('missingTranslations', () => {
  const gappy = definition([rating('delivery', { en: 'Delivery?', sv: '', da: 'Levering?' }, { help: { en: 'Think of 2026', sv: 'Tänk på 2026', da: '' } })], { title: { en: 'Partner', sv: 'Partner', da: '' } });

  it('names each text missing in a language, in page order', () => {
    expect(missingTranslations(gappy)).toMatchObject([
      { lang: 'da', where: 'Questionnaire title', place: { field: ['title'] } },
      { lang: 'sv', where: 'Section "Main", question "Delivery?", text', place: { section: { n: 1, name: 'Main' }, question: { n: 1, name: 'Delivery?', texts: { da: 'Levering?' } }, field: ['text'] } },
      { lang: 'da', where: 'Section "Main", question "Delivery?", help text', place: { question: { n: 1, name: 'Delivery?' }, field: ['help'] } },
    ]);
    expect(missingTranslations(gappy)).toHaveLength(3);
  });

  it('checks only the languages asked for', () => {
    expect(missingTranslations(gappy, ['en'])).toEqual([]);
    expect(missingTranslations(gappy, ['sv']).map((g) => g.where)).toEqual(['Section "Main", question "Delivery?", text']);
  });

  it('says what blocks a launch, per language', () => {
    expect(launchBlockedMessage(missingTranslations(gappy, ['da']), (l) => ({ en: 'English', sv: 'Swedish', da: 'Danish' })[l] ?? l)).toMatch(
      /Danish: 2 texts missing \(Questionnaire title; Section "Main", question "Delivery\?", help text\)/,
    );
  });
});

describe('parseDefinitionAllowingGaps', () => {
  it('accepts empty translations of a written text and keeps them empty, with the schema defaults', () => {
    const parsed = parseDefinitionAllowingGaps(definition([rating('delivery', { en: 'Delivery?', sv: '', da: '' })]));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const question = parsed.data.sections[0]?.questions[0];
    expect(question).toMatchObject({ text: { en: 'Delivery?', sv: '', da: '' }, scale: 5, required: false });
  });

  it('still rejects a text written in no language and every other mistake', () => {
    const parsed = parseDefinitionAllowingGaps(definition([rating('delivery', { en: '', sv: '', da: '' }, { scale: 12 })]));
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['sections.0.questions.0.text.en', 'sections.0.questions.0.scale']));
  });
});

describe('idFromText', () => {
  it('makes an id from the first words, never one in use or retired', () => {
    expect(idFromText('How satisfied are you with our delivery?', [])).toBe('how_satisfied_are_you_with');
    expect(idFromText('Hur nöjd är du?', [])).toBe('hur_nojd_ar_du');
    expect(idFromText('Anything else?', ['anything_else'])).toBe('anything_else_2');
    expect(idFromText('Anything else?', ['anything_else', 'anything_else_2'])).toBe('anything_else_3');
    expect(idFromText('2026 plans', [])).toBe('question_2026_plans');
    expect(idFromText('???', ['question'])).toBe('question_2');
  });
});

describe('moveItem and incompatibleChange', () => {
  it('moves one place and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 'up')).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 'up')).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 'down')).toEqual(['a', 'b', 'c']);
  });

  it('calls another type or scale incompatible, new words compatible', () => {
    expect(incompatibleChange(rating('a'), { ...rating('a'), type: 'text' })).toBe('type');
    expect(incompatibleChange(rating('a'), rating('a', L('a'), { scale: 7 }))).toBe('scale');
    expect(incompatibleChange(rating('a'), rating('a', L('a'), { scale: 5 }))).toBeNull();
    expect(incompatibleChange(rating('a'), rating('a', L('other words')))).toBeNull();
  });
});

describe('applyOrder', () => {
  const two = (): StoredDefinition => ({
    ...definition([rating('speed'), rating('why', L('Why?'), { showIf: { question: 'speed', max: 2 } })]),
    sections: [
      { id: 'main', title: L('Main'), questions: [rating('speed') as never, rating('why', L('Why?'), { showIf: { question: 'speed', max: 2 } }) as never] },
      { id: 'more', title: L('More'), questions: [rating('price') as never] },
    ],
  });
  const ids = (d: StoredDefinition) => d.sections.map((s) => [s.id, s.questions.map((q) => q.id)]);

  it('puts sections and questions at the positions given, across sections', () => {
    const result = applyOrder(two(), [{ id: 'more', questions: ['speed', 'price'] }, { id: 'main', questions: ['why'] }]);
    expect(result.ok && ids(result.definition)).toEqual([['more', ['speed', 'price']], ['main', ['why']]]);
  });

  it('refuses an order that misses or repeats a question, and a condition before its question', () => {
    expect(applyOrder(two(), [{ id: 'main', questions: ['speed', 'why'] }, { id: 'more', questions: [] }])).toMatchObject({ ok: false, message: 'questionnaires.errors.stale' });
    expect(applyOrder(two(), [{ id: 'main', questions: ['speed', 'why', 'price'] }, { id: 'more', questions: ['price'] }]).ok).toBe(false);
    expect(applyOrder(two(), [{ id: 'main', questions: ['why', 'speed'] }, { id: 'more', questions: ['price'] }])).toMatchObject({ ok: false, message: '“Why?” is shown only after an answer to “speed”, so it must stay after that question.' });
  });
});
