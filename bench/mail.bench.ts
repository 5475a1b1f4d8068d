// The outbox worker (claim in SQLite, send, mark sent) against plain pooled nodemailer,
// both sending the same N messages to the same local SMTP sink in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { migrateToLatest, openDatabase } from '../src/db/database';
import { enqueueMails, type NewMail } from '../src/mail/outbox.repository';
import { MailWorker } from '../src/jobs/mail-worker';
import { smtpTransport } from '../src/mail/transport';
import { startSmtpSink } from '../test/support/smtp-sink';

const N = Number(process.env.BENCH_MAILS ?? 3000);

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

export async function run(): Promise<string[]> {
  const sink = await startSmtpSink(() => 'accept', { keepRaw: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-bench-mail-'));
  try {
    // Baseline: plain pooled nodemailer, 5 connections, all messages handed over at once.
    const plain = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 5, maxMessages: Infinity });
    let started = performance.now();
    await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const m = message(i);
        return plain.sendMail({ from: 'PDS Loop <bench@pds.example>', to: { name: m.toName!, address: m.to }, subject: m.subject, text: m.text, html: m.html });
      }),
    );
    const plainSeconds = (performance.now() - started) / 1000;
    plain.close();

    const db = openDatabase(path.join(dir, 'bench.sqlite'));
    await migrateToLatest(db);
    const now = new Date();
    await db.transaction().execute((trx) => enqueueMails(trx, Array.from({ length: N }, (_, i) => message(i)), now));
    const transport = smtpTransport(sink.url);
    const worker = new MailWorker({ db, transport, secret: 'bench-secret', from: { name: 'PDS Loop', address: 'bench@pds.example' }, rate: 100_000, retrySeconds: 60 });
    started = performance.now();
    const result = await worker.drain(now);
    const outboxSeconds = (performance.now() - started) / 1000;
    transport.close();
    await db.destroy();
    if (result.sent !== N) throw new Error(`outbox sent ${result.sent} of ${N}`);

    const plainRate = N / plainSeconds;
    const outboxRate = N / outboxSeconds;
    return [
      `${N} mails to a local smtp-server sink (5 pooled connections each; SQLite file with synchronous=FULL for the outbox).`,
      '',
      '| sender | seconds | mails/s |',
      '| --- | ---: | ---: |',
      `| plain pooled nodemailer (baseline) | ${plainSeconds.toFixed(2)} | ${plainRate.toFixed(0)} |`,
      `| outbox worker (claim, send, mark sent) | ${outboxSeconds.toFixed(2)} | ${outboxRate.toFixed(0)} |`,
      '',
      `Outbox worker / plain nodemailer: **${(outboxRate / plainRate).toFixed(2)}×** (MAIL_RATE caps the worker in production; here it was set to 100000).`,
    ];
  } finally {
    await sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
