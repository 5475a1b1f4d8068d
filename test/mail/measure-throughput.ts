// Outbox worker against plain pooled nodemailer (issue 15: ≥ 0.9×), both sending the same N mails
// over 5 pooled connections to one local smtp-server sink, in interleaved rounds (A B A B …), with
// the median ratio. Not a test; run it with
//   N=3000 ROUNDS=3 node -r ./test/support/ts-register.js test/mail/measure-throughput.ts
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
const ROUNDS = Number(process.env.ROUNDS ?? 3);

function message(i: number): NewMail {
  return {
    kind: 'bench',
    to: `bench${i}@example.com`,
    toName: `Bench ${i}`,
    subject: `Benchmark mail ${i}`,
    text: `Hello ${i},\n\nThis is a benchmark mail.\n`.repeat(5),
    html: `<p>Hello ${i},</p><p>This is a benchmark mail.</p>`.repeat(5),
  };
}

async function plainSeconds(port: number): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 5, maxMessages: Infinity });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) => {
      const m = message(i);
      return transport.sendMail({ from: 'PDS Loop <bench@pds.example>', to: { name: m.toName!, address: m.to }, subject: m.subject, text: m.text, html: m.html });
    }),
  );
  transport.close();
  return (performance.now() - started) / 1000;
}

async function outboxSeconds(url: string): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-throughput-'));
  const db = openDatabase(path.join(dir, 'outbox.sqlite'));
  try {
    await migrateToLatest(db);
    const now = new Date();
    await db.transaction().execute((trx) => enqueueMails(trx, Array.from({ length: N }, (_, i) => message(i)), now));
    const transport = smtpTransport(url);
    const worker = new MailWorker({ db, transport, secret: 'throughput', from: { name: 'PDS Loop', address: 'bench@pds.example' }, rate: 100_000, retrySeconds: 60 });
    const started = performance.now();
    const result = await worker.drain(now);
    const seconds = (performance.now() - started) / 1000;
    transport.close();
    if (result.sent !== N) throw new Error(`the outbox sent ${result.sent} of ${N}`);
    return seconds;
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const sink = await startSmtpSink(() => 'accept', { keepRaw: false });
  const ratios: number[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const plain = N / (await plainSeconds(sink.port));
      const outbox = N / (await outboxSeconds(sink.url));
      ratios.push(outbox / plain);
      console.log(`round ${round}: plain ${plain.toFixed(0)} mails/s, outbox ${outbox.toFixed(0)} mails/s, ${(outbox / plain).toFixed(2)}× (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
    console.log(`median outbox / plain: ${median(ratios).toFixed(2)}× (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`);
  } finally {
    await sink.close();
  }
}

void main();
