import { blankPage } from '../../src/surveys/blank-page';
import { blankQuestionCache } from '../../src/surveys/blank-questions';
import { launchedSnapshot, type CampaignSnapshot } from '../../src/surveys/snapshot';
import type { Question } from '../../src/surveys/survey-definition';

const snapshotJson = (title: string) =>
  JSON.stringify({
    definition: { slug: 's', version: 1, title: { en: title, sv: title, da: title }, sections: [{ id: 'a', title: { en: 'A', sv: 'A', da: 'A' }, questions: [{ id: 'q1' }, { id: 'q2' }] }] },
    catalogue: [{ id: 1, name: { en: 'Late', sv: 'Sen', da: 'Sen' } }],
    takenAt: '2026-01-01T00:00:00.000Z',
  });

describe('parsed snapshots of launched campaigns', () => {
  it('are parsed once per campaign and text, and frozen all the way down', () => {
    const first = launchedSnapshot(901, snapshotJson('One'));
    expect(launchedSnapshot(901, snapshotJson('One'))).toBe(first);
    expect(Object.isFrozen(first.definition.sections[0]!.questions[0])).toBe(true);
    expect(() => {
      (first.catalogue as { id: number }[]).push({ id: 2 });
    }).toThrow(TypeError);
  });

  it('are parsed again when the text differs (a campaign id reused in an emptied database)', () => {
    const first = launchedSnapshot(902, snapshotJson('One'));
    const other = launchedSnapshot(902, snapshotJson('Two'));
    expect(other).not.toBe(first);
    expect(other.definition.title.en).toBe('Two');
  });
});

describe('the blank-question cache of the survey form', () => {
  const q1 = { id: 'q1' } as Question;
  const q2 = { id: 'q2' } as Question;

  it('renders a question of a launched snapshot once per language while it has no answer and no error', () => {
    const snapshot = launchedSnapshot(903, snapshotJson('One'));
    const render = jest.fn(() => '<fieldset>q1</fieldset>');
    expect(blankQuestionCache(snapshot, 'en', {}, [])(q1, render)).toBe('<fieldset>q1</fieldset>');
    expect(blankQuestionCache(snapshot, 'en', {}, [])(q1, () => 'rendered again')).toBe('<fieldset>q1</fieldset>');
    expect(blankQuestionCache(snapshot, 'sv', {}, [])(q1, () => 'svenska')).toBe('svenska');
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('renders a question with an answer or an error every time, and leaves the others to the cache', () => {
    const snapshot = launchedSnapshot(904, snapshotJson('One'));
    blankQuestionCache(snapshot, 'en', {}, [])(q1, () => 'blank q1');
    blankQuestionCache(snapshot, 'en', {}, [])(q2, () => 'blank q2');
    const answered = blankQuestionCache(snapshot, 'en', { q1: '4' }, []);
    expect(answered(q1, () => 'q1 with 4')).toBe('q1 with 4');
    expect(answered(q2, () => 'not used')).toBe('blank q2');
    const withError = blankQuestionCache(snapshot, 'en', {}, [{ questionId: 'q2', anchor: 'a__q2', message: 'Answer this question.' }]);
    expect(withError(q2, () => 'q2 with its error')).toBe('q2 with its error');
    expect(withError(q1, () => 'not used')).toBe('blank q1');
  });

  it('never keeps the questions of a snapshot that is not frozen (a template preview)', () => {
    const preview = JSON.parse(snapshotJson('Preview')) as CampaignSnapshot;
    blankQuestionCache(preview, 'en', {}, [])(q1, () => 'first');
    expect(blankQuestionCache(preview, 'en', {}, [])(q1, () => 'second')).toBe('second');
  });
});

describe('the kept blank page of a campaign', () => {
  const values = { token: 'tokentokentokentoken', csrf: 'csrfcsrf' };
  const page = (name: string) => async (m: { token: string; csrf: string }) => `<h1>${name}</h1><form action="/s/${m.token}"><input value="${m.csrf}">`;

  it('is rendered again for a changed organisation, not for an equal one read again', async () => {
    const snapshot = launchedSnapshot(905, snapshotJson('One'));
    const render = jest.fn(page('Nordvik AB'));
    await blankPage(snapshot, { name: 'Nordvik AB' }, 'en', values, render);
    // getOrganisation hands out a new object after each re-read of the same settings.
    const again = await blankPage(snapshot, { name: 'Nordvik AB' }, 'en', values, page('not used'));
    expect(again && Buffer.concat(again.chunks).toString()).toBe('<h1>Nordvik AB</h1><form action="/s/tokentokentokentoken"><input value="csrfcsrf">');
    expect(render).toHaveBeenCalledTimes(1);
    const renamed = await blankPage(snapshot, { name: 'Nordvik Kept AB' }, 'en', values, page('Nordvik Kept AB'));
    expect(renamed && Buffer.concat(renamed.chunks).toString()).toContain('<h1>Nordvik Kept AB</h1>');
  });
});
