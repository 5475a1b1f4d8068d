import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { InlineImage } from './mail';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  /** One validated address, or absent. */
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  /** Images the HTML shows through `cid:` (the organisation's logo). */
  attachments?: InlineImage[];
}

/** The only thing the worker knows about delivery. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

const SAFE = { disableFileAccess: true, disableUrlAccess: true } as const;

export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/**
 * The headers a DKIM signature covers: nodemailer's list plus List-Unsubscribe-Post, which RFC
 * 8058 requires to be signed together with List-Unsubscribe for one-click unsubscribe.
 */
export const DKIM_SIGNED_HEADERS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding',
  'In-Reply-To', 'References', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Auto-Submitted',
] as const;

function dkimOption(dkim: DkimKey | undefined) {
  return dkim ? { dkim: { domainName: dkim.domainName, keySelector: dkim.keySelector, privateKey: dkim.privateKey, headerFieldNames: DKIM_SIGNED_HEADERS.join(':').toLowerCase() } } : {};
}

/** Seconds an SMTP server may take to accept a connection and greet. */
export const SMTP_CONNECT_TIMEOUT_SECONDS = 30;
/**
 * Seconds an SMTP server may be silent within a session. RFC 5321 (4.5.3.2) asks clients to wait
 * 5 minutes for most replies and 10 for the reply to the end of DATA, where servers scan the
 * message; a busy server's normal answer can take well over a minute there. Waiting is cheap: a
 * slow answer holds one connection and delays only its own mail, and the worker renews the lease.
 */
export const SMTP_SOCKET_TIMEOUT_SECONDS = 600;

/** Pooled SMTP (nodemailer): a few connections reused for many mails. */
export function smtpTransport(url: string, options: { maxConnections?: number; timeoutMs?: number; socketTimeoutMs?: number; dkim?: DkimKey } = {}): MailTransport {
  const connectTimeout = options.timeoutMs ?? SMTP_CONNECT_TIMEOUT_SECONDS * 1000;
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: Infinity,
    connectionTimeout: connectTimeout,
    greetingTimeout: connectTimeout,
    socketTimeout: options.socketTimeoutMs ?? options.timeoutMs ?? SMTP_SOCKET_TIMEOUT_SECONDS * 1000,
    ...dkimOption(options.dkim),
    ...SAFE,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      await transporter.sendMail({ ...mail, ...SAFE });
    },
    close: () => transporter.close(),
  };
}

/** Without SMTP_URL: each mail becomes an .eml file in `dir`, readable with any mail program. */
export function fileTransport(dir: string, dkim?: DkimKey): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix', ...dkimOption(dkim) });
  return {
    async send(mail) {
      const info = (await transporter.sendMail({ ...mail, ...SAFE })) as { message: Buffer };
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^a-zA-Z0-9.-]/g, '')}.eml`;
      await fs.writeFile(path.join(dir, name), info.message, { mode: 0o600 });
    },
    close: () => transporter.close(),
  };
}

export function transportFor(config: { smtpUrl: string | undefined; mailDir: string; dkim?: DkimKey | undefined }): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl, { dkim: config.dkim }) : fileTransport(config.mailDir, config.dkim);
}
