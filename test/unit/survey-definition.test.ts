import fs from 'node:fs';
import path from 'node:path';
import { renderSurveyJsonSchema } from '../../scripts/generate-survey-schema';
import {
  allQuestions,
  LANGUAGES,
  parseSurveyDefinition,
  type Question,
  type SurveyDefinition,
} from '../../src/surveys/survey-definition';
import { formatZodIssues } from '../../src/surveys/template-loader';

const SURVEYS_DIR = path.join(__dirname, '..', '..', 'surveys');
const SHIPPED = ['annual-satisfaction', 'pds', 'annual-pds'];

const text = (en: string) => ({ en, sv: `${en} (sv)`, da: `${en} (da)` });

function template(questions: unknown[], extra: Record<string, unknown> = {}) {
  return { slug: 'test', version: 1, title: text('Test'), sections: [{ id: 'main', title: text('Main'), questions }], ...extra };
}

function parseOk(data: unknown): SurveyDefinition {
  const result = parseSurveyDefinition(data);
  if (!result.success) {
    throw new Error(formatZodIssues(result.error).join('\n'));
  }
  return result.data;
}

function issuesOf(data: unknown): string[] {
  const result = parseSurveyDefinition(data);
  if (result.success) {
    throw new Error('expected the definition to be rejected');
  }
  return formatZodIssues(result.error);
}

function readShipped(slug: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, `${slug}.json`), 'utf8'));
}

function question<T extends Question['type']>(def: SurveyDefinition, id: string, type: T): Extract<Question, { type: T }> {
  const found = allQuestions(def).find((q) => q.id === id);
  if (!found || found.type !== type) {
    throw new Error(`no ${type} question ${id}`);
  }
  return found as Extract<Question, { type: T }>;
}

describe('shipped survey templates', () => {
  it.each(SHIPPED)('%s validates against the schema', (slug) => {
    expect(parseOk(readShipped(slug)).slug).toBe(slug);
  });

  it.each(SHIPPED)('%s has every text in English, Swedish and Danish', (slug) => {
    const def = parseOk(readShipped(slug));
    for (const q of allQuestions(def)) {
      expect(Object.keys(q.text).sort()).toEqual([...LANGUAGES].sort());
    }
  });

  it('annual-satisfaction rates overall satisfaction, NPS, every touchpoint and open comments', () => {
    const def = parseOk(readShipped('annual-satisfaction'));
    expect(question(def, 'overall_satisfaction', 'rating').required).toBe(true);
    expect(question(def, 'nps', 'nps').type).toBe('nps');
    expect(question(def, 'comments', 'text').multiline).toBe(true);
    const touchpoints = allQuestions(def).flatMap((q) => (q.type === 'rating' && q.touchpoint ? [q.touchpoint] : []));
    expect(touchpoints).toEqual(['ordering', 'delivery', 'invoicing', 'support', 'pace', 'reliability', 'care']);
  });

  it('pds asks for up to five ranked problems and rates active catalogue problems on 1-5', () => {
    const def = parseOk(readShipped('pds'));
    const problems = question(def, 'problems', 'problem_list');
    expect(problems).toMatchObject({ maxItems: 5, minItems: 1, required: true });
    const rating = question(def, 'problem_rating', 'problem_rating');
    expect(rating).toMatchObject({ categories: 'active', scale: '1-5' });
  });

  it('annual-pds asks exactly the questions of annual-satisfaction and pds, worded the same', () => {
    const combined = allQuestions(parseOk(readShipped('annual-pds')));
    const parts = [...allQuestions(parseOk(readShipped('annual-satisfaction'))), ...allQuestions(parseOk(readShipped('pds')))];
    expect(combined.map((q) => q.id).sort()).toEqual(parts.map((q) => q.id).sort());
    for (const q of combined) {
      expect(q).toEqual(parts.find((p) => p.id === q.id));
    }
  });

  it('surveys/schema.json is up to date with the zod schema', () => {
    const committed = fs.readFileSync(path.join(SURVEYS_DIR, 'schema.json'), 'utf8');
    expect(committed).toBe(renderSurveyJsonSchema());
  });
});

