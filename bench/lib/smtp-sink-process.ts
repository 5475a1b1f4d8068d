// The SMTP sink of the mail bench, in its own process on the load core: accepts every message.
// Asked { expect, keepRaw }, it answers once `expect` messages have arrived, with the time from
// the first connection after the question to the last message (both senders are timed alike),
// and when the last message arrived (process.hrtime in ms: the same clock in every process).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let expect = 0;
let keepRaw = false;
let accepted = 0;
let firstConnection: bigint | undefined;
let raws: string[] = [];

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 10 * 1024 * 1024,
  onConnect(_session, callback) {
    firstConnection ??= process.hrtime.bigint();
    callback();
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (keepRaw) chunks.push(chunk);
    });
    stream.on('end', () => {
      callback();
      if (keepRaw) raws.push(Buffer.concat(chunks).toString('utf8'));
      if (++accepted === expect) {
        const last = process.hrtime.bigint();
        process.send!({ accepted, seconds: Number(last - firstConnection!) / 1e9, lastAtMs: Number(last) / 1e6, raws });
        raws = [];
      }
    });
  },
});

process.on('message', (message: { expect: number; keepRaw?: boolean }) => {
  expect = message.expect;
  keepRaw = message.keepRaw ?? false;
  accepted = 0;
  firstConnection = undefined;
  raws = [];
});

server.listen(0, '127.0.0.1', () => {
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  process.send!({ ready: true, port });
});
