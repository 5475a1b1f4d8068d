// Baseline for the outbox worker: plain pooled nodemailer (the app's connection count, 5) handed
// every message at once, composing each from the same parts the worker's mails had.
import fs from 'node:fs';
import nodemailer from 'nodemailer';

interface Message {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

const [messagesFile, url] = process.argv.slice(2) as [string, string];
const messages = JSON.parse(fs.readFileSync(messagesFile, 'utf8')) as Message[];
const SAFE = { disableFileAccess: true, disableUrlAccess: true } as const;
const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: Infinity, ...SAFE } as Parameters<typeof nodemailer.createTransport>[0]);

// nodemailer composes every message handed to it before its pool opens a connection, so the
// sink's clock (first connection) misses that work: the bench also times from here.
const startedAtMs = Number(process.hrtime.bigint()) / 1e6;
Promise.all(messages.map((m) => transport.sendMail({ ...m, ...SAFE }))).then(
  (sent) => {
    transport.close();
    console.log(JSON.stringify({ sent: sent.length, startedAtMs }));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
