// Baseline for the survey page: Express renders one precompiled EJS template (no includes) to a
// page of the same size as the app's, after one SQLite lookup of the respondent by token hash.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import express from 'express';
import Database from 'better-sqlite3';

const VIEWS = path.resolve(__dirname, '../../../bench/baselines');
const tokens = JSON.parse(fs.readFileSync(process.env.TOKENS_FILE!, 'utf8')) as string[];
const targetBytes = Number(process.env.TARGET_BYTES);

const db = new Database(process.env.DB_FILE!);
db.pragma('journal_mode = WAL');
db.exec('create table if not exists invitation (token_hash text primary key, respondent text not null, customer text not null, language text not null)');
const insert = db.prepare('insert or ignore into invitation (token_hash, respondent, customer, language) values (?, ?, ?, ?)');
db.transaction(() => tokens.forEach((t, i) => insert.run(crypto.createHash('sha256').update(t).digest('hex'), `Contact ${i}`, `Customer ${i} & Co`, 'en')))();
const find = db.prepare('select respondent, customer, language from invitation where token_hash = ?');

function questions(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `q${i}`,
    text: `How satisfied are you with "our work" in area ${i}?`,
    help: 'Think of the last twelve months. 1 means not at all, 5 means completely.',
    options: ['1', '2', '3', '4', '5'].map((value) => ({ value, label: `${value} <of 5>` })),
  }));
}

// As many questions as make the page as large as the app's.
const templateFile = path.join(VIEWS, 'survey-page.ejs');
const render = ejs.compile(fs.readFileSync(templateFile, 'utf8'), { filename: templateFile });
const sample = { respondent: 'Contact 0', customer: 'Customer 0 & Co', token: tokens[0], csrf: 'x'.repeat(43) };
const perQuestion = Buffer.byteLength(render({ ...sample, questions: questions(11) })) - Buffer.byteLength(render({ ...sample, questions: questions(10) }));
const base = Buffer.byteLength(render({ ...sample, questions: questions(0) }));
const page = questions(Math.max(1, Math.round((targetBytes - base) / perQuestion)));

const app = express();
app.set('views', VIEWS);
app.set('view engine', 'ejs');
app.set('view cache', true);
app.get('/s/:token', (req, res) => {
  const row = find.get(crypto.createHash('sha256').update(req.params.token).digest('hex')) as { respondent: string; customer: string } | undefined;
  if (!row) return res.status(404).send('not found');
  res.render('survey-page', { ...row, token: req.params.token, csrf: crypto.createHmac('sha256', 'k').update(req.params.token).digest('base64url'), questions: page });
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('READY'));
