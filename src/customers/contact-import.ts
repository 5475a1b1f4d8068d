/**
 * Contacts import rules, shared by the CSV upload page and `POST /api/v1/contacts`.
 * Pure: reading the file and checking each row does no I/O; the service matches and saves.
 */
import { parse } from 'csv-parse/sync';
import { isEmailAddress } from '../shared/email';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, translate, type Language } from '../shared/languages';
import { isRelationship, normalizeEmail, RELATIONSHIPS, type Relationship } from './customer';
import { decodeContactsFile, type FileEncoding } from './contact-import-encoding';

export const IMPORT_COLUMNS = ['customer', 'customer_ref', 'email', 'name', 'language', 'segment', 'region', 'kam_email', 'relationship'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One row as it came in: `line` is its line in the file (or its position in a JSON array, from 1). */
export type ImportRowInput = { line: number } & Partial<Record<ImportColumn, string>>;

/** A row that passed every check that needs no database. */
export interface CheckedRow {
  line: number;
  customer: string;
  customerRef: string | null;
  email: string;
  name: string | null;
  language: Language | null;
  segment: string | null;
  region: string | null;
  kamEmail: string | null;
  relationship: Relationship | null;
}

/** What is wrong with a row: a staff catalogue key ('customers.problem.…') and its values, so each reader sees it in their language. */
export interface RowProblem {
  key: string;
  vars: Record<string, unknown>;
}

export interface RowError {
  line: number;
  /** The problem in English, as the API and the logs say it. */
  message: string;
  problem: RowProblem;
}

const english = translate(DEFAULT_LANGUAGE, 'staff');

/** A row's problem with its English text. */
export function rowProblem(key: string, vars: Record<string, unknown> = {}): { message: string; problem: RowProblem } {
  return { message: english(key, vars), problem: { key, vars } };
}

function rowError(line: number, key: string, vars: Record<string, unknown> = {}): RowError {
  return { line, ...rowProblem(key, vars) };
}

export type ParsedCsv =
  | {
      ok: true;
      rows: ImportRowInput[];
      errors: RowError[];
      /** The file as text (what was read, before line endings were unified). */
      text: string;
      encoding: FileEncoding | undefined;
      delimiter: Delimiter;
      columns: ImportColumn[];
    }
  | { ok: false; message: string; vars?: Record<string, unknown> };

/** A file that is no contacts CSV: the staff catalogue's key (the page says it in its reader's language, the API in English). */
export const NOT_CSV_MESSAGE = 'customers.import.notCsv';
/** An empty file. */
export const EMPTY_FILE_MESSAGE = 'customers.import.empty';

const MAX_LENGTH = 200;

/** The charsets a CSV posted to the API may declare besides UTF-8 (Excel's "CSV" on Windows is windows-1252). */
const DECLARED_CHARSETS = new Set(['utf-8', 'utf8', 'windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'iso-8859-15']);

export type DecodedCsv = { ok: true; text: string; encoding: FileEncoding } | { ok: false; message: string; vars?: Record<string, unknown> };

/** A file's bytes as text (see decodeContactsFile), with the message the user sees when they are not. */
export function decodeCsvFile(bytes: Buffer): DecodedCsv {
  const decoded = decodeContactsFile(bytes);
  if (decoded.ok) return decoded;
  return decoded.problem === 'binary' ? { ok: false, message: NOT_CSV_MESSAGE } : { ok: false, message: decoded.message, vars: decoded.vars ?? {} };
}

/**
 * Decodes a CSV body sent with `Content-Type: text/csv[; charset=…]`: in the declared charset,
 * strictly, so no byte is ever replaced by U+FFFD; without a charset, detected as for an uploaded
 * file (UTF-8 with or without BOM, UTF-16 with BOM, windows-1252).
 */
export function decodeCsvBody(body: Buffer, declaredCharset: string | undefined): DecodedCsv {
  if (declaredCharset === undefined) return decodeCsvFile(body);
  const charset = declaredCharset.trim().toLowerCase();
  if (!DECLARED_CHARSETS.has(charset)) {
    return { ok: false, message: `The charset "${charset}" is not supported. Send the CSV as UTF-8 or windows-1252 (say so in the Content-Type), or leave the charset out to have it detected. Nothing was imported.` };
  }
  const isUtf8 = charset === 'utf-8' || charset === 'utf8';
  if (isUtf8 && body.includes(0)) return { ok: false, message: NOT_CSV_MESSAGE };
  try {
    const text = new TextDecoder(isUtf8 ? 'utf-8' : charset, { fatal: true }).decode(body);
    return { ok: true, text, encoding: isUtf8 ? 'utf-8' : 'windows-1252' };
  } catch {
    return {
      ok: false,
      message: isUtf8
        ? 'The CSV is not valid UTF-8 (it looks like another encoding, such as windows-1252). Save it as "CSV UTF-8", send it with "Content-Type: text/csv; charset=windows-1252", or leave the charset out to have it detected. Nothing was imported.'
        : `The CSV is not valid ${charset}. Nothing was imported.`,
    };
  }
}

export type Delimiter = ',' | ';' | '\t';

/** The header's delimiter: whichever of comma, semicolon and tab the first line has most of outside quotes (comma on a tie). */
export function detectDelimiter(firstLine: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

type CsvRecord = { line: number; fields: string[] };

/** The records of the text (line endings unified to \n) with the line each starts on; undefined when csv-parse gives up. */
function readRecords(text: string, delimiter: Delimiter): { records: CsvRecord[]; errors: RowError[] } | undefined {
  const records: CsvRecord[] = [];
  const errors: RowError[] = [];
  if (!text.includes('"')) {
    // Without quotes each line is one record and each delimiter ends a field: exactly what
    // csv-parse reads then (test/unit/contact-import.test.ts), at a tenth of its cost, which was
    // most of a large import's time.
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((line, i) => records.push({ line: i + 1, fields: line.split(delimiter) }));
    return { records, errors };
  }
  let lastLine = 0;
  try {
    parse(text, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      on_record: (record: string[], context: { lines: number }) => {
        records.push({ line: lastLine + 1, fields: record });
        lastLine = context.lines;
        return null;
      },
      on_skip: (error: { code?: string; lines?: number } | undefined) => {
        const line = lastLine + 1;
        errors.push(rowError(line, error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'customers.problem.quoteNotClosed' : 'customers.problem.unreadable'));
        lastLine = error?.lines ?? line;
      },
    });
  } catch {
    return undefined;
  }
  return { records, errors };
}

/**
 * Reads a contacts CSV: bytes in any encoding decodeContactsFile reads (a string is taken as
 * it is), comma, semicolon or tab (detected from the header line), quoted fields, a header row
 * naming at least `customer` and `email` (any order, any case; unknown columns are ignored).
 * Blank lines are skipped. Line numbers are those of the file, so a quoted field spanning lines
 * gives its row the line it starts on.
 */
export function parseContactsCsv(input: Buffer | string, textEncoding?: FileEncoding): ParsedCsv {
  let decoded: string;
  let encoding = textEncoding;
  if (typeof input === 'string') decoded = input;
  else {
    const file = decodeCsvFile(input);
    if (!file.ok) return file;
    decoded = file.text;
    encoding = file.encoding;
  }
  // One line ending for the parser, so line numbers count the same on every platform.
  const text = decoded.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, message: EMPTY_FILE_MESSAGE };

  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = detectDelimiter(firstLine);
  const read = readRecords(text, delimiter);
  if (!read) return { ok: false, message: NOT_CSV_MESSAGE };
  const { records, errors } = read;

  const nonEmpty = (fields: string[]) => fields.some((f) => f.trim() !== '');
  const headerIndex = records.findIndex((r) => nonEmpty(r.fields));
  const header = records[headerIndex]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (!header.includes('customer') || !header.includes('email')) return { ok: false, message: NOT_CSV_MESSAGE };
  const positions = new Map<ImportColumn, number>();
  for (const column of IMPORT_COLUMNS) {
    const at = header.indexOf(column);
    if (at !== -1) positions.set(column, at);
  }

  const rows: ImportRowInput[] = [];
  for (const record of records.slice(headerIndex + 1)) {
    if (!nonEmpty(record.fields)) continue;
    if (record.fields.length > header.length) {
      errors.push(rowError(record.line, 'customers.problem.tooManyFields', { fields: record.fields.length, header: header.length }));
      continue;
    }
    const row: ImportRowInput = { line: record.line };
    for (const [column, at] of positions) row[column] = record.fields[at];
    rows.push(row);
  }
  const headerLine = records[headerIndex]?.line ?? 0;
  return { ok: true, rows, errors: errors.filter((e) => e.line > headerLine).sort((a, b) => a.line - b.line), text: decoded, encoding, delimiter, columns: [...positions.keys()] };
}

/**
 * Reads the rows of a JSON import: `{ "contacts": [ … ] }` or a bare array of objects with the
 * CSV's column names. Returns undefined when the body has neither shape.
 */
export function rowsFromJson(body: unknown): { rows: ImportRowInput[]; errors: RowError[] } | undefined {
  const list = Array.isArray(body) ? body : (body as { contacts?: unknown } | null)?.contacts;
  if (!Array.isArray(list)) return undefined;
  const rows: ImportRowInput[] = [];
  const errors: RowError[] = [];
  list.forEach((item: unknown, index) => {
    const line = index + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errors.push(rowError(line, 'customers.problem.notObject'));
      return;
    }
    const row: ImportRowInput = { line };
    for (const column of IMPORT_COLUMNS) {
      const value = (item as Record<string, unknown>)[column];
      if (typeof value === 'string') row[column] = value;
      else if (typeof value === 'number' && Number.isFinite(value)) row[column] = String(value);
      else if (value !== undefined && value !== null) {
        errors.push(rowError(line, 'customers.problem.notText', { column }));
        return;
      }
    }
    rows.push(row);
  });
  return { rows, errors };
}

const blankToNull = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** Checks one row on its own. Returns the first problem found, as shown to the user. */
export function checkImportRow(row: ImportRowInput): { ok: true; row: CheckedRow } | ({ ok: false } & ReturnType<typeof rowProblem>) {
  const customer = blankToNull(row.customer);
  const rawEmail = blankToNull(row.email);
  const language = blankToNull(row.language)?.toLowerCase() ?? null;
  const relationship = blankToNull(row.relationship)?.toLowerCase() ?? null;
  const kamEmail = blankToNull(row.kam_email);
  if (!customer) return { ok: false, ...rowProblem('customers.problem.missingCustomer') };
  if (!rawEmail) return { ok: false, ...rowProblem('customers.problem.missingEmail') };
  const email = normalizeEmail(rawEmail);
  if (!isEmailAddress(email)) return { ok: false, ...rowProblem('customers.problem.invalidEmail', { email: rawEmail }) };
  if (language !== null && !isLanguage(language)) {
    return { ok: false, ...rowProblem('customers.problem.unknownLanguage', { language, languages: LANGUAGES.join(', ') }) };
  }
  if (relationship !== null && !isRelationship(relationship)) {
    return { ok: false, ...rowProblem('customers.problem.unknownRelationship', { relationship, relationships: RELATIONSHIPS.join(', ') }) };
  }
  if (kamEmail !== null && !isEmailAddress(kamEmail)) {
    return { ok: false, ...rowProblem('customers.problem.invalidKam', { email: kamEmail }) };
  }
  const texts = { customer, customer_ref: row.customer_ref, name: row.name, segment: row.segment, region: row.region };
  for (const [column, value] of Object.entries(texts)) {
    if ((value?.trim().length ?? 0) > MAX_LENGTH) return { ok: false, ...rowProblem('customers.problem.tooLong', { column, max: MAX_LENGTH }) };
  }
  return {
    ok: true,
    row: {
      line: row.line,
      customer,
      customerRef: blankToNull(row.customer_ref),
      email,
      name: blankToNull(row.name),
      language: language as Language | null,
      segment: blankToNull(row.segment),
      region: blankToNull(row.region),
      kamEmail: kamEmail && normalizeEmail(kamEmail),
      relationship: relationship as Relationship | null,
    },
  };
}

/**
 * Checks every row and rejects a second row with an email already seen in the same import
 * (the first one is kept), so a file never decides the same contact twice.
 */
export function checkImportRows(rows: ImportRowInput[]): { valid: CheckedRow[]; errors: RowError[] } {
  const valid: CheckedRow[] = [];
  const errors: RowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const checked = checkImportRow(row);
    if (!checked.ok) {
      errors.push({ line: row.line, message: checked.message, problem: checked.problem });
      continue;
    }
    const seen = firstLineOf.get(checked.row.email);
    if (seen !== undefined) {
      errors.push(rowError(row.line, 'customers.problem.duplicateEmail', { email: checked.row.email, line: seen }));
      continue;
    }
    firstLineOf.set(checked.row.email, row.line);
    valid.push(checked.row);
  }
  return { valid, errors };
}

/** Rows of one file that name the same customer: by customer_ref when given, else by name. */
export function customerKey(row: Pick<CheckedRow, 'customer' | 'customerRef'>): string {
  return row.customerRef ? `ref:${row.customerRef}` : `name:${row.customer.toLowerCase()}`;
}

/**
 * The sample file offered for download: every column, names with å ä ö æ ø, semicolons (what
 * Excel on Swedish and Danish Windows separates with) and a BOM, so Excel opens it as UTF-8.
 */
export function sampleContactsCsv(): Buffer {
  const lines = [
    IMPORT_COLUMNS.join(';'),
    'Åkesson Maskin AB;C-1001;asa.lind@akesson.example;Åsa Lind;sv;Industry;North;;strategic',
    'Åkesson Maskin AB;C-1001;goran.ohman@akesson.example;Göran Öhman;sv;Industry;North;;strategic',
    'Bæk & Søn A/S;C-1002;soren@baek.example;Søren Bæk;da;Retail;Denmark;;support',
    'Northwind Ltd;C-1003;jane.doe@northwind.example;Jane Doe;en;Logistics;UK;;advisory',
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
