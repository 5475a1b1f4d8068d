// Baseline for a survey submission: Express parses the same form body and stores it with one
// insert into a SQLite file in WAL mode with synchronous=FULL (the app's durability), then
// redirects like the app does.
import express from 'express';
import Database from 'better-sqlite3';

const db = new Database(process.env.DB_FILE!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('create table if not exists response (id integer primary key, token text not null, answers text not null, submitted_at text not null)');
const insert = db.prepare('insert into response (token, answers, submitted_at) values (?, ?, ?)');

const app = express();
app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));
app.post('/s/:token', (req, res) => {
  insert.run(req.params.token, JSON.stringify(req.body), new Date().toISOString());
  res.redirect(303, `/s/${req.params.token}`);
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('READY'));
