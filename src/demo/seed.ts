/**
 * Fills a fresh, migrated database with the demo company, through the real services wherever
 * they exist (accounts, contact import, catalogue, campaigns, personal-link answers, coding,
 * routing, tickets), so the data is exactly what the app itself would have written.
 *
 * Dates: everything is placed relative to `now` (the demo passes the real time): last year's
 * wave ran about a year ago and is closed, this year's wave launched 20 days ago and is still
 * running, so personal links work and "overdue" means overdue today. The content (who answers,
 * what they say, every count) comes only from seededRandom and never from the clock, so every
 * run gives the same numbers and the year-over-year movement holds whatever the date.
 */
import type { Db } from '../db/database';
import { systemActor, type CurrentUser, type Role } from '../auth/user';
import type { Language, SurveyDefinition } from '../surveys/survey-definition';
import { createTeam, createUser } from '../accounts/account.service';
import { importContacts } from '../customers/contact-import.service';
import { createCategory } from '../catalogue/catalogue.service';
import { createCampaign, launchCampaign } from '../campaigns/campaign.service';
import { queueDueReminders, runCampaignSchedule } from '../campaigns/campaign-schedule.service';
import type { CampaignContext } from '../campaigns/campaign-context';
import { DEFAULT_MAIL } from '../campaigns/campaign';
import { updateContactOptedOut } from '../campaigns/invitation.repository';
import { invitationToken } from '../campaigns/invitation-token';
import { saveOrSubmitResponse } from '../surveys/response.service';
import { fieldName } from '../surveys/answer';
import { kamAlertHook } from '../tickets/kam-alert';
import { codeMentions } from '../analysis/coding.service';
import { routeProblems } from '../tickets/routing.service';
import { addComment } from '../tickets/ticket.service';
import { updateTicket, type TicketUpdate } from '../tickets/ticket-update.service';
import { findTicketIdByCampaignCategory } from '../tickets/ticket.repository';
import { updateFollowupAnswer } from '../tickets/followup.repository';
import { escalateOverdueTickets } from '../tickets/escalation';
import {
  DEMO_CATEGORIES,
  DEMO_CUSTOMERS,
  DEMO_PASSWORD,
  DEMO_REGIONS,
  DEMO_RELATIONSHIPS,
  DEMO_SEGMENTS,
  DEMO_TEAMS,
  DEMO_USERS,
  FIRST_NAMES,
  LAST_NAMES,
  seededRandom,
  type DemoCategory,
} from './demo-data';

export interface SeedOptions {
  templates: ReadonlyMap<string, SurveyDefinition>;
  /** The server secret: invitation tokens are derived from it. */
  secret: string;
  baseUrl: string;
  /** The demo's "today"; every date is placed relative to it. */
  now: Date;
}

export interface SeedSummary {
  customers: number;
  contacts: number;
  campaigns: { id: number; name: string }[];
}

/** One sign-in per role, as printed by `npm run demo`. */
export const DEMO_SIGN_INS: { role: Role; email: string; password: string }[] = (['admin', 'manager', 'member', 'kam'] as const).map((role) => ({
  role,
  email: DEMO_USERS.find((u) => u.role === role)!.email,
  password: DEMO_PASSWORD,
}));

const DAY = 86_400_000;

/** Weights of each category in the problems respondents list, per wave: late deliveries falls, the portal rises. */
const WEIGHTS: Record<'last' | 'this', Record<string, number>> = {
  last: { late: 10, invoice: 6, support: 5, damaged: 3, contact: 2.5, quality: 3, portal: 1.5, info: 3 },
  this: { late: 1.2, invoice: 5, support: 6, damaged: 2.5, contact: 2, quality: 3, portal: 7, info: 3.5 },
};

