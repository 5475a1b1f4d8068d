import { guessListOf, resultsByTeam, scoreGuess } from '../../src/guesses/guess';
import { translate } from '../../src/shared/languages';

describe('the staff\'s guess rules', () => {
  const ranking = [{ rank: 1, categoryId: 10, name: 'Late' }, { rank: 2, categoryId: 20, name: 'Invoice' }, { rank: 3, categoryId: 30, name: 'Rude' }];

  it('counts a guessed problem right when it is anywhere in the customers\' top', () => {
    const { marked, hits } = scoreGuess([{ rank: 1, categoryId: 30, name: 'Rude' }, { rank: 2, categoryId: 40, name: 'Price' }, { rank: 3, categoryId: 10, name: 'Late' }], ranking);

    expect(hits).toBe(2);
    expect(marked.map((m) => [m.hit, m.customerRank])).toEqual([[true, 3], [false, null], [true, 1]]);
  });

  it('keeps each choice at its place (an empty place stays empty), refuses a problem twice or one not offered, and needs one place', () => {
    const choosable = new Set([10, 20, 30]);

    expect(guessListOf([20, null, 10], choosable)).toEqual({
      ok: true,
      places: [
        { rank: 1, categoryId: 20 },
        { rank: 3, categoryId: 10 },
      ],
    });
    // The messages are staff catalogue keys; the page shows them in the reader's language.
    const en = translate('en', 'staff');
    const inEnglish = (r: ReturnType<typeof guessListOf>) => (r.ok ? r : { ok: false, errors: Object.fromEntries(Object.entries(r.errors).map(([f, m]) => [f, m.map((k) => en(k))])) });
    expect(inEnglish(guessListOf([20, 20], choosable))).toEqual({ ok: false, errors: { place2: ['You chose this problem for an earlier place already'] } });
    expect(inEnglish(guessListOf([99], choosable))).toEqual({ ok: false, errors: { place1: ['Choose a problem from the list'] } });
    expect(inEnglish(guessListOf([null, null], choosable))).toEqual({ ok: false, errors: { place1: ['Choose at least one problem'] } });
  });

  it('sums up by team, counting a person in each of their teams and the teamless last', () => {
    const teams = resultsByTeam([
      { userId: 1, name: 'A', teams: ['Billing'], guessed: true, hits: 3 },
      { userId: 2, name: 'B', teams: ['Billing', 'Support'], guessed: true, hits: 1 },
      { userId: 3, name: 'C', teams: [], guessed: false, hits: 0 },
    ]);

    expect(teams).toEqual([
      { team: 'Billing', invited: 2, guessed: 2, meanHits: 2, best: 3 },
      { team: 'Support', invited: 1, guessed: 1, meanHits: 1, best: 1 },
      { team: null, invited: 1, guessed: 0, meanHits: null, best: null },
    ]);
  });
});
