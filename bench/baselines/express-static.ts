// Baseline for the survey page: bare Express answering GET /s/<token> with the bytes the app
// served for one respondent (HTML_FILE), with Express's defaults (ETag included).
import fs from 'node:fs';
import express from 'express';

const html = fs.readFileSync(process.env.HTML_FILE!, 'utf8');
const app = express();
app.get('/s/:token', (_req, res) => {
  res.type('html').send(html);
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('READY'));
