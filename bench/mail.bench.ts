// The outbox worker (`pds-loop worker`: claim in SQLite, compose, send, mark sent) against plain
// pooled nodemailer sending the same mails, to one SMTP sink in its own process. The sink is
// warmed by a round of each side first, then rounds interleave A B A B …; each worker round
// starts from a copy of the same database with the campaign's invitation mails queued.
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { Api, prepareDatabase } from './lib/app-client';
import { CLI_JS, IpcChild, appEnv, appNodeArgs, copyDatabase, makeTempDir, runBaselineJob, startApp, startProcess } from './lib/processes';
import { contactsCsv } from './lib/seed';
import { SETTINGS, num, range, summarize, type Row } from './lib/stats';

const MAILS = Number(process.env.BENCH_MAILS ?? 3000);

type SinkReply = { accepted: number; seconds: number; lastAtMs: number; raws: string[] };

/** The parts of a received mail, for the baseline to compose the same mail again. */
async function partsOf(raw: string) {
  const mail = await simpleParser(raw);
  const first = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines) {
    if (/^list-/i.test(line.key)) headers[line.line.slice(0, line.line.indexOf(':'))] = line.line.slice(line.line.indexOf(':') + 1).trim();
  }
  return {
    from: { name: first(mail.from)?.name ?? '', address: first(mail.from)?.address ?? '' },
    to: { name: first(mail.to)?.name ?? '', address: first(mail.to)?.address ?? '' },
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    headers,
    messageId: mail.messageId ?? '',
  };
}

export async function run(): Promise<Row[]> {
  const dir = makeTempDir('mail');
  const template = path.join(dir, 'template.sqlite');
  const sink = await IpcChild.start<SinkReply, { port: number }>('lib/smtp-sink-process', {}, 'load');
  try {
    const key = await prepareDatabase(template);
    const app = await startApp(template);
    const api = new Api(app.url, key);
    await api.post('/contacts', contactsCsv(MAILS, { perCustomer: 5, prefix: 'mail' }), 'text/csv');
    const campaignId = await api.createCampaign('Bench mail');
    const queued = (await api.post<{ launch: { invited: number } }>(`/campaigns/${campaignId}/launch`, {})).launch.invited;
    await app.stop();
    if (queued !== MAILS) throw new Error(`launch queued ${queued} of ${MAILS} mails`);
    const smtpUrl = `smtp://127.0.0.1:${sink.ready.port}`;

    const worker = async (keepRaw = false): Promise<SinkReply> => {
      const file = path.join(dir, 'worker.sqlite');
      copyDatabase(template, file);
      const done = sink.ask({ expect: MAILS, keepRaw });
      const proc = startProcess(process.execPath, [...appNodeArgs(), CLI_JS, 'worker'], { role: 'server', env: appEnv(file, { SMTP_URL: smtpUrl, MAIL_RATE: '10000' }) });
      const reply = await Promise.race([done, proc.exited.then((code) => Promise.reject(new Error(`worker exited (${code}):\n${proc.output()}`)))]);
      await proc.stop();
      return reply;
    };
    const messagesFile = path.join(dir, 'messages.json');
    // Also the baseline's time from its first sendMail call: nodemailer composes all 3,000 messages
    // before its first connection, so the sink's clock leaves that work out (the worker composes in it).
    const plain = async (): Promise<SinkReply & { fromFirstSendSeconds: number }> => {
      const done = sink.ask({ expect: MAILS });
      const [reply, job] = await Promise.all([done, runBaselineJob<{ startedAtMs: number }>('nodemailer-pool', [messagesFile, smtpUrl])]);
      return { ...reply, fromFirstSendSeconds: (reply.lastAtMs - job.startedAtMs) / 1000 };
    };

    // Warm the sink with one round of each side; the worker's mails become the baseline's.
    const captured = await worker(true);
    fs.writeFileSync(messagesFile, JSON.stringify(await Promise.all(captured.raws.map(partsOf))));
    await plain();
    const seconds = { app: [] as number[], base: [] as number[], baseFromFirstSend: [] as number[] };
    for (let round = 0; round < SETTINGS.rounds; round++) {
      seconds.app.push((await worker()).seconds);
      const base = await plain();
      seconds.base.push(base.seconds);
      seconds.baseFromFirstSend.push(base.fromFirstSendSeconds);
      console.log(
        `  round ${round + 1}: outbox worker ${num(MAILS / seconds.app[round]!)} mails/s, plain nodemailer ${num(MAILS / seconds.base[round]!)} mails/s (${num(MAILS / base.fromFirstSendSeconds)} from its first sendMail)`,
      );
    }
    const rate = (s: number[]) => summarize(s.map((x) => MAILS / x));
    const ratio = rate(seconds.app).median / rate(seconds.base).median;
    const ratioFromFirstSend = rate(seconds.app).median / rate(seconds.baseFromFirstSend).median;
    console.log(`${num(MAILS)} invitation mails (${num(captured.raws[0]!.length)} bytes each on the wire) to a local smtp-server sink; 5 pooled connections each, MAIL_RATE=10000; timed at the sink from the first connection to the last message.`);
    return [
      {
        order: 8,
        work: `outbox worker vs raw pooled nodemailer, same connections, ${num(MAILS)} mails (mails/s)`,
        app: range(rate(seconds.app)),
        baseline: range(rate(seconds.base)),
        ratio: `${ratio.toFixed(2)}×`,
        p99: '',
        target: '≥ 0.9×',
        met: ratio >= 0.9,
      },
      {
        order: 8.5,
        work: '… the baseline timed from its first sendMail call (it composes every mail before its first connection)',
        app: range(rate(seconds.app)),
        baseline: range(rate(seconds.baseFromFirstSend)),
        ratio: `${ratioFromFirstSend.toFixed(2)}×`,
        p99: '',
        target: '',
        met: undefined,
      },
    ];
  } finally {
    await sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
