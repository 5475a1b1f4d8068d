import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import type { Actor } from '../auth/user';
import { AppError } from '../shared/errors';
import { loadTemplateFile } from '../surveys/template-loader';
import type { SurveyDefinition } from '../surveys/survey-definition';
import { hasNoQuestionnaires, importQuestionnaireDefinition, loadPublishedTemplates, type TemplateRegistry } from './questionnaire.service';

const SCHEMA_FILE = 'schema.json';

/** The template files of a folder (or the one file given), sorted, without schema.json. */
function templateFiles(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target)
    .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
    .sort()
    .map((name) => path.join(target, name));
}

function labelOf(file: string): string {
  return `${path.basename(path.dirname(file))}/${path.basename(file)}`;
}

/** The shipped template files as written, by slug (only the valid ones). */
export function readShippedTemplates(dir: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const file of templateFiles(dir)) {
    const result = loadTemplateFile(file, labelOf(file));
    if (result.ok) out.set(result.definition.slug, result.data as Record<string, unknown>);
  }
  return out;
}

export interface ImportReport {
  /** One line per file: what happened, or each problem by file and field. */
  lines: string[];
  failed: number;
}

/**
 * Imports every template file of a folder, or one file, as published questionnaire versions.
 * Every file is tried; a file that fails validation is reported by file and field and skipped.
 */
export async function importQuestionnaireFiles(db: Db, actor: Actor, target: string, now: Date): Promise<ImportReport> {
  const report: ImportReport = { lines: [], failed: 0 };
  if (!fs.existsSync(target)) return { lines: [`${target}: no such file or folder`], failed: 1 };
  for (const file of templateFiles(target)) {
    const label = labelOf(file);
    const result = loadTemplateFile(file, label);
    if (!result.ok) {
      report.lines.push(...result.issues);
      report.failed += 1;
      continue;
    }
    try {
      const { slug, outcome } = await importQuestionnaireDefinition(db, actor, result.data, now);
      report.lines.push(`${label}: ${slug} ${outcome === 'created' ? 'imported' : outcome === 'new version' ? `version ${result.definition.version} imported` : 'unchanged'}`);
    } catch (error) {
      if (!(error instanceof AppError) || !error.expose) throw error;
      report.lines.push(`${label}: ${error.message}`);
      report.failed += 1;
    }
  }
  return report;
}

/**
 * At start-up: on the first start (no questionnaire stored) the shipped templates are imported;
 * then the published questionnaires are what campaigns launch with. Without any (an import
 * failed), the templates read from the files are used as before.
 */
export async function startingTemplates(db: Db, actor: Actor, surveysDir: string, fromFiles: ReadonlyMap<string, SurveyDefinition>, now: Date): Promise<TemplateRegistry> {
  if (await hasNoQuestionnaires(db)) await importQuestionnaireFiles(db, actor, surveysDir, now);
  const published = await loadPublishedTemplates(db);
  return published.size ? published : new Map(fromFiles);
}
