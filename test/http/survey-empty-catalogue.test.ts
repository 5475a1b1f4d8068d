import type { Express } from 'express';
import type { Db } from '../../src/db/database';
import { signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { eachTestGets } from '../support/per-test';

// A survey resolved against an empty problem catalogue asks nothing about catalogue problems.
describe('a survey with an empty problem catalogue', () => {
  let db: Db;
  let app: Express;
  eachTestGets({ app: true }, (w) => ({ db, app } = w));

  const preview = async () => {
    const agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    return (await agent.get('/surveys/annual-pds/preview?lang=en').expect(200)).text;
  };

  it('leaves out the rating of catalogue problems and every "pick from the list" field', async () => {
    const page = await preview();
    expect(page).toContain('What problems do you experience when working with us?');
    expect(page).toContain('Describe the problem in your own words');
    expect(page).not.toContain('How do these problems affect you?');
    // Its section had nothing else to ask, so the respondent does not see an empty heading.
    expect(page).not.toContain('Problems other customers have mentioned');
    expect(page).toContain('Anything else?');
    expect(page).not.toContain('id="a__problem_rating-label"');
    expect(page).not.toContain('Or pick a problem from the list');
    expect(page).not.toContain('Pick a problem from the list');
    expect(page).not.toContain('— None —');
    // The template's help says "or pick them from the list": with no list only those words go,
    // the rest of the help and the list's own hint on ranking still show.
    expect(page).not.toContain('pick them from the list');
    expect(page).toContain('List up to five problems, big or small, in your own words. Write one problem in each field and be as specific as you can.');
    expect(page).toContain('Number the problems you list 1, 2, 3 … in order of importance.');
  });

  it('keeps the rest of the help in Swedish and Danish too', async () => {
    const agent = await signedInAgent(app, await createUser(db, { role: 'manager' }));
    const sv = (await agent.get('/surveys/annual-pds/preview?lang=sv').expect(200)).text;
    expect(sv).toContain('Ange upp till fem problem, stora som små, med egna ord. Skriv ett problem i varje fält');
    expect(sv).not.toContain('välj dem i listan');
    const da = (await agent.get('/surveys/annual-pds/preview?lang=da').expect(200)).text;
    expect(da).toContain('Angiv op til fem problemer, store som små, med dine egne ord. Skriv ét problem i hvert felt');
    expect(da).not.toContain('vælg dem på listen');
  });

  it('asks about the catalogue problems once there are some', async () => {
    await createCategories(db);
    const page = await preview();
    expect(page).toContain('How do these problems affect you?');
    expect(page).toContain('Problems other customers have mentioned');
    expect(page).toContain('Or pick a problem from the list');
    expect(page).toContain('in your own words, or pick them from the list.');
  });
});
