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
import type { Contact } from '../customers/customer';
import type { SurveyDefinition } from '../surveys/survey-definition';
import type { Language } from './demo-data';
import { createTeam, createUser } from '../accounts/account.service';
import { importContacts } from '../customers/contact-import.service';
import { createCategory } from '../catalogue/catalogue.service';
import { createCampaign, launchCampaign } from '../campaigns/campaign.service';
import { queueDueReminders, runCampaignSchedule } from '../campaigns/campaign-schedule.service';
import type { CampaignContext } from '../campaigns/campaign-context';
import { DEFAULT_MAIL } from '../campaigns/campaign';
import { updateContactOptedOut } from '../campaigns/invitation.repository';
import { countCustomers, listContacts } from '../customers/customer.repository';
import { invitationToken } from '../campaigns/invitation-token';
import { openSurvey, saveOrSubmitResponse } from '../surveys/response.service';
import { fieldName } from '../surveys/answer';
import { kamAlertHook } from '../tickets/kam-alert.service';
import { codeMentions } from '../analysis/coding.service';
import { routeProblems } from '../tickets/routing.service';
import { addComment } from '../tickets/ticket.service';
import { updateTicket, type TicketUpdate } from '../tickets/ticket-update.service';
import { findTicketIdByCampaignCategory } from '../tickets/ticket.repository';
import { listFollowups, updateFollowupAnswer } from '../tickets/followup.repository';
import { escalateOverdueTickets } from '../tickets/escalation.service';
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
import {
  insertSuppression,
  listInvitationsToAnswer,
  listTicketsOfCampaign,
  listUncodedMentions,
  markInvitationMailFailed,
  markPendingMailsSent,
  markPendingMailsSentWhenQueued,
} from './demo.repository';

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

/** What every step of the story shares: the database, the seeded dice and the story's calendar. */
interface Story {
  db: Db;
  options: SeedOptions;
  rand: () => number;
  pick: <T>(list: readonly T[]) => T;
  /** A time `days` from today (negative: in the past), at the given UTC hour; never after `now`. */
  at: (days: number, hour?: number) => Date;
  campaigns: CampaignContext;
  year: number;
}

interface People {
  teamIds: Map<string, number>;
  admin: CurrentUser;
  manager: CurrentUser;
  /** A member of the team, else the manager. */
  memberOf: (team: string) => CurrentUser;
}

interface Catalogue {
  categoryIds: Map<string, number>;
  categoryByKey: Map<string, DemoCategory>;
  /** The category key of each verbatim, for coding. */
  keyOfText: Map<string, string>;
}

/** Who bounces, fails and opts out: fixed positions, so always the same people. */
interface Cast {
  hardBounce: Contact;
  failedThisYear: [Contact, Contact, Contact];
  optOuts: Contact[];
  neverAnswer: Set<number>;
}

type Demo = Story & { people: People; catalogue: Catalogue; cast: Cast };

type TicketStep = { day: number; comment?: string; by?: CurrentUser } & TicketUpdate;

/** The demo is written by the system, as the first admin is. */
const DEMO = systemActor('demo');

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const story = beginStory(db, options);
  const people = await addTeamsAndUsers(story);
  const catalogue = await addCatalogue(story, people);
  const contacts = await importCustomersAndContacts(story, people);
  const demo: Demo = { ...story, people, catalogue, cast: castContacts(contacts) };

  const last = await playLastYearsWave(demo);
  await optOutBetweenWaves(demo);
  const current = await playThisYearsWave(demo);
  // Everything the story queued was "delivered" at its time, so the running demo does not mail 200 fictional people.
  await markPendingMailsSentWhenQueued(db);

  return {
    customers: await countCustomers(db, {}),
    contacts: contacts.length,
    campaigns: [
      { id: last, name: `Annual ${story.year - 1}` },
      { id: current, name: `Annual ${story.year}` },
    ],
  };
}

function beginStory(db: Db, options: SeedOptions): Story {
  const rand = seededRandom(20260101);
  const base = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  return {
    db,
    options,
    rand,
    pick: (list) => list[Math.floor(rand() * list.length)]!,
    at: (days, hour = 9) => {
      const d = new Date(base + days * DAY + hour * 3_600_000);
      return days <= 0 && d > options.now ? new Date(options.now.getTime() - 60_000) : d;
    },
    campaigns: { templates: options.templates, secret: options.secret, baseUrl: options.baseUrl, isProduction: false },
    year: options.now.getUTCFullYear(),
  };
}

