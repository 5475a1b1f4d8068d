// Domain types and pure rules of action tickets (no I/O).
import { ValidationError } from '../shared/errors';
import { ENGLISH_LANGUAGE_NAMES, languageInText, LANGUAGES, resolveLanguage, textIn, translate, type Language, type Translate } from '../shared/languages';

/** The staff texts in English: what the API, the logs and the English unit tests read. */
const english = translate('en', 'staff');

export const TICKET_STATUSES = ['open', 'in_progress', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Each status's name in the staff catalogue (locales/<lang>/staff/tickets.json). */
export const STATUS_LABEL_KEYS: Readonly<Record<TicketStatus, string>> = {
  open: 'tickets.status.open',
  in_progress: 'tickets.status.in_progress',
  resolved: 'tickets.status.resolved',
  closed: 'tickets.status.closed',
  reopened: 'tickets.status.reopened',
};

/** Each status's name inside a sentence ("moved to in progress"); messages nest them as $t(tickets.statusInText.<code>). */
export const STATUS_IN_TEXT_KEYS: Readonly<Record<TicketStatus, string>> = {
  open: 'tickets.statusInText.open',
  in_progress: 'tickets.statusInText.in_progress',
  resolved: 'tickets.statusInText.resolved',
  closed: 'tickets.statusInText.closed',
  reopened: 'tickets.statusInText.reopened',
};

/** The status names inside a sentence, in the reader's language. */
export function statusesInTextIn(t: Translate): Record<TicketStatus, string> {
  return Object.fromEntries(TICKET_STATUSES.map((s) => [s, t(STATUS_IN_TEXT_KEYS[s])])) as Record<TicketStatus, string>;
}

/** The status names in the reader's language. */
export function statusLabelsIn(t: Translate): Record<TicketStatus, string> {
  return Object.fromEntries(TICKET_STATUSES.map((s) => [s, t(STATUS_LABEL_KEYS[s])])) as Record<TicketStatus, string>;
}

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

/** The status controls a ticket page offers. */
export interface StatusActions {
  /** Plain "Move to …" buttons, in the order of the status machine. */
  moves: TicketStatus[];
  /** Resolving has its own form, because it needs the resolution note. */
  canResolve: boolean;
  /** The details form edits the note only while the resolve form (which holds it) is not shown. */
  isNoteInDetails: boolean;
}

/**
 * Which status controls exist for a ticket: none for someone who may not work it; otherwise a
 * button for each allowed move except resolving, which is a form of its own.
 */
export function statusActions(status: TicketStatus, canWork: boolean): StatusActions {
  if (!canWork) return { moves: [], canResolve: false, isNoteInDetails: false };
  const next = nextStatuses(status);
  const canResolve = next.includes('resolved');
  return { moves: next.filter((s) => s !== 'resolved'), canResolve, isNoteInDetails: !canResolve };
}

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

/** Tickets still being worked; only these can be overdue. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'reopened'];

/** A resolution note may be written in every language the app speaks. */
export const NOTE_LANGUAGES = LANGUAGES;
export type NoteLanguage = Language;
export type ResolutionNote = Partial<Record<NoteLanguage, string>>;

/** Staff read the languages by their English names ("write the note in Swedish"). */
export const NOTE_LANGUAGE_LABELS: Readonly<Record<NoteLanguage, string>> = ENGLISH_LANGUAGE_NAMES;

/**
 * The note lacks languages the reporting customers read. Its texts are in English (the API's);
 * a page rebuilds it with `missing` in its reader's language.
 */
export class NoteIncompleteError extends ValidationError {
  constructor(
    readonly missing: readonly NoteLanguage[],
    t: Translate = english,
    lang: Language = 'en',
  ) {
    const name = (l: NoteLanguage) => languageInText(l, lang);
    super(
      t('tickets.errors.noteIncomplete', { languages: missing.map(name).join(', ') }),
      Object.fromEntries(missing.map((l) => [`resolutionNote.${l}`, [t('tickets.errors.noteMissingIn', { language: name(l) })]])),
    );
  }
}

/** A customer's language as the follow-up uses it: one we speak, else English. */
export function noteLanguageOf(value: string | null | undefined): NoteLanguage {
  return resolveLanguage(value);
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
  return textIn(note, language);
}

/**
 * The note after an edit: each language given replaces the stored text (trimmed), an empty
 * text removes that language, and languages not given stay as they were.
 */
export function mergeNote(current: ResolutionNote, given: ResolutionNote | undefined): ResolutionNote {
  if (!given) return current;
  const merged: ResolutionNote = { ...current };
  for (const lang of NOTE_LANGUAGES) {
    const text = given[lang];
    if (text === undefined) continue;
    if (text.trim()) merged[lang] = text.trim();
    else delete merged[lang];
  }
  return merged;
}

export function isSameNote(a: ResolutionNote, b: ResolutionNote): boolean {
  return NOTE_LANGUAGES.every((lang) => a[lang] === b[lang]);
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

/**
 * A ticket's title is its category's English name when it was routed. While it still is, a
 * reader reads the category's name in their own language; a title that differs (the category
 * renamed since) stays as it was stored.
 */
export function ticketTitleIn(title: string, englishName: string | null | undefined, nameInLanguage: string | null | undefined): string {
  return englishName && nameInLanguage && title === englishName ? nameInLanguage : title;
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

/** The stored due-days setting as a number of days: DEFAULT_DUE_DAYS when unset or not a positive whole number. */
export function dueDaysFrom(stored: string | undefined): number {
  const days = Number(stored);
  return stored !== undefined && Number.isInteger(days) && days > 0 ? days : DEFAULT_DUE_DAYS;
}

/** Many "No, it did not help" answers: at least this many, and at least this share of the answers. */
export const REOPEN_THRESHOLD = { notHelpful: 3, share: 0.5 } as const;

export interface ReopenSuggestion {
  notHelpful: number;
  answered: number;
  /** Reopening is a move the ticket can make now (only from resolved). */
  canReopen: boolean;
}

/**
 * Whether the ticket page suggests reopening: enough contacts answered that the resolution did
 * not help (REOPEN_THRESHOLD), on a ticket that was resolved or closed.
 */
export function reopenSuggestion(counts: Pick<FollowupCounts, 'answered' | 'helpful'>, status: TicketStatus): ReopenSuggestion | null {
  const notHelpful = counts.answered - counts.helpful;
  if (status !== 'resolved' && status !== 'closed') return null;
  if (notHelpful < REOPEN_THRESHOLD.notHelpful || notHelpful < counts.answered * REOPEN_THRESHOLD.share) return null;
  return { notHelpful, answered: counts.answered, canReopen: canMoveTo(status, 'reopened') };
}

/** The activity log in words: what each logged action is called on the ticket page. */
const ACTIVITY_LABEL_KEYS: Record<string, string> = {
  created: 'tickets.activity.created',
  status: 'tickets.activity.status',
  assignee: 'tickets.activity.assignee',
  due_date: 'tickets.activity.due_date',
  resolution_note: 'tickets.activity.resolution_note',
  comment: 'tickets.activity.comment',
  followups: 'tickets.activity.followups',
  followups_held: 'tickets.activity.followups_held',
  followups_approved: 'tickets.activity.followups_approved',
  followups_rejected: 'tickets.activity.followups_rejected',
  followups_resubmitted: 'tickets.activity.followups_resubmitted',
  not_helpful: 'tickets.activity.not_helpful',
  escalated: 'tickets.activity.escalated',
};

export function activityLabel(action: string, t: Translate = english): string {
  const key = ACTIVITY_LABEL_KEYS[action];
  return key ? t(key) : action.replace(/_/g, ' ');
}

/** What the activity log's details are read with: the reader's texts, language names, dates and the statuses' names in a sentence. */
export interface ActivityReader {
  t: Translate;
  languageName(code: string): string;
  date(iso: string): string;
  inText: Readonly<Record<TicketStatus, string>>;
}

const MAILS = String.raw`(\d+) follow-up mails?(?:\(s\))?`;
const DETAIL_SHAPES: { action: string; shape: RegExp; show(m: RegExpMatchArray, r: ActivityReader): string }[] = [
  { action: 'followups', shape: new RegExp(`^${MAILS} queued$`), show: (m, r) => r.t('tickets.activity.detail.queued', { count: Number(m[1]) }) },
  { action: 'followups_held', shape: new RegExp(`^${MAILS} waiting for approval$`), show: (m, r) => r.t('tickets.activity.detail.held', { count: Number(m[1]) }) },
  { action: 'followups_resubmitted', shape: new RegExp(`^${MAILS} waiting for approval again$`), show: (m, r) => r.t('tickets.activity.detail.heldAgain', { count: Number(m[1]) }) },
  { action: 'followups_rejected', shape: new RegExp(`^${MAILS}: ([\\s\\S]*)$`), show: (m, r) => r.t('tickets.activity.detail.rejected', { count: Number(m[1]), reason: m[2] }) },
  { action: 'created', shape: /^routed to (.*) \(rank (\d+)\)$/, show: (m, r) => r.t('tickets.activity.detail.routed', { team: m[1], rank: Number(m[2]) }) },
];

/**
 * An activity's logged detail as the reader reads it: statuses, languages, dates and "nobody" in
 * their language, the logged counts in a sentence of theirs; a detail of another shape as logged.
 */
export function activityDetail(action: string, detail: string | null, r: ActivityReader): string | null {
  if (!detail) return detail;
  const nobody = (name: string) => (name === 'nobody' ? r.t('tickets.show.nobody') : name);
  const each = (sep: string, show: (part: string) => string) => detail.split(sep).map(show).join(sep);
  switch (action) {
    case 'status':
      return each(' → ', (s) => (isTicketStatus(s) ? r.inText[s] : s));
    case 'due_date':
      return each(' → ', (d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? r.date(d) : d));
    case 'assignee':
      return each(' → ', nobody);
    case 'resolution_note': {
      const codes = detail.match(/^languages: (.*)$/)?.[1];
      if (codes === undefined) return detail;
      return codes === 'none' ? r.t('tickets.activity.detail.noLanguages') : r.t('tickets.activity.detail.languages', { languages: codes.split(', ').map(r.languageName).join(', ') });
    }
  }
  for (const d of DETAIL_SHAPES) {
    const m = d.action === action ? detail.match(d.shape) : null;
    if (m) return d.show(m, r);
  }
  return detail;
}
