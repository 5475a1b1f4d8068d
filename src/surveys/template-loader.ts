import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { parseSurveyDefinition, type SurveyDefinition } from './survey-definition';

/** Thrown when a survey template cannot be loaded; the message has one line per problem. */
export class SurveyTemplateError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'));
    this.name = 'SurveyTemplateError';
  }
}

const SCHEMA_FILE = 'schema.json';

/**
 * Reads and validates every `*.json` template in `dir` (except schema.json), keyed by slug.
 * All files are checked before throwing, so one start-up shows every mistake at once.
 * @throws SurveyTemplateError
 */
export function loadSurveyTemplates(dir: string): Map<string, SurveyDefinition> {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
    .sort();
  const templates = new Map<string, SurveyDefinition>();
  const issues: string[] = [];
  if (files.length === 0) {
    issues.push(`${path.basename(dir)}: no survey templates (*.json) found`);
  }
  for (const name of files) {
    // Named like "surveys/pds.json" so the message points at the file to edit.
    const label = `${path.basename(dir)}/${name}`;
    const result = loadTemplateFile(path.join(dir, name), label);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const expectedSlug = name.slice(0, -'.json'.length);
    if (result.definition.slug !== expectedSlug) {
      issues.push(`${label}: slug: "${result.definition.slug}" must equal the file name "${expectedSlug}"`);
      continue;
    }
    templates.set(expectedSlug, result.definition);
  }
  if (issues.length > 0) {
    throw new SurveyTemplateError(issues);
  }
  return templates;
}

/** The file's JSON as written (`data`) and as validated (`definition`), or one line per problem. */
export type LoadResult = { ok: true; data: unknown; definition: SurveyDefinition } | { ok: false; issues: string[] };

/** Reads and validates one template file; `label` prefixes each problem line. */
export function loadTemplateFile(file: string, label: string): LoadResult {
  const text = fs.readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ok: false, issues: [`${label}: ${describeJsonError(text, err)}`] };
  }
  const parsed = parseSurveyDefinition(data);
  if (!parsed.success) {
    return { ok: false, issues: formatZodIssues(parsed.error, label) };
  }
  return { ok: true, data, definition: parsed.data };
}

// Node 20 reports only "at position N"; a line and column is what an editor can jump to.
function describeJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
  const position = /at position (\d+)/.exec(message);
  if (!position) {
    return `invalid JSON: ${reason}`;
  }
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${reason}`;
}

/** One line per issue: `<prefix>: <path>: <message>`, e.g. `sections[0].questions[2].text.sv: Required`. */
export function formatZodIssues(error: z.ZodError, prefix?: string): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    // List each unknown key at its own path, so typos like "maxitems" are easy to find.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(formatLine(prefix, [...issue.path, key], 'Unknown field'));
      }
    } else {
      lines.push(formatLine(prefix, issue.path, issue.message));
    }
  }
  return lines;
}

function formatLine(prefix: string | undefined, issuePath: readonly PropertyKey[], message: string): string {
  const where = formatPath(issuePath);
  return [prefix, where, message].filter((part) => part).join(': ');
}

function formatPath(issuePath: readonly PropertyKey[]): string {
  let out = '';
  for (const key of issuePath) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) {
      out += out ? `.${key}` : key;
    } else {
      out += `[${JSON.stringify(String(key))}]`;
    }
  }
  return out;
}
