import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

/** The only thing the worker knows about delivery. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

const SAFE = { disableFileAccess: true, disableUrlAccess: true } as const;

/** Pooled SMTP (nodemailer): a few connections reused for many mails. */
export function smtpTransport(url: string, options: { maxConnections?: number; timeoutMs?: number } = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: Infinity,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
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
export function fileTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
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

export function transportFor(config: { smtpUrl: string | undefined; mailDir: string }): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.mailDir);
}
