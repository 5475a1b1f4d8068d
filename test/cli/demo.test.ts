import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import { createTestDb } from '../support/test-db';
import { loadSurveyTemplates } from '../../src/surveys/template-loader';
import { SURVEYS_DIR } from '../../src/paths';
import { rankProblems } from '../../src/analysis/ranking.service';
import { verifyPassword } from '../../src/auth/password';
import { DEMO_SIGN_INS, seedDemo } from '../../src/demo/seed';
import { DEMO_CATEGORIES } from '../../src/demo/demo-data';
import { listProgressCountsBySegment } from '../../src/campaigns/campaign-progress.repository';
import { sumProgress } from '../../src/campaigns/campaign';

const templates = loadSurveyTemplates(SURVEYS_DIR);
const NOW = new Date('2026-05-20T12:00:00Z');
const SECRET = 'demo-test-secret-demo-test-secret-0123';

async function seeded(): Promise<{ db: Db; summary: Awaited<ReturnType<typeof seedDemo>> }> {
  const db = await createTestDb();
  const summary = await seedDemo(db, { templates, secret: SECRET, baseUrl: 'http://localhost:3000', now: NOW });
  return { db, summary };
}

/** The numbers a newcomer sees, gathered from the tables. */
async function figures(db: Db) {
  const count = async (table: 'customer' | 'contact' | 'followup' | 'suppression') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const grouped = async (q: Promise<{ k: string | number | null; n: number | string | bigint }[]>) =>
    Object.fromEntries((await q).map((r) => [String(r.k), Number(r.n)]));
  return {
    customers: await count('customer'),
    contacts: await count('contact'),
    optedOut: Number((await db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).where('opted_out_at', 'is not', null).executeTakeFirstOrThrow()).n),
    suppressed: await count('suppression'),
    followups: await count('followup'),
    followupsAnswered: Number((await db.selectFrom('followup').select((eb) => eb.fn.countAll<number>().as('n')).where('answered_at', 'is not', null).executeTakeFirstOrThrow()).n),
    responses: await grouped(
      db.selectFrom('response').select((eb) => [sql<string>`${sql.ref('campaign_id')} || '/' || ${sql.ref('status')}`.as('k'), eb.fn.countAll<number>().as('n')]).groupBy(['campaign_id', 'status']).execute(),
    ),
    tickets: await grouped(db.selectFrom('ticket').select((eb) => ['status as k', eb.fn.countAll<number>().as('n')]).groupBy('status').execute()),
    outbox: await grouped(db.selectFrom('outbox').select((eb) => ['status as k', eb.fn.countAll<number>().as('n')]).groupBy('status').execute()),
    uncoded: Number((await db.selectFrom('problem_mention').select((eb) => eb.fn.countAll<number>().as('n')).where('category_id', 'is', null).executeTakeFirstOrThrow()).n),
    comments: Number((await db.selectFrom('ticket_comment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };
}

describe('the demo company', () => {
  let db: Db;
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  // Seeding takes a few seconds on SQLite and longer on PostgreSQL (a round trip per statement).
  beforeAll(async () => {
    ({ db, summary } = await seeded());
  }, 120_000);
  afterAll(async () => {
    await db.destroy();
  });

  it('has about 40 customers with 120 contacts, some opted out, and users for every role', async () => {
    const f = await figures(db);
    expect(f.customers).toBe(40);
    expect(f.contacts).toBe(120);
    expect(f.optedOut).toBeGreaterThanOrEqual(3);
    for (const s of DEMO_SIGN_INS) {
      const user = await db.selectFrom('user').select(['role', 'password_hash']).where('email', '=', s.email).executeTakeFirstOrThrow();
      expect(user.role).toBe(s.role);
      expect(await verifyPassword(user.password_hash, s.password)).toBe(true);
    }
    const languages = await db.selectFrom('customer').select('language').distinct().execute();
    expect(languages.map((l) => l.language).sort()).toEqual(['da', 'en', 'sv']);
  });

  it('has last year\'s closed wave and this year\'s running wave, both with submitted and partial responses', async () => {
    const [last, current] = summary.campaigns;
    expect(last!.name).toBe('Annual 2025');
    expect(current!.name).toBe('Annual 2026');
    const campaigns = await db.selectFrom('campaign').select(['id', 'status']).orderBy('id').execute();
    expect(campaigns.map((c) => c.status)).toEqual(['closed', 'running']);
    const f = await figures(db);
    for (const c of [last!, current!]) {
      expect(f.responses[`${c.id}/submitted`]).toBeGreaterThan(70);
      expect(f.responses[`${c.id}/partial`]).toBeGreaterThan(0);
    }
    expect(f.uncoded).toBeGreaterThan(10);
  });

  it('has tickets in every status, with comments, follow-ups and answers', async () => {
    const f = await figures(db);
    for (const status of ['open', 'in_progress', 'resolved', 'closed', 'reopened']) expect(f.tickets[status]).toBeGreaterThan(0);
    expect(f.comments).toBeGreaterThan(5);
    expect(f.followups).toBeGreaterThan(20);
    expect(f.followupsAnswered).toBeGreaterThan(5);
    const overdue = await db.selectFrom('ticket').select('id').where('status', 'in', ['open', 'in_progress', 'reopened']).where('due_date', '<', '2026-05-20').execute();
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('has failed mails and a suppressed address, and nothing left to send', async () => {
    const f = await figures(db);
    expect(f.outbox.failed).toBeGreaterThanOrEqual(3);
    expect(f.outbox.pending).toBeUndefined();
    expect(f.suppressed).toBe(1);
    const errors = await db.selectFrom('outbox').select('last_error').where('status', '=', 'failed').execute();
    expect(errors.map((e) => e.last_error).join(' ')).toContain('550 5.1.1');
  });

  it('shows late deliveries falling from last year to this year after its ticket was resolved, and the portal rising', async () => {
    const [last, current] = summary.campaigns;
    const before = await rankProblems(db, last!.id);
    const after = await rankProblems(db, current!.id);
    const name = (key: string) => DEMO_CATEGORIES.find((c) => c.key === key)!.names.en;
    const share = (list: typeof before, key: string) => list.find((p) => p.category === name(key))?.share ?? 0;
    expect(before[0]!.category).toBe(name('late'));
    expect(share(after, 'late')).toBeLessThan(share(before, 'late') / 2);
    expect(share(after, 'portal')).toBeGreaterThan(share(before, 'portal') * 2);
    const lateTicket = await db
      .selectFrom('ticket')
      .select(['status', 'resolved_at'])
      .where('campaign_id', '=', last!.id)
      .where('title', '=', name('late'))
      .executeTakeFirstOrThrow();
    expect(lateTicket.resolved_at).not.toBeNull();
  });

  it('has a campaign funnel that never grows from sent to opened to started to submitted, overall and in every segment', async () => {
    for (const campaign of summary.campaigns) {
      const segments = await listProgressCountsBySegment(db, campaign.id, null);
      for (const c of [sumProgress(segments), ...segments]) {
        expect(c.opened).toBeLessThanOrEqual(c.sent);
        expect(c.started).toBeLessThanOrEqual(c.opened);
        expect(c.submitted).toBeLessThanOrEqual(c.started);
      }
      const total = sumProgress(segments);
      expect(total.submitted).toBeGreaterThan(0);
      // Some opened the link and never answered.
      expect(total.opened).toBeGreaterThan(total.started);
    }
  });

  it('gives the same numbers when seeded again', async () => {
    const again = await seeded();
    try {
      expect(await figures(again.db)).toEqual(await figures(db));
      const [a, b] = [await rankProblems(db, summary.campaigns[0]!.id), await rankProblems(again.db, again.summary.campaigns[0]!.id)];
      expect(b.map((p) => [p.category, p.mentions, p.points])).toEqual(a.map((p) => [p.category, p.mentions, p.points]));
    } finally {
      await again.db.destroy();
    }
  }, 120_000);
});
