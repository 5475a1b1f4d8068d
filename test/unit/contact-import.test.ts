import { checkImportRows, detectDelimiter, NOT_CSV_MESSAGE, parseContactsCsv, rowsFromJson } from '../../src/customers/contact-import';

describe('reading a contacts CSV', () => {
  it('reads comma files and gives each row its line in the file', () => {
    const parsed = parseContactsCsv('customer,email\nAcme,a@acme.example\n\nBeta,b@beta.example\n');
    expect(parsed).toMatchObject({
      ok: true,
      errors: [],
      rows: [
        { line: 2, customer: 'Acme', email: 'a@acme.example' },
        { line: 4, customer: 'Beta', email: 'b@beta.example' },
      ],
    });
  });

  it('reads a BOM, semicolons, CRLF and quoted fields with delimiters, quotes and line breaks', () => {
    const text = '\uFEFFEmail;Customer;Name\r\nx@d.example;"Delta; Sons";"Multi\r\nline ""quoted"""\r\ny@d.example;Delta;Ytt\r\n';
    const parsed = parseContactsCsv(Buffer.from(text, 'utf8'));
    expect(parsed).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      columns: ['customer', 'email', 'name'],
      ok: true,
      errors: [],
      rows: [
        { line: 2, customer: 'Delta; Sons', email: 'x@d.example', name: 'Multi\nline "quoted"' },
        { line: 4, customer: 'Delta', email: 'y@d.example', name: 'Ytt' },
      ],
    });
  });

  it('detects the delimiter from the header, ignoring quoted text', () => {
    expect(detectDelimiter('customer;email;name')).toBe(';');
    expect(detectDelimiter('"a;b;c",customer,email')).toBe(',');
    expect(detectDelimiter('customer\temail\tname')).toBe('\t');
    expect(detectDelimiter('customer\t"a;b"\temail;x')).toBe('\t');
  });

  it('refuses binary data and files without a customer and email header; reads UTF-16 with a BOM', () => {
    expect(parseContactsCsv(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual({ ok: false, message: NOT_CSV_MESSAGE });
    expect(parseContactsCsv(Buffer.from('\uFEFFcustomer,email\n', 'utf16le'))).toMatchObject({ ok: true, encoding: 'utf-16le', rows: [] });
    expect(parseContactsCsv('name,phone\nAnna,123\n')).toEqual({ ok: false, message: NOT_CSV_MESSAGE });
    expect(parseContactsCsv('   \n')).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
  });

  it('reports a line with too many fields and an unclosed quote by line, keeping the rows before', () => {
    const parsed = parseContactsCsv('customer,email\nA,a@a.example,extra\nB,b@b.example\nC,"c@c.example\nD,d@d.example\n');
    expect(parsed).toMatchObject({
      ok: true,
      rows: [{ line: 3, customer: 'B' }],
      errors: [
        { line: 2, message: 'this line has 3 fields but the header has 2' },
        { line: 4, message: expect.stringContaining('never closed') },
      ],
    });
  });
  it('reads a file without quotes (split by lines) exactly as csv-parse reads it with quotes elsewhere', () => {
    // A small deterministic generator: headers, blank and space-only lines, too many fields, empty cells.
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const cells = ['Acme', ' Beta AB ', '', 'a@acme.example', 'sv', "O'Neil", '=1+2', 'Åsa', '\\', ' '];
    for (let file = 0; file < 300; file++) {
      const delimiter = [',', ';', '\t'][random(3)]!;
      const lines = [['customer', 'email', 'name'].join(delimiter)];
      for (let i = random(8); i > 0; i--) lines.push(Array.from({ length: random(5) }, () => cells[random(cells.length)]).join(delimiter));
      const text = lines.join(random(2) ? '\n' : '\r\n') + (random(2) ? '\n' : '');
      const plain = parseContactsCsv(text);
      // A last line with quotes (a blank record, skipped) sends the same rows through csv-parse.
      const quoted = parseContactsCsv(`${text}\n""\n`);
      if (!plain.ok || !quoted.ok) {
        expect(quoted.ok).toBe(plain.ok);
        continue;
      }
      expect({ rows: plain.rows, errors: plain.errors, columns: plain.columns, delimiter: plain.delimiter }).toEqual({
        rows: quoted.rows,
        errors: quoted.errors,
        columns: quoted.columns,
        delimiter: quoted.delimiter,
      });
    }
  });
});

describe('checking import rows', () => {
  it('rejects each kind of bad row with its reason and keeps the first of duplicate emails', () => {
    const { valid, errors } = checkImportRows([
      { line: 2, customer: 'A', email: 'One@A.example', language: 'SV', relationship: 'Trusted' },
      { line: 3, customer: 'A', email: ' ' },
      { line: 4, customer: 'A', email: 'nope' },
      { line: 5, customer: 'A', email: 'b@a.example', language: 'fi' },
      { line: 6, customer: 'A', email: 'c@a.example', relationship: 'friendly' },
      { line: 7, customer: '', email: 'd@a.example' },
      { line: 8, customer: 'A', email: 'one@a.example' },
    ]);
    expect(valid).toEqual([
      expect.objectContaining({ line: 2, email: 'one@a.example', language: 'sv', relationship: 'trusted' }),
    ]);
    // Each problem also carries its catalogue key and values, for pages in the reader's language.
    expect(errors[0]?.problem).toEqual({ key: 'customers.problem.missingEmail', vars: {} });
    expect(errors[5]?.problem).toEqual({ key: 'customers.problem.duplicateEmail', vars: { email: 'one@a.example', line: 2 } });
    expect(errors).toMatchObject([
      { line: 3, message: 'missing email' },
      { line: 4, message: 'invalid email "nope"' },
      { line: 5, message: expect.stringMatching(/^unknown language "fi"/) },
      { line: 6, message: expect.stringMatching(/^unknown relationship "friendly"/) },
      { line: 7, message: 'missing customer' },
      { line: 8, message: 'duplicate email one@a.example (already on line 2)' },
    ]);
  });

  it('takes JSON rows from an object or a bare array, numbering them from 1', () => {
    expect(rowsFromJson({ contacts: [{ customer: 'A', email: 'a@a.example', customer_ref: 17 }] })).toEqual({
      rows: [{ line: 1, customer: 'A', email: 'a@a.example', customer_ref: '17' }],
      errors: [],
    });
    expect(rowsFromJson([null, { customer: 'B', email: ['x'] }])).toMatchObject({
      rows: [],
      errors: [
        { line: 1, message: 'not an object with contact fields' },
        { line: 2, message: 'email must be a text' },
      ],
    });
    expect(rowsFromJson({ people: [] })).toBeUndefined();
  });
});
