// zod's own English for a failed check ("Too big: expected string to have <=200 characters") is
// read back here and nowhere else, so a change in zod's wording is fixed in one place. Each
// audience then says it in its own words: `fieldMessage` for forms, the questionnaire editor's
// `issueMessage` for survey definitions.
type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** What zod found: a limit crossed, a value of the wrong type (or none), an option not offered, or a malformed text. */
export type ZodIssue =
  | { kind: 'atMostCharacters' | 'atLeastCharacters' | 'atMost' | 'atLeast' | 'atMostItems' | 'atLeastItems'; limit: number }
  | { kind: 'type'; expected: string; missing: boolean }
  | { kind: 'oneOf'; values: string[] }
  | { kind: 'invalid' };

const LIMITS: [RegExp, 'atMostCharacters' | 'atLeastCharacters' | 'atMost' | 'atLeast' | 'atMostItems' | 'atLeastItems'][] = [
  [/^Too big: expected string to have <=?(\d+) character/, 'atMostCharacters'],
  [/^Too small: expected string to have >=?(\d+) character/, 'atLeastCharacters'],
  [/^Too big: expected number to be <=?(-?[\d.]+)/, 'atMost'],
  [/^Too small: expected number to be >=?(-?[\d.]+)/, 'atLeast'],
  [/^Too big: expected array to have <=?(\d+) item/, 'atMostItems'],
  [/^Too small: expected array to have >=?(\d+) item/, 'atLeastItems'],
];

/** zod's English message read back; undefined for a message zod did not write. */
export function readZodMessage(message: string): ZodIssue | undefined {
  for (const [pattern, kind] of LIMITS) {
    const match = pattern.exec(message);
    if (match) return { kind, limit: Number(match[1]) };
  }
  const type = /^Invalid input: expected (\w+)(?:, received (\w+))?/.exec(message);
  if (type) return { kind: 'type', expected: type[1]!, missing: type[2] === 'undefined' };
  const option = /^Invalid option: expected one of (.+)$/.exec(message);
  if (option) return { kind: 'oneOf', values: option[1]!.split('|') };
  if (/^Invalid (?:input|string|email address|date|ISO date|URL)/.test(message)) return { kind: 'invalid' };
  return undefined;
}

// A form field's issue as a staff catalogue key.
function formKey(issue: ZodIssue): [string, Record<string, unknown>?] {
  switch (issue.kind) {
    case 'atMostCharacters':
      return ['common.issues.atMostCharacters', { count: issue.limit }];
    case 'atLeastCharacters':
      return ['common.issues.atLeastCharacters', { count: issue.limit }];
    case 'atMostItems':
      return ['common.issues.atMostItems', { count: issue.limit }];
    case 'atLeastItems':
      return ['common.issues.atLeastItems', { count: issue.limit }];
    case 'atMost':
      return ['common.issues.atMost', { max: issue.limit }];
    case 'atLeast':
      return ['common.issues.atLeast', { min: issue.limit }];
    case 'type':
      return [issue.expected === 'int' || issue.expected === 'number' ? 'common.issues.number' : 'common.issues.invalid'];
    case 'oneOf':
      return ['common.issues.chooseFromList'];
    case 'invalid':
      return ['common.issues.invalid'];
  }
}

/**
 * A field's message in the reader's language: a catalogue key translated, zod's own English
 * message as the catalogue says it, any other text as it is (also when the page's catalogue, a
 * respondent's, has no such key).
 */
export function fieldMessage(t: Translate, message: string): string {
  const own = t(message);
  if (own !== message) return own;
  const issue = readZodMessage(message);
  if (!issue) return message;
  const [key, vars] = formKey(issue);
  const text = t(key, vars);
  return text === key ? message : text;
}
