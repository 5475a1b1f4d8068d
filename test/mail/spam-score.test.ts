import { execFileSync } from 'node:child_process';
import nodemailer from 'nodemailer';
import { SAMPLE_SITE, sampleMails } from '../support/mail-samples';
import { LOGO_SRC, logoAttachments } from '../../src/mail/mail';

// A real 1×1 PNG: every mail carries the organisation's logo inline, as the worker attaches it.
const LOGO = { contentType: 'image/png', data: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7f2e7c50000000049454e44ae426082', 'hex') };
const WITH_LOGO = { ...SAMPLE_SITE, brand: { ...SAMPLE_SITE.brand, logoUrl: LOGO_SRC } };

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
    attachments: logoAttachments(mail.html, LOGO),
    date: new Date('2026-03-02T08:00:00Z'),
  })) as { message: Buffer };
  return info.message.toString('utf8');
}

describeWithSpamAssassin('every mail template with SpamAssassin', () => {
  jest.setTimeout(120_000);
  it.each(sampleMails(WITH_LOGO).map((m) => [m.name, m] as const))('%s, with the logo inline, scores at most 1.0', async (_name, mail) => {
    const eml = await asEml(mail);
    expect(eml).toContain('Content-ID: <organisation-logo@pds-loop>');
    const report = execFileSync(SPAMASSASSIN!, ['-L', '-t'], { input: eml, encoding: 'utf8' });
    const score = Number(/X-Spam-Status: \w+, score=(-?[\d.]+)/.exec(report)?.[1]);
    const rules = /tests=([^\n]*(?:\n\t[^\n]*)*)/.exec(report)?.[1]?.replace(/\s+/g, '') ?? '';
    // The rules that fired, so a failure says why.
    expect(`${score <= 1.0 ? 'at most 1.0' : score}: ${rules}`).toBe(`at most 1.0: ${rules}`);
  });
});
