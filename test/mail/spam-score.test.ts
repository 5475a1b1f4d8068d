import { execFileSync } from 'node:child_process';
import nodemailer from 'nodemailer';
import { sampleMails } from '../support/mail-samples';

/** SpamAssassin's local rules only (-L: no network tests), as CI installs it from Debian. */
function spamassassinPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v spamassassin'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const SPAMASSASSIN = spamassassinPath();
const describeWithSpamAssassin = SPAMASSASSIN ? describe : describe.skip;
if (!SPAMASSASSIN) console.warn('spam-score.test.ts skipped: spamassassin is not installed (apt-get install -y spamassassin)');

async function asEml(mail: ReturnType<typeof sampleMails>[number]): Promise<string> {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = (await transporter.sendMail({
    from: { name: 'Nordvik Logistics AB', address: 'survey@nordvik.example' },
    to: { name: 'Anna Lindqvist', address: 'anna@acme.example' },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: `<outbox-1@nordvik.example>`,
    date: new Date('2026-03-02T08:00:00Z'),
  })) as { message: Buffer };
  return info.message.toString('utf8');
}

describeWithSpamAssassin('every mail template with SpamAssassin', () => {
  jest.setTimeout(120_000);
  it.each(sampleMails().map((m) => [m.name, m] as const))('%s scores at most 1.0', async (_name, mail) => {
    const report = execFileSync(SPAMASSASSIN!, ['-L', '-t'], { input: await asEml(mail), encoding: 'utf8' });
    const score = Number(/X-Spam-Status: \w+, score=(-?[\d.]+)/.exec(report)?.[1]);
    const rules = /tests=([^\n]*(?:\n\t[^\n]*)*)/.exec(report)?.[1]?.replace(/\s+/g, '') ?? '';
    // The rules that fired, so a failure says why.
    expect(`${score <= 1.0 ? 'at most 1.0' : score}: ${rules}`).toBe(`at most 1.0: ${rules}`);
  });
});
