import type { Db } from '../db/database';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages';
import type { CurrentUser } from '../auth/user';
import { ROLES } from '../auth/user';
import { listRunningCampaigns } from '../campaigns/campaign.repository';
import { getCampaignProgress } from '../campaigns/campaign-progress.service';
import type { ProgressFigures } from '../campaigns/campaign';
import { countOutboxByStatus } from '../mail/outbox.repository';
import { listTeams } from '../accounts/team.repository';
import { countActiveUsersByRole } from '../accounts/user.repository';
import { listTicketsFor } from '../tickets/ticket.service';
import { listFollowupApprovals } from '../tickets/followup-review.service';
import { getAlertMail, listOpenAlerts } from '../tickets/kam-alert.service';
import type { AlertMail, KamAlert } from '../tickets/kam-alert.repository';
import { ACTIVE_STATUSES, TICKET_STATUSES, type Ticket } from '../tickets/ticket';
import {
  countSuppressions,
  listActiveTicketsOnAccountsOfKam,
  listCampaignWork,
  listNotHelpfulTickets,
  listUnansweredAccountsOfKam,
  type AccountTicket,
  type CampaignWork,
  type NotHelpfulTicket,
  type UnansweredAccounts,
} from './dashboard.repository';

type ListedTicket = Ticket & { isOverdue: boolean };

export interface RunningWave {
  id: number;
  name: string;
  total: ProgressFigures;
  bySegment: (ProgressFigures & { segment: string | null })[];
}

export interface ManagerDashboard {
  kind: 'manager';
  waves: RunningWave[];
  /** Campaigns with mentions to code or problems to route (the others are left out). */
  work: CampaignWork[];
  overdue: { count: number; tickets: ListedTicket[] };
  approvals: { tickets: number; mails: number };
  notHelpful: { total: number; tickets: NotHelpfulTicket[] };
}

export interface MemberDashboard {
  kind: 'member';
  byStatus: { status: string; count: number }[];
  /** Active tickets, soonest due first. */
  active: ListedTicket[];
  overdue: number;
}

export interface KamDashboard {
  kind: 'kam';
  unanswered: UnansweredAccounts[];
  alerts: { total: number; alerts: KamAlert[] };
  tickets: AccountTicket[];
  approvals: number;
  alertMail: AlertMail;
}

export interface AdminDashboard {
  kind: 'admin';
  mail: { failed: number; suppressed: number; queued: number; sent: number };
  users: { total: number; byRole: { role: string; count: number }[] };
  teams: { id: number; name: string; memberCount: number; isActive: boolean }[];
}

export type Dashboard = ManagerDashboard | MemberDashboard | KamDashboard | AdminDashboard;

const SHOWN_TICKETS = 10;
/** A KAM handles the newest alerts first; the older ones show as those are handled. */
const SHOWN_ALERTS = 10;

/**
 * What needs the user, by role, each figure in the role's scope: a quality manager the running
 * waves and the work of the loop; a team member their teams' tickets; a KAM their own accounts
 * (unanswered, alerts, tickets); an admin mail delivery, users and teams.
 * @throws ForbiddenError only if a role's service refuses it (never for the role's own panels)
 */
export async function getDashboard(db: Db, user: CurrentUser, now: Date, lang: Language = DEFAULT_LANGUAGE): Promise<Dashboard> {
  switch (user.role) {
    case 'manager':
      return managerDashboard(db, user, now, lang);
    case 'member':
      return memberDashboard(db, user, now, lang);
    case 'kam':
      return kamDashboard(db, user, lang);
    case 'admin':
      return adminDashboard(db);
  }
}

/** Tickets are titled in `lang` (the reader's). */
async function managerDashboard(db: Db, user: CurrentUser, now: Date, lang: Language): Promise<ManagerDashboard> {
  const running = await listRunningCampaigns(db);
  const waves = await Promise.all(
    running.map(async (c) => {
      const progress = await getCampaignProgress(db, user, c.id, now);
      return { id: c.id, name: c.name, total: progress.total, bySegment: progress.bySegment };
    }),
  );
  const [work, overdue, approvals, notHelpful] = await Promise.all([
    listCampaignWork(db),
    listTicketsFor(db, user, { isOverdue: true }, now, lang),
    listFollowupApprovals(db, user),
    listNotHelpfulTickets(db),
  ]);
  return {
    kind: 'manager',
    waves,
    work: work.filter((w) => w.uncoded > 0 || w.routable > 0),
    overdue: { count: overdue.length, tickets: overdue.slice(0, SHOWN_TICKETS) },
    approvals: { tickets: approvals.length, mails: approvals.reduce((sum, a) => sum + a.held, 0) },
    notHelpful,
  };
}

/** Tickets are titled in `lang` (the reader's). */
async function memberDashboard(db: Db, user: CurrentUser, now: Date, lang: Language): Promise<MemberDashboard> {
  const tickets = await listTicketsFor(db, user, {}, now, lang);
  const active = tickets.filter((t) => ACTIVE_STATUSES.includes(t.status));
  return {
    kind: 'member',
    byStatus: TICKET_STATUSES.map((status) => ({ status, count: tickets.filter((t) => t.status === status).length })),
    active: active.slice(0, SHOWN_TICKETS),
    overdue: active.filter((t) => t.isOverdue).length,
  };
}

/** Alerts name their questions in `lang` (the reader's). */
async function kamDashboard(db: Db, user: CurrentUser, lang: Language): Promise<KamDashboard> {
  const [unanswered, alerts, tickets, approvals, alertMail] = await Promise.all([
    listUnansweredAccountsOfKam(db, user.id),
    listOpenAlerts(db, user, lang, SHOWN_ALERTS),
    listActiveTicketsOnAccountsOfKam(db, user.id),
    listFollowupApprovals(db, user),
    getAlertMail(db, user),
  ]);
  return { kind: 'kam', unanswered, alerts, tickets, approvals: approvals.length, alertMail };
}

async function adminDashboard(db: Db): Promise<AdminDashboard> {
  const [outbox, suppressed, byRole, teams] = await Promise.all([countOutboxByStatus(db), countSuppressions(db), countActiveUsersByRole(db), listTeams(db)]);
  const roles = ROLES.map((role) => ({ role, count: byRole[role] ?? 0 }));
  return {
    kind: 'admin',
    mail: { failed: outbox.failed ?? 0, suppressed, queued: (outbox.pending ?? 0) + (outbox.sending ?? 0), sent: outbox.sent ?? 0 },
    users: { total: roles.reduce((sum, r) => sum + r.count, 0), byRole: roles },
    teams: teams.map((t) => ({ id: t.id, name: t.name, memberCount: t.memberCount, isActive: t.isActive })),
  };
}
