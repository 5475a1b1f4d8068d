/**
 * Writes surveys/schema.json from the zod schema, so editors can check and complete templates.
 * Usage: generate-survey-schema [output file]   (default: surveys/schema.json under the working directory)
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SurveyDefinition } from '../src/surveys/survey-definition';

/** The JSON Schema text for survey templates, exactly as committed in surveys/schema.json. */
export function renderSurveyJsonSchema(): string {
  // io 'input' keeps fields with defaults optional, as they are in the files people write.
  // draft-07 has the widest editor support.
  const schema = z.toJSONSchema(SurveyDefinition, { io: 'input', target: 'draft-07' });
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema, title: 'PDS Loop survey template', ...rest }, null, 2)}\n`;
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? 'surveys/schema.json');
  fs.writeFileSync(out, renderSurveyJsonSchema());
  console.log(`wrote ${out}`);
}
