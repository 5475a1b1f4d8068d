/**
 * Reading the bytes of a contacts file as text, as Excel saves them: "CSV UTF-8" (with a BOM),
 * plain UTF-8, "Unicode text" (UTF-16 LE with a BOM, tab-separated), and "CSV" on Swedish, Danish
 * and other Western Windows (windows-1252, no BOM). Pure: no I/O.
 *
 * Nothing is ever replaced by U+FFFD: a byte that is not a character of the encoding read makes
 * the whole file an encoding problem, reported with its line, and nothing is imported.
 */
import * as chardet from 'chardet';
import iconv from 'iconv-lite';

/** The encodings a contacts file is read in, as shown to the user. */
export const FILE_ENCODINGS = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
} as const;
export type FileEncoding = keyof typeof FILE_ENCODINGS;

export type DecodedFile =
  | { ok: true; text: string; encoding: FileEncoding }
  /**
   * `encoding`: the file is text we cannot read right; `binary`: it is not text at all. `message`
   * is a staff catalogue key ('customers.encoding.…', each ending in what to do: save as "CSV
   * UTF-8") with its `vars`, so each reader sees it in their language and the API in English.
   */
  | { ok: false; problem: 'encoding' | 'binary'; message: string; vars?: Record<string, unknown> };

// What chardet names the Western single-byte encodings; all are read as windows-1252, which is
// ISO-8859-1 plus printable characters where ISO-8859-1 has invisible control codes.
const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252']);

/** The line (from 1) that byte `offset` is on. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return i;
    for (let k = 1; k < size; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += size;
  }
  return -1;
}

/** Whether the bytes hold at least one multi-byte UTF-8 character (so a UTF-8 editor touched them). */
function hasUtf8Sequence(bytes: Buffer): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0xc2 && b <= 0xf4 && (bytes[i + 1]! & 0xc0) === 0x80) {
      const size = b <= 0xdf ? 2 : b <= 0xef ? 3 : 4;
      let valid = i + size <= bytes.length;
      for (let k = 1; valid && k < size; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
      if (valid) return true;
    }
  }
  return false;
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** iconv-lite replaces what it cannot read; encoding the text again must give back the same bytes. */
function decodeExactly(bytes: Buffer, encoding: 'utf-16le' | 'utf-16be' | 'windows-1252'): string | undefined {
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  if (text.includes('\uFFFD') && !iconv.encode(text, encoding, { addBOM: false }).equals(bytes)) return undefined;
  return text;
}

/** UTF-16 without a BOM: nearly every other byte of a Western text is zero. */
function utf16WithoutBom(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.9 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.9 && oddZeros < pairs * 0.1) return 'utf-16be';
  return undefined;
}

// Control characters a text file does not have (tab, line feed, carriage return and form feed aside).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/**
 * A text of another script read as windows-1252 (Cyrillic in KOI8-R, Greek…) turns into runs
 * of accented letters: in Western names at most two accented letters stand together ("Größe").
 * True when most accented letters stand in runs of three or more.
 */
function looksLikeAnotherScript(text: string): boolean {
  let accented = 0;
  let inRuns = 0;
  for (const run of text.matchAll(/[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]+/g)) {
    accented += run[0].length;
    if (run[0].length >= 3) inRuns += run[0].length;
  }
  return accented >= 6 && inRuns > accented / 2;
}

function encodingProblem(message: string, vars: Record<string, unknown> = {}): DecodedFile {
  return { ok: false, problem: 'encoding', message, vars };
}

function checkedText(text: string, encoding: FileEncoding): DecodedFile {
  const body = text.replace(/^\uFEFF/, '');
  if (CONTROL.test(body)) return { ok: false, problem: 'binary', message: 'binary' };
  return { ok: true, text: body, encoding };
}

/**
 * Reads a contacts file's bytes as text: by its BOM when it has one (UTF-8, UTF-16 LE or BE),
 * else as UTF-8 when every byte is valid UTF-8, else in the encoding chardet recognises when
 * that is a Western one (read as windows-1252). Anything else, and any byte the chosen
 * encoding has no character for, is an encoding problem with a message saying what to do.
 */
export function decodeContactsFile(bytes: Buffer): DecodedFile {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeUtf8(bytes.subarray(3));
    if (text === undefined) {
      const line = lineAt(bytes, 3 + firstInvalidUtf8(bytes.subarray(3)));
      return encodingProblem('customers.encoding.utf8Mixed', { line });
    }
    return checkedText(text, 'utf-8');
  }
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  const utf16 = bom16 ?? (bytes.includes(0) ? utf16WithoutBom(bytes) : undefined);
  if (utf16) {
    const body = bytes.subarray(bom16 ? 2 : 0);
    const text = body.length % 2 === 0 ? decodeExactly(body, utf16) : undefined;
    if (text === undefined) return encodingProblem(utf16 === 'utf-16le' ? 'customers.encoding.utf16leDamaged' : 'customers.encoding.utf16beDamaged');
    return checkedText(text, utf16);
  }
  if (bytes.includes(0)) return { ok: false, problem: 'binary', message: 'binary' };

  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return checkedText(utf8, 'utf-8');
  // UTF-8 accents before the first byte that is not UTF-8: a UTF-8 file with rows from elsewhere.
  const invalidAt = firstInvalidUtf8(bytes);
  if (hasUtf8Sequence(bytes.subarray(0, invalidAt))) {
    const line = lineAt(bytes, invalidAt);
    return encodingProblem('customers.encoding.twoEncodings', { line });
  }
  const guess = chardet.detect(bytes);
  if (guess === null || !WESTERN.has(guess)) {
    return guess ? encodingProblem('customers.encoding.unreadableNamed', { encoding: guess }) : encodingProblem('customers.encoding.unreadable');
  }
  const text = decodeExactly(bytes, 'windows-1252');
  if (text === undefined) {
    const offset = bytes.findIndex((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d);
    return encodingProblem('customers.encoding.notWindows1252', { line: lineAt(bytes, offset) });
  }
  if (looksLikeAnotherScript(text)) return encodingProblem('customers.encoding.garbled');
  return checkedText(text, 'windows-1252');
}