async function addTeamsAndUsers({ db, at }: Story): Promise<People> {
  const teamIds = new Map<string, number>();
  for (const t of DEMO_TEAMS) teamIds.set(t.key, await createTeam(db, DEMO, { name: t.name, email: t.email, isActive: true }, at(-420)));
  const users = new Map<string, CurrentUser>();
  for (const u of DEMO_USERS) {
    const ids = u.team ? [teamIds.get(u.team)!] : [];
    const id = await createUser(db, DEMO, { email: u.email, name: u.name, role: u.role, password: DEMO_PASSWORD, teamIds: ids }, at(-420));
    users.set(u.email, { id, email: u.email, name: u.name, role: u.role, teamIds: ids });
  }
  const manager = users.get('manager@demo.example')!;
  return {
    teamIds,
    admin: users.get('admin@demo.example')!,
    manager,
    memberOf: (team) => [...users.values()].find((u) => u.role === 'member' && u.teamIds.includes(teamIds.get(team)!)) ?? manager,
  };
}

async function addCatalogue({ db, at }: Story, { teamIds, manager }: People): Promise<Catalogue> {
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
  const keyOfText = new Map<string, string>();
  for (const c of DEMO_CATEGORIES) for (const lang of ['en', 'sv', 'da'] as const) for (const v of c.verbatims[lang]) keyOfText.set(v, c.key);
  return { categoryIds, categoryByKey: new Map(DEMO_CATEGORIES.map((c) => [c.key, c])), keyOfText };
}

/** Customers and contacts, through the import, as a CSV upload would bring them. */
async function importCustomersAndContacts({ db, rand, pick, at }: Story, { admin }: People): Promise<Contact[]> {
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
  return listContacts(db);
}

function castContacts(contacts: Contact[]): Cast {
  const hardBounce = contacts[7]!;
  const failedThisYear: Cast['failedThisYear'] = [contacts[20]!, contacts[50]!, contacts[77]!];
  return {
    hardBounce,
    failedThisYear,
    optOuts: [contacts[11]!, contacts[45]!, contacts[88]!, contacts[101]!],
    neverAnswer: new Set([hardBounce.id, ...failedThisYear.map((c) => c.id)]),
  };
}

/** Last year's wave: answered, coded, closed, routed, worked and resolved. */
async function playLastYearsWave(demo: Demo): Promise<number> {
  const { db, at, options, people, cast } = demo;
  const last = await runWave(demo, 'last', `Annual ${demo.year - 1}`, -372, -342);
  const bouncedEmail = await markInvitationMailFailed(
    db,
    last,
    cast.hardBounce.id,
    `550 5.1.1 <${cast.hardBounce.email}>: Recipient address rejected: mailbox unavailable`,
    1,
  );
  await insertSuppression(db, bouncedEmail, '550 5.1.1 mailbox unavailable (hard bounce)', at(-372, 10));
  await runCampaignSchedule(db, demo.campaigns, at(-341, 0));
  await codeWave(demo, last, -340, 0);
  await routeProblems(db, people.manager, last, { top: 6 }, { now: at(-336), baseUrl: options.baseUrl });
  await workLastYearsTickets(demo, last);
  return last;
}

