// A real SMTP server on loopback that injects faults for the mail tests and the fault suite:
// at each stage (connect, MAIL FROM, RCPT TO, end of DATA) it may answer with any code and text,
// drop the connection, answer late, or never answer. It counts what it acknowledged with 250,
// by Message-ID, so a test can tell delivered from duplicated.
import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { listenOnLoopback } from '../support/smtp-sink';

export type Stage = 'connect' | 'mail' | 'rcpt' | 'data';

export type Fault =
  /** Answer with this code and text, e.g. { code: 554, text: '5.7.1 Relaying denied' }. */
  | { code: number; text?: string }
  /** Close the connection without an answer. */
  | { drop: true }
  /** Answer normally after this many milliseconds. */
  | { delayMs: number }
  /** Never answer (the client's timeout ends it). */
  | { hang: true };

export interface FaultContext {
  stage: Stage;
  /** The first recipient (rcpt: the one offered; data: the envelope's). */
  to?: string;
  /** At rcpt and data: how many times this recipient has reached this stage, 1, 2, … */
  attempt: number;
  /** At data: the message's Message-ID header. */
  messageId?: string;
}

export interface AcceptedMail {
  to: string[];
  messageId: string;
  raw: string;
}

export interface FaultSmtpServer {
  port: number;
  url: string;
  /** Every message acknowledged with 250, in order (duplicates included). */
  accepted: AcceptedMail[];
  /** How many times each Message-ID was acknowledged. */
  acks: Map<string, number>;
  /** How many times a recipient reached a stage. */
  offers(stage: Stage, to: string): number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

type Connection = { id: string; _socket: Socket };

export async function startFaultSmtpServer(
  decide: (ctx: FaultContext) => Fault | undefined = () => undefined,
  options: { idleTimeoutMs?: number; keepRaw?: boolean } = {},
): Promise<FaultSmtpServer> {
  const accepted: AcceptedMail[] = [];
  const acks = new Map<string, number>();
  const offers = new Map<string, number>();
  let connectionCount = 0;
  const countOffer = (stage: Stage, to: string) => {
    const key = `${stage} ${to}`;
    const n = (offers.get(key) ?? 0) + 1;
    offers.set(key, n);
    return n;
  };
  const connectionOf = (session: SMTPServerSession) => [...(server as unknown as { connections: Set<Connection> }).connections].find((c) => c.id === session.id);
  const drop = (session: SMTPServerSession) => connectionOf(session)?._socket.destroy();
  const alive = (session: SMTPServerSession) => {
    const socket = connectionOf(session)?._socket;
    return socket !== undefined && !socket.destroyed;
  };

  /** Applies a fault, or `proceed` when there is none (or after the delay). */
  function apply(fault: Fault | undefined, session: SMTPServerSession, callback: (error?: Error | null) => void, proceed: () => void) {
    if (!fault) return proceed();
    if ('drop' in fault) return drop(session);
    if ('hang' in fault) return;
    if ('delayMs' in fault) {
      setTimeout(() => (alive(session) ? proceed() : undefined), fault.delayMs);
      return;
    }
    const error = new Error(fault.text ?? 'Refused') as Error & { responseCode: number };
    error.responseCode = fault.code;
    callback(error);
  }

  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    ...(options.idleTimeoutMs ? { socketTimeout: options.idleTimeoutMs } : {}),
    onConnect(session, callback) {
      connectionCount++;
      apply(decide({ stage: 'connect', attempt: connectionCount }), session, callback, () => callback());
    },
    onMailFrom(_address, session, callback) {
      apply(decide({ stage: 'mail', attempt: 1 }), session, callback, () => callback());
    },
    onRcptTo(address, session, callback) {
      const to = address.address.toLowerCase();
      apply(decide({ stage: 'rcpt', to, attempt: countOffer('rcpt', to) }), session, callback, () => callback());
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
        const fault = decide({ stage: 'data', to: to[0], attempt: countOffer('data', to[0] ?? ''), messageId });
        apply(fault, session, callback, () => {
          // Acknowledge only to a client still listening: that is a send that succeeded.
          if (!alive(session)) return;
          accepted.push({ to, messageId, raw: options.keepRaw === false ? '' : raw });
          acks.set(messageId, (acks.get(messageId) ?? 0) + 1);
          callback();
        });
      });
    },
  });
  return {
    ...(await listenOnLoopback(server)),
    accepted,
    acks,
    offers: (stage, to) => offers.get(`${stage} ${to.toLowerCase()}`) ?? 0,
    connections: () => connectionCount,
  };
}
