// Domain types and pure rules of action tickets (no I/O).

export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
};

/** open → in_progress → resolved → closed, and resolved → reopened → in_progress. */
const MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: [],
  reopened: ['in_progress'],
};

export function canMoveTo(from: TicketStatus, to: TicketStatus): boolean {
  return MOVES[from].includes(to);
}

export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return MOVES[from];
}

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

/** Tickets still being worked; only these can be overdue. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'reopened'];

export const NOTE_LANGUAGES = ['en', 'sv', 'da'] as const;
export type NoteLanguage = (typeof NOTE_LANGUAGES)[number];
export type ResolutionNote = Partial<Record<NoteLanguage, string>>;

/** A customer's language as the follow-up uses it: en, sv or da, else English. */
export function noteLanguageOf(value: string | null | undefined): NoteLanguage {
  return (NOTE_LANGUAGES as readonly string[]).includes(value ?? '') ? (value as NoteLanguage) : 'en';
}

/**
 * The languages a resolution note must be written in: those of the customers who reported
 * the problem (unknown languages count as English), and English when nobody did.
 */
export function requiredNoteLanguages(reporterLanguages: readonly (string | null)[]): NoteLanguage[] {
  const set = new Set(reporterLanguages.map(noteLanguageOf));
  if (set.size === 0) set.add('en');
  return NOTE_LANGUAGES.filter((l) => set.has(l));
}

/** Languages of `required` that the note leaves empty. */
export function missingNoteLanguages(note: ResolutionNote, required: readonly NoteLanguage[]): NoteLanguage[] {
  return required.filter((l) => !note[l]?.trim());
}

/** The note in the reader's language, else English, else any language given. */
export function noteFor(note: ResolutionNote, language: NoteLanguage): string {
  return note[language]?.trim() || note.en?.trim() || NOTE_LANGUAGES.map((l) => note[l]?.trim()).find(Boolean) || '';
}

/** A date as YYYY-MM-DD in UTC. */
export function dateOnly(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Overdue: still being worked after its due date (the due day itself is not overdue). */
export function isOverdue(ticket: { status: TicketStatus; dueDate: string }, now: Date): boolean {
  return ACTIVE_STATUSES.includes(ticket.status) && ticket.dueDate < dateOnly(now);
}

export interface Verbatim {
  text: string;
  language: string;
  rank: number;
}

/** What the analysis said when the ticket was created; never recomputed. */
export interface TicketEvidence {
  rank: number;
  /** The ranking metric the campaign orders by. */
  orderBy: 'points' | 'problem_score';
  points: number;
  problemScore: number | null;
  share: number;
  mentions: number;
  respondents: number;
  accounts: number;
  meanRank: number | null;
  verbatims: Verbatim[];
  analysisUrl: string;
  filter: Record<string, unknown>;
}

/**
 * The most telling verbatims: ranked most important first, then the more explicit (longer)
 * texts, without duplicates, at most `limit`.
 */
export function pickVerbatims(mentions: Verbatim[], limit = 5): Verbatim[] {
  const seen = new Set<string>();
  return [...mentions]
    .filter((m) => m.text.trim())
    .sort((a, b) => a.rank - b.rank || b.text.trim().length - a.text.trim().length)
    .filter((m) => {
      const key = m.text.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}

export interface Ticket {
  id: number;
  campaignId: number;
  campaignName: string;
  categoryId: number;
  categoryName: string;
  teamId: number;
  teamName: string;
  title: string;
  status: TicketStatus;
  assigneeId: number | null;
  assigneeName: string | null;
  dueDate: string;
  evidence: TicketEvidence;
  resolutionNote: ResolutionNote;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export interface FollowupCounts {
  sent: number;
  answered: number;
  helpful: number;
}

/** Due-date default: days after creation, kept in table `setting` under this key. */
export const DUE_DAYS_SETTING = 'ticket_due_days';
export const DEFAULT_DUE_DAYS = 30;
