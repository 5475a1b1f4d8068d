import { findEmergingGroups, type EmergingMention } from '../../src/analysis/emerging';

let next = 0;
const m = (text: string, language: EmergingMention['language']): EmergingMention => ({ id: ++next, text, language });

describe('emerging problems', () => {
  const crashes = [
    m('Appen kraschar när vi skannar streckkoder', 'sv'),
    m('Appen kraschar hela tiden vid skanning', 'sv'),
    m('Jeres app crasher når vi scanner stregkoder', 'da'),
    m('The app crashes when we scan barcodes', 'en'),
  ];
  const pallets = [m('Pallarna är för höga för våra hyllor', 'sv'), m('Pallarna är för höga, får inte plats i hyllorna', 'sv')];
  const singles = [m('Chauffören var otrevlig', 'sv'), m('Invoices are sent to the wrong email address', 'en'), m('Vi saknar en svensk kontaktperson', 'sv')];
  const current = [crashes[0]!, singles[0]!, pallets[0]!, crashes[2]!, singles[1]!, crashes[1]!, pallets[1]!, crashes[3]!, singles[2]!];
  const ids = (list: EmergingMention[]) => list.map((x) => x.id).sort((a, b) => a - b);

  it('groups the mentions that say the same thing, across languages where the words allow, and leaves the rest alone', () => {
    const groups = findEmergingGroups(current, null);
    expect(groups.map((g) => ids(g.mentions))).toEqual([ids(crashes), ids(pallets)]);
  });

  it('suggests a name in each language from the group\'s own mentions, and keywords they share', () => {
    const [crash] = findEmergingGroups(current, null);
    expect(crash!.names.en).toBe('The app crashes when we scan barcodes');
    expect(crash!.names.da).toBe('Jeres app crasher når vi scanner stregkoder');
    expect(crashes.slice(0, 2).map((x) => x.text)).toContain(crash!.names.sv);
    expect(crash!.keywords).toEqual(expect.arrayContaining(['app', 'kraschar']));
  });

  it('marks a group that is new this wave, and one whose share did not grow against the previous wave', () => {
    const previous = [m('Pallarna är för höga', 'sv'), m('Pallarna är alldeles för höga för hyllorna', 'sv'), m('Fakturan var fel', 'sv')];
    const [crash, pallet] = findEmergingGroups(current, previous);
    expect(crash).toMatchObject({ previousCount: 0, grew: true });
    // 2 of 3 mentions before, 2 of 9 now: the problem is shrinking.
    expect(pallet).toMatchObject({ previousCount: 2, grew: false });
  });

  it('finds no group among mentions that all say different things', () => {
    expect(findEmergingGroups(singles, null)).toEqual([]);
  });
});
