import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatDate, formattersIn } from '../../src/shared/format';
import { catalogueResources, formatLocalNumber, loadCatalogue, LANGUAGE_NAMES, LANGUAGES, NAMESPACES, translate } from '../../src/shared/languages';
import { ROOT_DIR } from '../../src/paths';

type Messages = { [key: string]: string | Messages };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`.replace(PLURAL, '')] : keysOf(v, `${prefix}${k}.`)));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

describe('the message catalogue', () => {
  const resources = catalogueResources();

  it('reads its languages from the locales folder, each named in itself', () => {
    expect(LANGUAGES).toEqual(['en', 'sv', 'da']);
    expect(LANGUAGE_NAMES).toEqual({ en: 'English', sv: 'Svenska', da: 'Dansk' });
  });

  it.each(NAMESPACES)('has every %s key in every language', (ns) => {
    const english = [...new Set(keysOf(resources.en![ns]))].sort();
    expect(english.length).toBeGreaterThan(0);
    for (const lang of LANGUAGES) expect({ lang, keys: [...new Set(keysOf(resources[lang]![ns]))].sort() }).toEqual({ lang, keys: english });
  });

  it('uses every key somewhere in src/ or views/', () => {
    const code = [...filesUnder(path.join(ROOT_DIR, 'src')), ...filesUnder(path.join(ROOT_DIR, 'views'))].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    const unused = NAMESPACES.flatMap((ns) => keysOf(resources.en![ns]).filter((k) => !code.includes(`'${k}'`) && !code.includes(`"${k}"`)).map((k) => `${ns}:${k}`));
    expect(unused).toEqual([]);
  });

  it('reads a feature’s texts from its own file under the file’s name, and refuses a name taken twice', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locales-'));
    fs.mkdirSync(path.join(dir, 'en', 'staff'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'en', 'language.json'), JSON.stringify({ name: 'English', englishName: 'English', locale: 'en-GB', position: 1, requireSurveyTexts: true }));
    fs.writeFileSync(path.join(dir, 'en', 'staff.json'), JSON.stringify({ common: { save: 'Save' } }));
    fs.writeFileSync(path.join(dir, 'en', 'staff', 'tickets.json'), JSON.stringify({ title: 'Tickets' }));
    const t = loadCatalogue(dir).translate('en', 'staff');
    expect([t('common.save'), t('tickets.title')]).toEqual(['Save', 'Tickets']);
    fs.writeFileSync(path.join(dir, 'en', 'staff', 'common.json'), JSON.stringify({ save: 'Keep' }));
    expect(() => loadCatalogue(dir)).toThrow(/common\.json: "common" is also a key/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fills placeholders and picks the plural by count', () => {
    const en = translate('en', 'respondent');
    expect(en('errMinItems', { count: 1 })).toBe('List at least 1 problem.');
    expect(en('errMinItems', { count: 3 })).toBe('List at least 3 problems.');
    expect(translate('da', 'respondent')('errMinItems', { count: 2 })).toBe('Angiv mindst 2 problemer.');
    expect(translate('sv', 'respondent')('thanksChange', { date: '31 december 2026' })).toBe('Du kan ändra dina svar fram till att enkäten stänger den 31 december 2026.');
  });

  it('leaves text unescaped, since every page and mail escapes it once', () => {
    expect(translate('en', 'respondent')('unsubscribe.ask', { email: '<a@b>' })).toContain('<a@b>');
  });

  it('falls back to the default language for a language it does not know', () => {
    expect(translate('xx', 'respondent')('submit')).toBe('Send my answers');
  });

  it('writes dates and numbers as each language does', () => {
    expect(formatDate('2026-12-31', 'en')).toBe('31 December 2026');
    expect(formatDate('2026-12-31', 'sv')).toBe('31 december 2026');
    expect(formatDate('2026-12-31', 'da')).toBe('31. december 2026');
    expect(formatLocalNumber(3.5, 'en', 1)).toBe('3.5');
    expect(formatLocalNumber(3.5, 'sv', 1)).toBe('3,5');
    expect(formatLocalNumber(3.5, 'da', 1)).toBe('3,5');
    // The page formatters write the reader's decimal sign, and English stays as it was.
    expect(formattersIn('UTC', 'sv').number(3.5, 1)).toBe('3,5');
    expect(formattersIn('UTC', 'da').percent(0.237)).toBe('23,7 %');
    expect(formattersIn('UTC', 'sv').signed(-2.5, 1)).toBe('−2,5');
    expect(formattersIn('UTC', 'en').percent(0.237)).toBe('23.7 %');
    expect(formattersIn('Europe/Stockholm', 'da').date('2026-12-31T12:00:00Z')).toBe('31. december 2026');
  });
});