async function workLastYearsTickets(demo: Demo, last: number): Promise<void> {
  const { people } = demo;
  const { manager, memberOf } = people;
  const ticketOf = (key: string) => findTicketIdByCampaignCategory(demo.db, last, demo.catalogue.categoryIds.get(key)!);

  const lead = memberOf('logistics');
  const late = await ticketOf('late');
  await work(demo, late, 'logistics', [
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
  await answerFollowups(demo, late, -298, 0.65, 0.8);

  const invoice = await ticketOf('invoice');
  const freja = memberOf('finance');
  await work(demo, invoice, 'finance', [
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
  await answerFollowups(demo, invoice, -303, 0.5, 0.45);

  const support = await ticketOf('support');
  const sam = memberOf('support');
  await work(demo, support, 'support', [
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
  await answerFollowups(demo, support, -308, 0.5, 0.3);

  const damaged = await ticketOf('damaged');
  await work(demo, damaged, 'logistics', [
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
    const id = await ticketOf(key);
    const team = demo.catalogue.categoryByKey.get(key)!.team!;
    await work(demo, id, team, [{ day: -320, status: 'in_progress', by: manager, comment: 'Workshop with the team planned; waiting for the owner to pick this up.' }]);
  }
}

/** Between the waves some contacts opt out (as through the unsubscribe link). */
async function optOutBetweenWaves({ db, at, cast }: Demo): Promise<void> {
  for (const [i, c] of cast.optOuts.entries()) await updateContactOptedOut(db, c.id, at(-220 + i * 17));
}

/** This year's wave: running, partly coded, routed, being worked. */
async function playThisYearsWave(demo: Demo): Promise<number> {
  const { db, at, options, people, cast } = demo;
  const current = await runWave(demo, 'this', `Annual ${demo.year}`, -20, 10);
  const [full, timedOut, rejected] = cast.failedThisYear;
  await markInvitationMailFailed(db, current, full.id, '552 5.2.2 Mailbox full: user is over quota', 1);
  await markInvitationMailFailed(db, current, timedOut.id, '421 4.4.2 Connection timed out (gave up after 8 attempts)', 8);
  await markInvitationMailFailed(db, current, rejected.id, '550 5.7.1 Message rejected by recipient policy', 1);
  await codeWave(demo, current, -3, 0.3);
  await routeProblems(db, people.manager, current, { top: 5 }, { now: at(-2), baseUrl: options.baseUrl });
  const tickets = await listTicketsOfCampaign(db, current);
  const teamKeyOf = (teamId: number) => [...people.teamIds.entries()].find(([, id]) => id === teamId)![0];
  const [first, second] = tickets;
  if (first) await work(demo, first.id, teamKeyOf(first.teamId), [{ day: -1, status: 'in_progress', comment: 'Looking at this now; first findings by Friday.' }]);
  if (second) {
    await work(demo, second.id, teamKeyOf(second.teamId), [
      { day: -1, dueDate: at(-1).toISOString().slice(0, 10), by: people.manager, comment: 'Needed before the steering group: due date moved forward.' },
    ]);
  }
  await escalateOverdueTickets(db, at(0, 6), { baseUrl: options.baseUrl });
  return current;
}

/**
 * One survey wave: created and launched by the manager, invitations delivered, answered on
 * personal links over the weeks (three in four submit, some save a partial answer), with the
 * reminder going out in between.
 */
async function runWave(demo: Demo, wave: 'last' | 'this', name: string, launchDay: number, closeDay: number): Promise<number> {
  const { db, at, rand, options, people, cast } = demo;
  const id = await createCampaign(
    db,
    people.manager,
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
    demo.campaigns,
    at(launchDay - 2),
  );
  await launchCampaign(db, systemActor('demo data'), id, demo.campaigns, at(launchDay));
  await markPendingMailsSent(db, at(launchDay, 10));
  const invitations = await listInvitationsToAnswer(db, id);
  const hooks = [kamAlertHook(options.baseUrl)];
  // Decide every respondent first (fixed order), then answer in date order, with the reminder in between.
  const lastDay = Math.min(closeDay - 3, -1);
  const plans = invitations.map((inv) => {
    const roll = rand();
    const mood = rand() < 0.1 ? rand() * 0.15 : 0.35 + rand() * 0.65;
    const day = launchDay + 1 + Math.floor(rand() * (lastDay - launchDay));
    const lang = (inv.language ?? inv.customerLanguage) as Language;
    const action: 'submit' | 'save' | 'none' = cast.neverAnswer.has(inv.contactId) ? 'none' : roll < 0.74 ? 'submit' : roll < 0.8 ? 'save' : 'none';
    return { inv, mood, day, lang, action, body: action === 'none' ? {} : answerForm(demo, wave, lang, mood) };
  });
  const reminderDay = launchDay + 8;
  let reminded = false;
  for (const plan of [...plans].sort((a, b) => a.day - b.day || a.inv.id - b.inv.id)) {
    if (!reminded && plan.day >= reminderDay) {
      await queueDueReminders(db, demo.campaigns, at(reminderDay, 7));
      await markPendingMailsSent(db, at(reminderDay, 8));
      reminded = true;
    }
    const token = invitationToken(options.secret, plan.inv.salt);
    // Everyone who answers opened the link first (an hour before); a few who never answer opened it too.
    if (plan.action !== 'none' || plan.inv.id % 4 === 0) await openSurvey(db, token, plan.lang, at(plan.day, 7 + (plan.inv.id % 9)));
    if (plan.action === 'none') continue;
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

/** `count` different keys, each drawn with its weight. */
function weightedPick(rand: () => number, weights: Record<string, number>, count: number): string[] {
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
function answerForm({ rand, pick, catalogue }: Demo, wave: 'last' | 'this', lang: Language, mood: number): Record<string, string> {
  const body: Record<string, string> = { lang };
  const rating = (spread: number) => String(Math.max(1, Math.min(5, Math.round(1 + mood * 4 + (rand() - 0.5) * spread))));
  body[fieldName('overall_satisfaction')] = rating(1);
  body[fieldName('nps')] = String(Math.max(0, Math.min(10, Math.round(mood * 10 + (rand() - 0.5) * 2))));
  const count = Math.max(1, Math.min(5, Math.round((1 - mood) * 4 + rand() * 1.5)));
  const problems = weightedPick(rand, WEIGHTS[wave], count);
  for (const key of ['ordering', 'delivery', 'invoicing', 'support', 'pace', 'reliability', 'care']) {
    if (rand() < 0.08) body[fieldName(`rating_${key}`)] = 'na';
    else {
      const hurt = (key === 'delivery' && problems.includes('late')) || (key === 'invoicing' && problems.includes('invoice')) || (key === 'support' && problems.includes('support'));
      body[fieldName(`rating_${key}`)] = hurt ? String(1 + Math.floor(rand() * 2)) : rating(2);
    }
  }
  problems.forEach((key, i) => {
    const category = catalogue.categoryByKey.get(key)!;
    if (rand() < 0.25) {
      body[fieldName('problems', i, 'pick')] = String(catalogue.categoryIds.get(key));
    } else {
      body[fieldName('problems', i, 'text')] = pick(category.verbatims[lang]);
    }
    body[fieldName('problems', i, 'rank')] = String(i + 1);
  });
  for (const c of DEMO_CATEGORIES) {
    const listed = problems.includes(c.key);
    if (!listed && rand() < 0.6) continue;
    const id = catalogue.categoryIds.get(c.key)!;
    body[fieldName('problem_rating', id, 'frequency')] = String(listed ? 3 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2));
    body[fieldName('problem_rating', id, 'bother')] = String(listed ? 3 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 3));
  }
  if (rand() < 0.3) body[fieldName('comments')] = pick(COMMENTS[lang]);
  return body;
}

/** The manager codes the own-words mentions to their categories, leaving a share uncoded. */
async function codeWave({ db, at, rand, people, catalogue }: Demo, campaignId: number, day: number, leaveUncoded: number): Promise<void> {
  const mentions = await listUncodedMentions(db, campaignId);
  const byKey = new Map<string, number[]>();
  for (const m of mentions) {
    if (rand() < leaveUncoded) continue;
    const key = catalogue.keyOfText.get(m.text);
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), m.id]);
  }
  let minute = 0;
  for (const c of DEMO_CATEGORIES) {
    const ids = byKey.get(c.key);
    if (ids?.length) await codeMentions(db, people.manager, { mentionIds: ids, categoryId: catalogue.categoryIds.get(c.key)!, campaignId }, new Date(at(day, 10).getTime() + minute++ * 240_000));
  }
}

/** A team works a ticket: comments and changes on the given days, by a member unless `by` says who. */
async function work({ db, at, options, people }: Demo, ticketId: number | undefined, team: string, steps: TicketStep[]): Promise<void> {
  if (ticketId === undefined) return;
  for (const { day, comment, by, ...update } of steps) {
    const user = by ?? people.memberOf(team);
    if (comment) await addComment(db, user, ticketId, comment, at(day, 11));
    if (Object.keys(update).length) await updateTicket(db, user, ticketId, update, { now: at(day, 14), baseUrl: options.baseUrl });
  }
}

/** A share of the follow-ups of a resolved ticket are answered in the days after, a share of those "it helped". */
async function answerFollowups({ db, at, rand }: Demo, ticketId: number | undefined, day: number, share: number, helpedShare: number): Promise<void> {
  if (ticketId === undefined) return;
  for (const f of await listFollowups(db, ticketId)) {
    if (rand() >= share) continue;
    await updateFollowupAnswer(db, f.id, rand() < helpedShare, at(day + Math.floor(rand() * 6), 13));
  }
}
