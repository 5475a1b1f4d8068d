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

  it('measures a group\'s share this wave among all of the wave\'s mentions, so coding others does not make it grow', () => {
    const previous = [m('Pallarna är för höga', 'sv'), m('Pallarna är alldeles för höga för hyllorna', 'sv'), m('Fakturan var fel', 'sv')];
    const coded = [m('Leveransen kom sent', 'sv'), m('Fakturan hade fel belopp', 'sv'), m('Priset har höjts igen', 'sv'), m('Supporten svarar inte', 'sv')];
    const wave = [...current, ...coded];
    const pallet = (uncoded: typeof current) => findEmergingGroups(uncoded, previous, { wave }).find((g) => g.previousCount === 2)!;
    // 2 of 3 mentions before, 2 of the wave's 13 now, however many of the others are still uncoded.
    expect(pallet(current).grew).toBe(false);
    const others = current.filter((x) => !/[Pp]all/.test(x.text));
    expect(pallet([...current.filter((x) => /[Pp]all/.test(x.text)), ...others.slice(0, 3)]).grew).toBe(false);
    // Without the wave, the share among the uncoded mentions alone rises as the others are coded.
    expect(findEmergingGroups(current.filter((x) => /[Pp]all/.test(x.text)), previous).find((g) => g.previousCount === 2)!.grew).toBe(true);
    expect(pallet(current.filter((x) => /[Pp]all/.test(x.text))).grew).toBe(false);
  });

  it('finds no group among mentions that all say different things', () => {
    expect(findEmergingGroups(singles, null)).toEqual([]);
  });
});
