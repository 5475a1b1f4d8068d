// A field whose schema gives no message of its own gets zod's English one ("Too big: expected
// string to have <=200 characters"). These are the ones a form can meet, as staff catalogue keys.
type Translate = (key: string, vars?: Record<string, unknown>) => string;

const RULES: [RegExp, (m: RegExpExecArray) => [string, Record<string, unknown>?]][] = [
  [/^Too big: expected string to have <=?(\d+) characters?$/, (m) => ['common.issues.atMostCharacters', { count: Number(m[1]) }]],
  [/^Too small: expected string to have >=?(\d+) characters?$/, (m) => ['common.issues.atLeastCharacters', { count: Number(m[1]) }]],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/, (m) => ['common.issues.atMost', { max: Number(m[1]) }]],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/, (m) => ['common.issues.atLeast', { min: Number(m[1]) }]],
  [/^Too big: expected array to have <=?(\d+) items?$/, (m) => ['common.issues.atMostItems', { count: Number(m[1]) }]],
  [/^Too small: expected array to have >=?(\d+) items?$/, (m) => ['common.issues.atLeastItems', { count: Number(m[1]) }]],
  [/^Invalid input: expected (?:int|number)/, () => ['common.issues.number']],
  [/^Invalid option: expected one of /, () => ['common.issues.chooseFromList']],
  [/^Invalid (?:input|string|email address|date|ISO date|URL)/, () => ['common.issues.invalid']],
];

/**
 * A field's message in the reader's language: a catalogue key translated, zod's own English
 * message as the catalogue says it, any other text as it is (also when the page's catalogue, a
 * respondent's, has no such key).
 */
export function fieldMessage(t: Translate, message: string): string {
  const own = t(message);
  if (own !== message) return own;
  for (const [pattern, toKey] of RULES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const [key, vars] = toKey(match);
    const text = t(key, vars);
    return text === key ? message : text;
  }
  return message;
}