const COMMENTS: Record<Language, string[]> = {
  en: ['Good people, but the basics must work every time.', 'Overall a reliable partner.', 'Please keep us informed when things go wrong.'],
  sv: ['Trevliga människor, men grunderna måste fungera varje gång.', 'Överlag en pålitlig partner.', 'Håll oss informerade när något går fel.'],
  da: ['Søde mennesker, men det grundlæggende skal virke hver gang.', 'Alt i alt en pålidelig partner.', 'Hold os orienteret, når noget går galt.'],
};

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(ab|a\/s|aps|ltd|plc)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function asciiLocal(name: string): string {
  return slug(name).replace(/-/g, '.');
}

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const rand = seededRandom(20260101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const base = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  /** A time `days` from today (negative: in the past), at the given UTC hour; never after `now`. */
  const at = (days: number, hour = 9): Date => {
    const d = new Date(base + days * DAY + hour * 3_600_000);
    return days <= 0 && d > options.now ? new Date(options.now.getTime() - 60_000) : d;
  };
  const ctx: CampaignContext = { templates: options.templates, secret: options.secret, baseUrl: options.baseUrl, isProduction: false };
  const year = options.now.getUTCFullYear();

  // ---- teams and users -------------------------------------------------------------------
  const teamIds = new Map<string, number>();
  for (const t of DEMO_TEAMS) teamIds.set(t.key, await createTeam(db, null, { name: t.name, email: t.email, isActive: true }, at(-420)));
  const users = new Map<string, CurrentUser>();
  for (const u of DEMO_USERS) {
    const ids = u.team ? [teamIds.get(u.team)!] : [];
    const id = await createUser(db, null, { email: u.email, name: u.name, role: u.role, password: DEMO_PASSWORD, teamIds: ids }, at(-420));
    users.set(u.email, { id, email: u.email, name: u.name, role: u.role, teamIds: ids });
  }
  const admin = users.get('admin@demo.example')!;
  const manager = users.get('manager@demo.example')!;
  const memberOf = (team: string): CurrentUser => [...users.values()].find((u) => u.role === 'member' && u.teamIds.includes(teamIds.get(team)!)) ?? manager;

  // ---- catalogue -------------------------------------------------------------------------
  const categoryIds = new Map<string, number>();
  for (const c of DEMO_CATEGORIES) {
    const id = await createCategory(
      db,
      manager,
      { names: c.names, description: c.description, keywords: c.keywords, teamId: c.team ? teamIds.get(c.team)! : null },
      at(-410),
    );
    categoryIds.set(c.key, id);
  }
  const categoryByKey = new Map(DEMO_CATEGORIES.map((c) => [c.key, c]));
  const keyOfText = new Map<string, string>();
  for (const c of DEMO_CATEGORIES) for (const lang of ['en', 'sv', 'da'] as const) for (const v of c.verbatims[lang]) keyOfText.set(v, c.key);

  // ---- customers and contacts (through the import, as a CSV upload would) ----------------
  const rows = [];
  let line = 1;
  for (const [i, customer] of DEMO_CUSTOMERS.entries()) {
    const domain = `${slug(customer.name)}.example`;
    const kam = i % 5 === 4 ? '' : customer.language === 'da' ? 'kam2@demo.example' : 'kam@demo.example';
    const segment = DEMO_SEGMENTS[i % 3]!;
    const region = customer.language === 'en' ? (i % 4 === 0 ? 'DACH' : 'UK & Ireland') : i % 6 === 0 ? 'DACH' : 'Nordics';
    const relationship = pick(DEMO_RELATIONSHIPS);
    const firsts = [...FIRST_NAMES[customer.language]].sort(() => rand() - 0.5).slice(0, 3);
    for (const first of firsts) {
      const last = pick(LAST_NAMES[customer.language]);
      rows.push({
        line: ++line,
        customer: customer.name,
        customer_ref: `C-${1001 + i}`,
        email: `${asciiLocal(first)}.${asciiLocal(last)}@${domain}`,
        name: `${first} ${last}`,
        language: customer.language,
        segment,
        region: DEMO_REGIONS.includes(region as never) ? region : 'Nordics',
        kam_email: kam,
        relationship,
      });
    }
  }
  const report = await importContacts(db, admin, { rows }, at(-400));
  if (report.errors.length) throw new Error(`demo import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const contacts = await db.selectFrom('contact').select(['id', 'email', 'language']).orderBy('id').execute();

  // Who bounces, fails and opts out: fixed positions, so always the same people.
  const hardBounce = contacts[7]!;
  const failedThisYear = [contacts[20]!, contacts[50]!, contacts[77]!];
  const optOuts = [contacts[11]!, contacts[45]!, contacts[88]!, contacts[101]!];
  const neverAnswer = new Set([hardBounce.id, ...failedThisYear.map((c) => c.id)]);

  // ---- helpers ---------------------------------------------------------------------------
  async function markQueuedSent(sentAt: Date): Promise<void> {
    const pending = await db.selectFrom('outbox').select(['id', 'invitation_id']).where('status', '=', 'pending').execute();
    if (!pending.length) return;
    const stamp = sentAt.toISOString();
    for (let i = 0; i < pending.length; i += 500) {
      const slice = pending.slice(i, i + 500);
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: stamp, attempts: 1, message_id: `<demo-${stamp.slice(0, 10)}@demo.example>` })
        .where('id', 'in', slice.map((m) => m.id))
        .execute();
      const invitationIds = slice.map((m) => m.invitation_id).filter((id): id is number => id !== null);
      if (invitationIds.length) await db.updateTable('invitation').set({ last_mailed_at: stamp }).where('id', 'in', invitationIds).execute();
    }
  }

  async function failInvitationMail(campaignId: number, contactId: number, error: string, attempts: number): Promise<string> {
    const row = await db
      .selectFrom('outbox')
      .innerJoin('invitation', 'invitation.id', 'outbox.invitation_id')
      .select(['outbox.id', 'outbox.to_email'])
      .where('invitation.campaign_id', '=', campaignId)
      .where('invitation.contact_id', '=', contactId)
      .executeTakeFirstOrThrow();
    await db.updateTable('outbox').set({ status: 'failed', attempts, last_error: error, sent_at: null, message_id: null }).where('id', '=', row.id).execute();
    return row.to_email;
  }

  function weightedPick(weights: Record<string, number>, count: number): string[] {
    const left = { ...weights };
    const chosen: string[] = [];
    while (chosen.length < count) {
      const total = Object.values(left).reduce((a, b) => a + b, 0);
      let r = rand() * total;
      for (const [key, w] of Object.entries(left)) {
        r -= w;
        if (r <= 0) {
          chosen.push(key);
          delete left[key];
          break;
        }
      }
    }
    return chosen;
  }

  /** The form a respondent posts: ratings, NPS, 1–5 ranked problems in their language, problem ratings. */
  function answerForm(wave: 'last' | 'this', lang: Language, mood: number): Record<string, string> {
    const body: Record<string, string> = { lang };
    const rating = (spread: number) => String(Math.max(1, Math.min(5, Math.round(1 + mood * 4 + (rand() - 0.5) * spread))));
    body[fieldName('overall_satisfaction')] = rating(1);
    body[fieldName('nps')] = String(Math.max(0, Math.min(10, Math.round(mood * 10 + (rand() - 0.5) * 2))));
    const count = Math.max(1, Math.min(5, Math.round((1 - mood) * 4 + rand() * 1.5)));
    const problems = weightedPick(WEIGHTS[wave], count);
    for (const key of ['ordering', 'delivery', 'invoicing', 'support', 'pace', 'reliability', 'care']) {
      if (rand() < 0.08) body[fieldName(`rating_${key}`)] = 'na';
      else {
        const hurt = (key === 'delivery' && problems.includes('late')) || (key === 'invoicing' && problems.includes('invoice')) || (key === 'support' && problems.includes('support'));
        body[fieldName(`rating_${key}`)] = hurt ? String(1 + Math.floor(rand() * 2)) : rating(2);
      }
    }
    problems.forEach((key, i) => {
      const category: DemoCategory = categoryByKey.get(key)!;
      if (rand() < 0.25) {
        body[fieldName('problems', i, 'pick')] = String(categoryIds.get(key));
      } else {
        body[fieldName('problems', i, 'text')] = pick(category.verbatims[lang]);
      }
      body[fieldName('problems', i, 'rank')] = String(i + 1);
    });
    for (const c of DEMO_CATEGORIES) {
      const listed = problems.includes(c.key);
      if (!listed && rand() < 0.6) continue;
      const id = categoryIds.get(c.key)!;
      body[fieldName('problem_rating', id, 'frequency')] = String(listed ? 3 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2));
      body[fieldName('problem_rating', id, 'bother')] = String(listed ? 3 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 3));
    }
    if (rand() < 0.3) body[fieldName('comments')] = pick(COMMENTS[lang]);
    return body;
  }

  async function runWave(wave: 'last' | 'this', name: string, launchDay: number, closeDay: number): Promise<number> {
    const id = await createCampaign(
      db,
      manager,
      {
        name,
        template: 'annual-pds',
        audience: { notEvaluatedDays: 300 },
        startsAt: null,
        closesAt: at(closeDay, 23),
        reminderAfterDays: 7,
        reminderMax: 1,
        mail: DEFAULT_MAIL,
      },
      ctx,
      at(launchDay - 2),
    );
    await launchCampaign(db, systemActor('demo data'), id, ctx, at(launchDay));
    await markQueuedSent(at(launchDay, 10));
    const invitations = await db
      .selectFrom('invitation')
      .innerJoin('invitation_salt', 'invitation_salt.invitation_id', 'invitation.id')
      .innerJoin('contact', 'contact.id', 'invitation.contact_id')
      .innerJoin('customer', 'customer.id', 'contact.customer_id')
      .select(['invitation.id', 'invitation.contact_id', 'invitation_salt.salt', 'contact.language', 'customer.language as customerLanguage'])
      .where('invitation.campaign_id', '=', id)
      .orderBy('invitation.id')
      .execute();
    const hooks = [kamAlertHook(options.baseUrl)];
    // Decide every respondent first (fixed order), then answer in date order, with the reminder in between.
    const lastDay = Math.min(closeDay - 3, -1);
    const plans = invitations.map((inv) => {
      const roll = rand();
      const mood = rand() < 0.1 ? rand() * 0.15 : 0.35 + rand() * 0.65;
      const day = launchDay + 1 + Math.floor(rand() * (lastDay - launchDay));
      const lang = (inv.language ?? inv.customerLanguage) as Language;
      const action: 'submit' | 'save' | 'none' = neverAnswer.has(inv.contact_id) ? 'none' : roll < 0.74 ? 'submit' : roll < 0.8 ? 'save' : 'none';
      return { inv, mood, day, lang, action, body: action === 'none' ? {} : answerForm(wave, lang, mood) };
    });
    const reminderDay = launchDay + 8;
    let reminded = false;
    for (const plan of [...plans].sort((a, b) => a.day - b.day || a.inv.id - b.inv.id)) {
      if (!reminded && plan.day >= reminderDay) {
        await queueDueReminders(db, ctx, at(reminderDay, 7));
        await markQueuedSent(at(reminderDay, 8));
        reminded = true;
      }
      if (plan.action === 'none') continue;
      const token = invitationToken(options.secret, plan.inv.salt);
      let body = plan.body;
      if (plan.action === 'save') {
        // A partial answer: the first part only, saved to continue later.
        body = Object.fromEntries(Object.entries(body).filter(([k]) => k === 'lang' || k.startsWith('a__overall') || k.startsWith('a__nps') || k.startsWith('a__rating_')));
      }
      const outcome = await saveOrSubmitResponse(db, { token, body, action: plan.action, lang: plan.lang }, at(plan.day, 8 + (plan.inv.id % 9)), hooks);
      if (outcome.kind !== (plan.action === 'save' ? 'saved' : 'submitted')) throw new Error(`demo answer refused: ${JSON.stringify(outcome).slice(0, 300)}`);
    }
    return id;
  }

  async function codeWave(campaignId: number, day: number, leaveUncoded: number): Promise<void> {
    const mentions = await db.selectFrom('problem_mention').select(['id', 'text']).where('campaign_id', '=', campaignId).where('category_id', 'is', null).orderBy('id').execute();
    const byKey = new Map<string, number[]>();
    for (const m of mentions) {
      if (rand() < leaveUncoded) continue;
      const key = keyOfText.get(m.text);
      if (!key) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), m.id]);
    }
    let minute = 0;
    for (const c of DEMO_CATEGORIES) {
      const ids = byKey.get(c.key);
      if (ids?.length) await codeMentions(db, manager, ids, categoryIds.get(c.key)!, new Date(at(day, 10).getTime() + minute++ * 240_000), campaignId);
    }
  }

  const ticketOf = (campaignId: number, key: string) => findTicketIdByCampaignCategory(db, campaignId, categoryIds.get(key)!);

  async function work(ticketId: number | undefined, team: string, steps: ({ day: number; comment?: string; by?: CurrentUser } & TicketUpdate)[]): Promise<void> {
    if (ticketId === undefined) return;
    for (const { day, comment, by, ...update } of steps) {
      const user = by ?? memberOf(team);
      if (comment) await addComment(db, user, ticketId, comment, at(day, 11));
      if (Object.keys(update).length) await updateTicket(db, user, ticketId, update, { now: at(day, 14), baseUrl: options.baseUrl });
    }
  }

  async function answerFollowups(ticketId: number | undefined, day: number, share: number, helpedShare: number): Promise<void> {
    if (ticketId === undefined) return;
    const rows = await db.selectFrom('followup').select('id').where('ticket_id', '=', ticketId).orderBy('id').execute();
    for (const f of rows) {
      if (rand() >= share) continue;
      await updateFollowupAnswer(db, f.id, rand() < helpedShare, at(day + Math.floor(rand() * 6), 13));
    }
  }

  // ---- last year's wave: answered, coded, closed, routed, worked, resolved ---------------
  const last = await runWave('last', `Annual ${year - 1}`, -372, -342);
  const bouncedEmail = await failInvitationMail(last, hardBounce.id, `550 5.1.1 <${hardBounce.email}>: Recipient address rejected: mailbox unavailable`, 1);
  await db.insertInto('suppression').values({ email: bouncedEmail, reason: '550 5.1.1 mailbox unavailable (hard bounce)', created_at: at(-372, 10).toISOString() }).execute();
  await runCampaignSchedule(db, ctx, at(-341, 0));
  await codeWave(last, -340, 0);

  await routeProblems(db, manager, last, { top: 6 }, { now: at(-336), baseUrl: options.baseUrl });
  const lead = memberOf('logistics');
  const late = await ticketOf(last, 'late');
  await work(late, 'logistics', [
    { day: -334, assigneeId: lead.id, status: 'in_progress', comment: 'Taking this one. Most complaints are about the Nordic routes in weeks 10–14.' },
    { day: -320, comment: 'Root cause: our main carrier lacked capacity. Second carrier contracted; delivery dates are now confirmed in the order confirmation.' },
    {
      day: -300,
      status: 'resolved',
      resolutionNote: {
        en: 'We have added a second carrier and now confirm every delivery date when you order. On-time deliveries rose from 82% to 97% this spring.',
        sv: 'Vi har lagt till en andra transportör och bekräftar nu varje leveransdatum när du beställer. Andelen leveranser i tid har ökat från 82 % till 97 % i vår.',
        da: 'Vi har tilføjet en ekstra fragtmand og bekræfter nu hver leveringsdato, når du bestiller. Andelen af leverancer til tiden er steget fra 82 % til 97 % i foråret.',
      },
    },
    { day: -270, status: 'closed', by: manager, comment: 'Follow-ups answered mostly positively. Closing.' },
  ]);
  await answerFollowups(late, -298, 0.65, 0.8);

  const invoice = await ticketOf(last, 'invoice');
  const freja = memberOf('finance');
  await work(invoice, 'finance', [
    { day: -330, assigneeId: freja.id, status: 'in_progress' },
    { day: -318, comment: 'Price lists in the ERP were not updated after the January change. Fixed and a monthly check added.' },
    {
      day: -305,
      status: 'resolved',
      resolutionNote: {
        en: 'Invoices are now checked against your order and agreed prices before they are sent.',
        sv: 'Fakturorna kontrolleras nu mot er order och avtalade priser innan de skickas.',
        da: 'Fakturaerne kontrolleres nu mod jeres ordre og aftalte priser, før de sendes.',
      },
    },
  ]);
  await answerFollowups(invoice, -303, 0.5, 0.45);

  const support = await ticketOf(last, 'support');
  const sam = memberOf('support');
  await work(support, 'support', [
    { day: -333, assigneeId: sam.id, status: 'in_progress', comment: 'Adding a second line in the mornings.' },
    {
      day: -310,
      status: 'resolved',
      resolutionNote: {
        en: 'We have added staff to customer support and now answer the phone within 2 minutes on weekdays.',
        sv: 'Vi har utökat kundsupporten och svarar nu i telefon inom 2 minuter på vardagar.',
        da: 'Vi har udvidet kundesupporten og svarer nu telefonen inden for 2 minutter på hverdage.',
      },
    },
    { day: -250, status: 'reopened', by: manager, comment: 'KAMs report that e-mail tickets still wait for days. Reopening: the phone fix did not cover e-mail.' },
  ]);
  await answerFollowups(support, -308, 0.5, 0.3);

  const damaged = await ticketOf(last, 'damaged');
  await work(damaged, 'logistics', [
    { day: -331, status: 'in_progress', comment: 'New pallet wrapping trial with the warehouse.' },
    {
      day: -290,
      status: 'resolved',
      resolutionNote: {
        en: 'All pallets are now wrapped with corner protection and checked before loading.',
        sv: 'Alla pallar plastas nu med hörnskydd och kontrolleras före lastning.',
        da: 'Alle paller pakkes nu med hjørnebeskyttelse og kontrolleres før læsning.',
      },
    },
    { day: -280, status: 'closed', by: manager },
  ]);
  for (const key of ['quality', 'info', 'contact']) {
    const id = await ticketOf(last, key);
    const team = categoryByKey.get(key)!.team!;
    await work(id, team, [{ day: -320, status: 'in_progress', by: manager, comment: 'Workshop with the team planned; waiting for the owner to pick this up.' }]);
  }

  // Between the waves some contacts opt out (as through the unsubscribe link).
  for (const [i, c] of optOuts.entries()) await updateContactOptedOut(db, c.id, at(-220 + i * 17));

  // ---- this year's wave: running, partly coded, routed, being worked ---------------------
  const current = await runWave('this', `Annual ${year}`, -20, 10);
  await failInvitationMail(current, failedThisYear[0]!.id, '552 5.2.2 Mailbox full: user is over quota', 1);
  await failInvitationMail(current, failedThisYear[1]!.id, '421 4.4.2 Connection timed out (gave up after 8 attempts)', 8);
  await failInvitationMail(current, failedThisYear[2]!.id, '550 5.7.1 Message rejected by recipient policy', 1);
  await codeWave(current, -3, 0.3);
  await routeProblems(db, manager, current, { top: 5 }, { now: at(-2), baseUrl: options.baseUrl });
  const now2 = await db.selectFrom('ticket').select(['id', 'team_id']).where('campaign_id', '=', current).orderBy('id').execute();
  const teamKeyOf = (teamId: number) => [...teamIds.entries()].find(([, id]) => id === teamId)![0];
  if (now2[0]) await work(now2[0].id, teamKeyOf(now2[0].team_id), [{ day: -1, status: 'in_progress', comment: 'Looking at this now; first findings by Friday.' }]);
  if (now2[1]) await work(now2[1].id, teamKeyOf(now2[1].team_id), [{ day: -1, dueDate: at(-1).toISOString().slice(0, 10), by: manager, comment: 'Needed before the steering group: due date moved forward.' }]);
  await escalateOverdueTickets(db, at(0, 6), { baseUrl: options.baseUrl });

  // Everything the story queued was "delivered" at its time, so the running demo does not mail 200 fictional people.
  await markPendingSentAtCreation(db);

  return {
    customers: (await db.selectFrom('customer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    contacts: contacts.length,
    campaigns: [
      { id: last, name: `Annual ${year - 1}` },
      { id: current, name: `Annual ${year}` },
    ],
  };
}

async function markPendingSentAtCreation(db: Db): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: eb.ref('created_at'), attempts: 1, message_id: '<demo@demo.example>' }))
    .where('status', '=', 'pending')
    .execute();
}
