import iconv from 'iconv-lite';
import type { Db } from '../../src/db/database';
import { createTestApp, csrfFrom, csrfOf, signedInAgent } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

// The same sheet as Excel saves it in each of its formats: names with å ä ö æ ø, and ü.
const HEADER = ['customer', 'email', 'name', 'language'];
const ROWS = [
  ['Åkesson Maskin AB', 'asa@akesson.example', 'Åsa Öhman', 'sv'],
  ['Bæk & Søn A/S', 'soren@baek.example', 'Søren Bæk', 'da'],
  ['Ørsted Ærø ApS', 'aase@orsted.example', 'Åse Ørsted', 'da'],
  ['Müller Göteborg AB', 'jurgen@mueller.example', 'Jürgen Müller', 'sv'],
];
const sheet = (separator: string) => [HEADER, ...ROWS].map((r) => r.join(separator)).join('\r\n') + '\r\n';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const FILES: Record<string, Buffer> = {
  'UTF-8': Buffer.from(sheet(','), 'utf8'),
  'UTF-8 with BOM ("CSV UTF-8")': Buffer.concat([BOM, Buffer.from(sheet(';'), 'utf8')]),
  'UTF-16 LE with BOM ("Unicode text", tabs)': iconv.encode(sheet('\t'), 'utf-16le', { addBOM: true }),
  'UTF-16 BE with BOM': iconv.encode(sheet('\t'), 'utf-16be', { addBOM: true }),
  'Windows-1252 ("CSV" on Swedish and Danish Windows)': iconv.encode(sheet(';'), 'windows-1252'),
  'tab-separated UTF-8': Buffer.from(sheet('\t'), 'utf8'),
};

describe('contacts files as Excel saves them', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function agentFor() {
    return signedInAgent(createTestApp(db), await createUser(db, { role: 'manager' }));
  }

  async function preview(agent: Awaited<ReturnType<typeof signedInAgent>>, data: Buffer, filename = 'contacts.csv') {
    return agent.post('/customers/import').field('_csrf', await csrfOf(agent, '/customers/import')).attach('file', data, filename);
  }

  async function importFile(data: Buffer) {
    const agent = await agentFor();
    const page = await preview(agent, data);
    expect(page.status).toBe(200);
    const upload = /name="upload" value="([^"]+)"/.exec(page.text)![1];
    const result = await agent.post('/customers/import/confirm').type('form').send({ _csrf: csrfFrom(page.text), upload }).expect(200);
    expect(result.text).toContain('4 contacts created');
    return page.text;
  }

  const storedNames = async () =>
    db
      .selectFrom('contact')
      .innerJoin('customer', 'customer.id', 'contact.customer_id')
      .select(['customer.name as customer', 'contact.email', 'contact.name', 'contact.language'])
      .orderBy('contact.email')
      .execute();

  const expected = [...ROWS].sort((a, b) => a[1]!.localeCompare(b[1]!)).map(([customer, email, name, language]) => ({ customer, email, name, language }));

  for (const [format, data] of Object.entries(FILES)) {
    it(`imports ${format} with the same names, byte for byte`, async () => {
      const page = await importFile(data);
      const stored = await storedNames();
      expect(stored).toEqual(expected);
      // Byte for byte: the same UTF-8 bytes as the sheet's own text, and no replacement character anywhere.
      expect(Buffer.from(JSON.stringify(stored), 'utf8').equals(Buffer.from(JSON.stringify(expected), 'utf8'))).toBe(true);
      expect(JSON.stringify(await db.selectFrom('customer').selectAll().execute())).not.toContain('\uFFFD');
      expect(page).toContain(format.startsWith('Windows') ? 'read as Windows-1252' : format.includes('UTF-16') ? 'read as UTF-16' : 'read as UTF-8');
    });
  }

  it('says how the file was read: the separator too', async () => {
    const agent = await agentFor();
    expect((await preview(agent, FILES['tab-separated UTF-8']!)).text).toContain('separated by tabs');
    expect((await preview(agent, FILES['UTF-8']!)).text).toContain('separated by commas');
    expect((await preview(agent, FILES['Windows-1252 ("CSV" on Swedish and Danish Windows)']!)).text).toContain('separated by semicolons');
  });

  it('reports a file it cannot read as an encoding problem, not as "not a contacts CSV", and imports nothing', async () => {
    const agent = await agentFor();
    const cases: [string, Buffer, string][] = [
      ['Shift_JIS', iconv.encode('customer,email,name\n株式会社テスト,t@test.example,山田太郎\n', 'shift_jis'), "encoding could not be read (it looks like Shift_JIS"],
      ['KOI8-R', iconv.encode('customer,email,name\nОмега Групп,o@omega.example,Иван Петров\nАльфа,a@alfa.example,Сергей Смирнов\n', 'koi8-r'), "encoding could not be read"],
      [
        'UTF-8 with rows pasted in Windows-1252',
        Buffer.concat([BOM, Buffer.from('customer,email,name\nÅkesson AB,a@ak.example,Åsa\n', 'utf8'), iconv.encode('Bæk A/S,s@baek.example,Søren\n', 'windows-1252')]),
        'line 3 has characters in another encoding',
      ],
      [
        'UTF-8 without BOM mixed with Windows-1252',
        Buffer.concat([Buffer.from('customer,email,name\nÅkesson AB,a@ak.example,Åsa\n', 'utf8'), iconv.encode('Bæk A/S,s@baek.example,Søren\n', 'windows-1252')]),
        'mixes two encodings: most of it is UTF-8, but line 3 is not',
      ],
    ];
    for (const [, data, message] of cases) {
      const res = await preview(agent, data);
      expect(res.status).toBe(422);
      expect(res.text).toContain('id="file-error"');
      expect(res.text).toContain(message);
      expect(res.text).toContain('CSV UTF-8');
      expect(res.text).not.toContain('not a contacts CSV');
    }
    expect(await db.selectFrom('contact').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('contact_import_upload').selectAll().execute()).toEqual([]);
  });
});
