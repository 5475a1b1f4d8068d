// Seeding through the app's public ways in: contacts as the CSV the import takes, a launched
// campaign, and the respondents' personal links read from the invitation mails the worker writes
// (without SMTP_URL the worker writes each mail as an .eml file).
import fs from 'node:fs';
import path from 'node:path';
import { CLI_JS, appEnv, sleep, startNode } from './processes';

const LANGUAGES = ['en', 'sv', 'da'];

/** A contacts CSV (the import's format) of `rows` contacts, `perCustomer` to a customer. */
export function contactsCsv(rows: number, options: { perCustomer?: number; prefix?: string } = {}): string {
  const perCustomer = options.perCustomer ?? 10;
  const prefix = options.prefix ?? 'c';
  const lines = ['customer,customer_ref,email,name,language,segment,region'];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(i / perCustomer);
    lines.push(`Customer ${c},R${c},${prefix}${i}@example.com,Contact ${i},${LANGUAGES[c % 3]},S${c % 5},R${c % 3}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `pds-loop worker` with the file transport until `expected` invitation mails are written,
 * then stops it; returns the personal-link tokens found in them.
 */
export async function sendInvitationsToFiles(dbFile: string, mailDir: string, expected: number): Promise<string[]> {
  fs.mkdirSync(mailDir, { recursive: true });
  const worker = startNode(CLI_JS, ['worker'], { role: 'server', env: appEnv(dbFile, { MAIL_DIR: mailDir, MAIL_RATE: '10000' }) });
  try {
    const until = Date.now() + 600_000;
    while (fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')).length < expected) {
      if (Date.now() > until) throw new Error(`the worker wrote fewer than ${expected} mails in 10 minutes:\n${worker.output()}`);
      await sleep(200);
    }
  } finally {
    await worker.stop();
  }
  const tokens = new Set<string>();
  for (const file of fs.readdirSync(mailDir)) {
    const raw = fs.readFileSync(path.join(mailDir, file), 'utf8').replace(/=\r?\n/g, '');
    const match = /\/s\/([A-Za-z0-9_-]{16,})/.exec(raw);
    if (match) tokens.add(match[1]!);
  }
  if (tokens.size < expected) throw new Error(`found ${tokens.size} personal links in ${expected} mails`);
  return [...tokens];
}

/** The form a respondent submits: every rating 4, NPS 9, three problems in own words, each rated problem 4/5. */
export function surveyForm(templateFile: string, pageHtml: string): Record<string, string> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as { sections: { questions: { id: string; type: string }[] }[] };
  const form: Record<string, string> = { action: 'submit', lang: 'en' };
  const field = (...parts: (string | number)[]) => ['a', ...parts].join('__');
  for (const q of template.sections.flatMap((s) => s.questions)) {
    if (q.type === 'rating') form[field(q.id)] = '4';
    if (q.type === 'nps') form[field(q.id)] = '9';
    if (q.type === 'text') form[field(q.id)] = 'Good work overall.';
    if (q.type === 'problem_list') {
      ['Deliveries arrive late', 'Invoices are hard to read', 'Slow support answers'].forEach((text, i) => {
        form[field(q.id, i, 'text')] = text;
        form[field(q.id, i, 'rank')] = String(i + 1);
      });
    }
    if (q.type === 'problem_rating') {
      // The rated categories are the catalogue's at launch: read them off the page.
      const pattern = new RegExp(`name="${field(q.id)}__(\\d+)__frequency"`, 'g');
      for (const [, category] of pageHtml.matchAll(pattern)) {
        form[field(q.id, category!, 'frequency')] = '4';
        form[field(q.id, category!, 'bother')] = '5';
      }
    }
  }
  return form;
}
