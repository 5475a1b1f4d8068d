import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSurveyTemplates, SurveyTemplateError } from '../../src/surveys/template-loader';

const SURVEYS_DIR = path.join(__dirname, '..', '..', 'surveys');

const text = (en: string) => ({ en, sv: `${en} (sv)`, da: `${en} (da)` });

function validTemplate(slug: string) {
  return {
    $schema: './schema.json',
    slug,
    version: 1,
    title: text('Test survey'),
    sections: [
      {
        id: 'main',
        title: text('Main'),
        questions: [
          { id: 'problems', type: 'problem_list', required: true, text: text('Which problems?') },
          { id: 'comments', type: 'text', text: text('Anything else?') },
        ],
      },
    ],
  };
}

const tempDirs: string[] = [];

/** Writes the files into a fresh `<tmp>/surveys` folder; strings are written as they are, objects as JSON. */
function surveysDir(files: Record<string, unknown>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-loop-templates-'));
  tempDirs.push(root);
  const dir = path.join(root, 'surveys');
  fs.mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

function loadError(dir: string): SurveyTemplateError {
  try {
    loadSurveyTemplates(dir);
  } catch (err) {
    if (err instanceof SurveyTemplateError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected loadSurveyTemplates to throw');
}

afterAll(() => {
  for (const dir of tempDirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('loadSurveyTemplates', () => {
  it('loads the three shipped templates keyed by slug and skips schema.json', () => {
    const templates = loadSurveyTemplates(SURVEYS_DIR);
    expect([...templates.keys()]).toEqual(['annual-pds', 'annual-satisfaction', 'pds']);
    expect(templates.get('pds')?.title.sv).toBe('Vilka problem ska vi lösa först?');
  });

  it('applies the schema defaults to the loaded templates', () => {
    const dir = surveysDir({ 'pds.json': validTemplate('pds') });
    const question = loadSurveyTemplates(dir).get('pds')?.sections[0]?.questions[0];
    expect(question).toMatchObject({ type: 'problem_list', maxItems: 5, minItems: 1 });
  });

  it('reports a missing translation with the file name and the path inside it', () => {
    const template = validTemplate('pds');
    const question = template.sections[0]!.questions[1]!;
    question.text = { en: 'Anything else?', da: 'Andet?' } as typeof question.text;
    const err = loadError(surveysDir({ 'pds.json': template }));
    expect(err.message).toBe('surveys/pds.json: sections[0].questions[1].text.sv: Required');
    expect(err.issues).toEqual([err.message]);
  });

  it('rejects a question id used twice, naming the path of the duplicate', () => {
    const template = validTemplate('pds');
    template.sections.push({ id: 'more', title: text('More'), questions: [{ id: 'comments', type: 'text', text: text('Again?') }] });
    const err = loadError(surveysDir({ 'pds.json': template }));
    expect(err.message).toBe(
      'surveys/pds.json: sections[1].questions[0].id: Duplicate question id "comments" (first used at sections[0].questions[1])',
    );
  });

  it('rejects a template whose slug differs from its file name', () => {
    const err = loadError(surveysDir({ 'annual.json': validTemplate('annual-2026') }));
    expect(err.message).toBe('surveys/annual.json: slug: "annual-2026" must equal the file name "annual"');
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const err = loadError(surveysDir({ 'pds.json': '{\n  "slug": "pds",\n  "version" 1\n}\n' }));
    expect(err.message).toMatch(/^surveys\/pds\.json: invalid JSON at line 3, column 13: /);
  });

  it('reports an empty file as invalid JSON', () => {
    const err = loadError(surveysDir({ 'pds.json': '' }));
    expect(err.message).toBe('surveys/pds.json: invalid JSON: Unexpected end of JSON input');
  });

  it('reports the problems of every bad file at once, one line each', () => {
    const noTitle: Record<string, unknown> = validTemplate('b');
    delete noTitle.title;
    const err = loadError(
      surveysDir({ 'a.json': '{ oops }', 'b.json': noTitle, 'c.json': validTemplate('c'), 'schema.json': '{ not a template' }),
    );
    expect(err.issues).toHaveLength(2);
    expect(err.issues[0]).toMatch(/^surveys\/a\.json: invalid JSON at line 1, column 3: /);
    expect(err.issues[1]).toBe('surveys/b.json: title: Required');
    expect(err.message).toBe(err.issues.join('\n'));
  });

  it('ignores files that are not JSON', () => {
    const templates = loadSurveyTemplates(surveysDir({ 'pds.json': validTemplate('pds'), 'README.md': '# notes' }));
    expect([...templates.keys()]).toEqual(['pds']);
  });

  it('refuses a folder without templates', () => {
    const err = loadError(surveysDir({ 'schema.json': '{}' }));
    expect(err.message).toBe('surveys: no survey templates (*.json) found');
  });
});
