import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { migrateToLatest, openDatabase } from '../../src/db/database';
import { enqueueMails, type NewMail } from '../../src/mail/outbox.repository';
import { MailWorker } from '../../src/jobs/mail-worker';
import { smtpTransport } from '../../src/mail/transport';
import { startSmtpSink } from '../support/smtp-sink';
const N = Number(process.env.N ?? 3000);
function message(i: number): NewMail {
  return { kind: 'bench', to: `bench${i}@example.com`, toName: `Bench ${i}`, subject: `Benchmark mail ${i}`, text: `Hello ${i},\n\nThis is a benchmark mail.\n`.repeat(5), html: `<p>Hello ${i},</p><p>This is a benchmark mail.</p>`.repeat(5) };
}
async function plain(port: number) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 5, maxMessages: Infinity });
  const s = performance.now();
  await Promise.all(Array.from({ length: N }, (_, i) => { const m = message(i); return t.sendMail({ from: 'PDS Loop <bench@pds.example>', to: { name: m.toName!, address: m.to }, subject: m.subject, text: m.text, html: m.html }); }));
  t.close();
  return (performance.now() - s) / 1000;
}
async function outbox(url: string, concurrency: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-b-'));
  const db = openDatabase(path.join(dir, 'b.sqlite'));
  await migrateToLatest(db);
  const now = new Date();
  await db.transaction().execute((trx) => enqueueMails(trx, Array.from({ length: N }, (_, i) => message(i)), now));
  const transport = smtpTransport(url);
  const worker = new MailWorker({ db, transport, secret: 'x', from: { name: 'PDS Loop', address: 'bench@pds.example' }, rate: 100000, retrySeconds: 60, concurrency });
  const s = performance.now();
  const r = await worker.drain(now);
  const secs = (performance.now() - s) / 1000;
  transport.close(); await db.destroy(); fs.rmSync(dir, { recursive: true, force: true });
  if (r.sent !== N) throw new Error('sent ' + r.sent);
  return secs;
}
async function main() {
  const sink = await startSmtpSink(() => 'accept', { keepRaw: false });
  const conc = (process.env.C ?? '10').split(',').map(Number);
  for (let round = 0; round < 2; round++) {
    const p = await plain(sink.port);
    const o: string[] = [];
    for (const c of conc) o.push(`c${c}=${(N / (await outbox(sink.url, c))).toFixed(0)}/s`);
    console.log(`plain ${(N / p).toFixed(0)}/s`, o.join(' '));
  }
  await sink.close();
}
void main();