describe('parseSurveyDefinition', () => {
  it('gives a problem_list 5 items at most and none required by default', () => {
    const def = parseOk(template([{ id: 'problems', type: 'problem_list', text: text('Problems?') }]));
    expect(question(def, 'problems', 'problem_list')).toMatchObject({
      maxItems: 5,
      minItems: 0,
      required: false,
      allowOwnWords: true,
      allowCatalogue: true,
      maxLength: 500,
    });
  });

  it('requires at least one problem when the problem_list is required', () => {
    const def = parseOk(template([{ id: 'problems', type: 'problem_list', required: true, text: text('Problems?') }]));
    expect(question(def, 'problems', 'problem_list').minItems).toBe(1);
  });

  it('rejects a problem_list whose minItems exceeds maxItems', () => {
    const issues = issuesOf(template([{ id: 'problems', type: 'problem_list', text: text('P'), maxItems: 2, minItems: 3 }]));
    expect(issues).toEqual(['sections[0].questions[0].minItems: Must not exceed maxItems (2)']);
  });

  it('fills in the documented defaults of the other question types', () => {
    const def = parseOk(
      template([
        { id: 'r', type: 'rating', text: text('R'), labels: { low: text('Low'), high: text('High') } },
        { id: 'n', type: 'nps', text: text('N') },
        { id: 'c', type: 'choice', text: text('C'), options: [{ id: 'a', text: text('A') }, { id: 'b', text: text('B') }] },
        { id: 't', type: 'text', text: text('T') },
        { id: 'pr', type: 'problem_rating', text: text('PR'), categories: [3, 7], scale: 'yes_no' },
      ]),
    );
    expect(question(def, 'r', 'rating')).toMatchObject({ scale: 5, required: false, allowNotApplicable: false });
    expect(question(def, 'n', 'nps').labels.high.en).toBe('Extremely likely');
    expect(question(def, 'c', 'choice').multiple).toBe(false);
    expect(question(def, 't', 'text')).toMatchObject({ multiline: false, maxLength: 2000 });
    expect(question(def, 'pr', 'problem_rating')).toMatchObject({
      categories: [3, 7],
      frequentText: { en: 'Does this happen often?' },
      botherText: { en: 'How much does it bother you?' },
    });
  });

  it('gives the same result when a parsed definition is parsed again, so snapshots stay valid', () => {
    const def = parseOk(readShipped('annual-pds'));
    expect(parseOk(JSON.parse(JSON.stringify(def)))).toEqual(def);
  });

  it('reports a missing translation with its path', () => {
    const bad = template([{ id: 'q', type: 'text', text: { en: 'Hello', da: 'Hej' } }]);
    expect(issuesOf(bad)).toEqual(['sections[0].questions[0].text.sv: Required']);
  });

  it('reports an empty translation', () => {
    const bad = template([{ id: 'q', type: 'text', text: { en: 'Hello', sv: '  ', da: 'Hej' } }]);
    expect(issuesOf(bad)).toEqual(['sections[0].questions[0].text.sv: Must not be empty']);
  });

  it('rejects a question id used twice in the template, pointing at the second use', () => {
    const bad = template([], {
      sections: [
        { id: 'one', title: text('One'), questions: [{ id: 'same', type: 'text', text: text('A') }] },
        { id: 'two', title: text('Two'), questions: [{ id: 'same', type: 'text', text: text('B') }] },
      ],
    });
    expect(issuesOf(bad)).toEqual([
      'sections[1].questions[0].id: Duplicate question id "same" (first used at sections[0].questions[0])',
    ]);
  });

  it('rejects duplicate choice option ids', () => {
    const bad = template([
      { id: 'c', type: 'choice', text: text('C'), options: [{ id: 'a', text: text('A') }, { id: 'a', text: text('B') }] },
    ]);
    expect(issuesOf(bad)).toEqual(['sections[0].questions[0].options[1].id: Duplicate option id "a"']);
  });

  it('rejects ids that are not lower-case slugs', () => {
    const bad = template([{ id: 'Overall-Satisfaction', type: 'text', text: text('A') }]);
    expect(issuesOf(bad)).toEqual([
      'sections[0].questions[0].id: Must start with a-z and contain only a-z, 0-9 and _',
    ]);
  });

  it('names the allowed types when a question type is unknown', () => {
    const bad = template([{ id: 'q', type: 'slider', text: text('A') }]);
    expect(issuesOf(bad)).toEqual([
      'sections[0].questions[0].type: Must be one of "rating", "nps", "choice", "text", "problem_list", "problem_rating"',
    ]);
  });

  it('reports a question without a type as missing its type', () => {
    expect(issuesOf(template([{ id: 'q', text: text('A') }]))).toEqual(['sections[0].questions[0].type: Required']);
  });

  it('reports a misspelt field as unknown instead of ignoring it', () => {
    const bad = template([{ id: 'p', type: 'problem_list', text: text('P'), maxitems: 3 }]);
    expect(issuesOf(bad)).toEqual(['sections[0].questions[0].maxitems: Unknown field']);
  });

  it('rejects problem_rating categories that are not "active" or positive catalogue ids', () => {
    const bad = template([{ id: 'pr', type: 'problem_rating', text: text('PR'), categories: [0], scale: '1-5' }]);
    expect(issuesOf(bad)[0]).toMatch(/^sections\[0\]\.questions\[0\]\.categories/);
  });

  it('rejects a rating scale outside 2..10', () => {
    const bad = template([{ id: 'r', type: 'rating', text: text('R'), scale: 11, labels: { low: text('L'), high: text('H') } }]);
    expect(issuesOf(bad)).toHaveLength(1);
    expect(issuesOf(bad)[0]).toMatch(/^sections\[0\]\.questions\[0\]\.scale: /);
  });
});

describe('allQuestions', () => {
  it('lists the questions of every section in order', () => {
    const def = parseOk(readShipped('annual-pds'));
    expect(allQuestions(def).map((q) => q.id)).toEqual([
      'overall_satisfaction',
      'nps',
      'rating_ordering',
      'rating_delivery',
      'rating_invoicing',
      'rating_support',
      'rating_pace',
      'rating_reliability',
      'rating_care',
      'problems',
      'problem_rating',
      'comments',
    ]);
  });
});
