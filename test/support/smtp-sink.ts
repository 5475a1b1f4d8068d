// A real SMTP server on loopback for tests and benchmarks: it accepts, answers 451/550,
// or drops the connection in the middle of DATA, per message, as the test chooses.
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** What the sink does with one message. */
export type SinkReply = 'accept' | 451 | 550 | 'drop';

export interface SinkMessage {
  /** The recipients of the envelope. */
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:<port> for nodemailer. */
  url: string;
  /** Messages accepted, in order. */
  accepted: SinkMessage[];
  /** How often each recipient was offered a message (accepted or not). */
  attemptsFor(address: string): number;
  close(): Promise<void>;
}

/**
 * @param decide chooses the reply for a message, given its first recipient and how many times
 *   (1, 2, …) that recipient has been offered a message; defaults to accepting everything.
 */
export async function startSmtpSink(decide: (to: string, attempt: number) => SinkReply = () => 'accept', options: { keepRaw?: boolean } = {}): Promise<SmtpSink> {
  const accepted: SinkMessage[] = [];
  const attempts = new Map<string, number>();
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      const first = to[0] ?? '';
      const attempt = (attempts.get(first) ?? 0) + 1;
      attempts.set(first, attempt);
      const reply = decide(first, attempt);
      stream.on('data', (chunk: Buffer) => {
        if (options.keepRaw !== false) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (reply === 'drop') {
          for (const connection of (server as unknown as { connections: Set<{ id: string; _socket: Socket }> }).connections) {
            if (connection.id === session.id) connection._socket.destroy();
          }
          return;
        }
        if (reply === 451 || reply === 550) {
          const error = new Error(reply === 451 ? 'Try again later' : 'Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = reply;
          callback(error);
          return;
        }
        accepted.push({ to, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  return { ...(await listenOnLoopback(server)), accepted, attemptsFor: (address) => attempts.get(address.toLowerCase()) ?? 0 };
}

/** Starts an SMTP server on a free loopback port; `close` drops its open connections first, so it never waits for a client. */
export async function listenOnLoopback(server: SMTPServer): Promise<{ port: number; url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of (server as unknown as { connections: Set<{ _socket: Socket }> }).connections) connection._socket.destroy();
        server.close(() => resolve());
      }),
  };
}
