// Pure rules of the account report: which language it speaks and how answers and tickets group (no I/O).
import { isLanguage, resolveLanguage, textIn, type Language } from '../shared/languages';
import type { ResolutionNote, TicketStatus } from '../tickets/ticket';

/** The customer's language: the one most of its contacts speak, else the customer's preference, else English. */
export function reportLanguageOf(contactLanguages: readonly string[], customerLanguage: string | null): Language {
  return resolveLanguage(contactLanguages.find(isLanguage), customerLanguage);
}

export interface ReportMention {
  text: string;
  rank: number;
  categoryId: number | null;
  categoryNames: Record<string, string> | null;
}

export interface ReportTicket {
  categoryId: number;
  status: TicketStatus;
  resolutionNote: ResolutionNote;
  resolvedAt: string | null;
}

export interface ToldUsItem {
  categoryId: number;
  category: string;
  mentions: number;
  /** The customer's own words, best rank first. */
  verbatims: string[];
}

export interface AccountReportSections {
  toldUs: ToldUsItem[];
  /** Problems listed in their own words that are not coded to a category yet. */
  uncoded: string[];
  done: { category: string; note: string; resolvedAt: string | null }[];
  working: { category: string; status: 'open' | 'in_progress' | 'reopened' }[];
}

const DONE: readonly TicketStatus[] = ['resolved', 'closed'];

/**
 * The three parts of the report: what the account's contacts listed (by category, best rank first,
 * then most mentioned), the tickets of those categories that are resolved or closed with the note
 * in the customer's language, and those still being worked.
 */
export function accountReportSections(mentions: readonly ReportMention[], tickets: readonly ReportTicket[], lang: Language): AccountReportSections {
  const byCategory = new Map<number, ToldUsItem & { bestRank: number }>();
  const uncoded: string[] = [];
  for (const m of mentions) {
    if (m.categoryId === null || !m.categoryNames) {
      uncoded.push(m.text);
      continue;
    }
    const item = byCategory.get(m.categoryId) ?? { categoryId: m.categoryId, category: textIn(m.categoryNames, lang), mentions: 0, verbatims: [], bestRank: m.rank };
    item.mentions += 1;
    item.bestRank = Math.min(item.bestRank, m.rank);
    item.verbatims.push(m.text);
    byCategory.set(m.categoryId, item);
  }
  const toldUs = [...byCategory.values()]
    .sort((a, b) => a.bestRank - b.bestRank || b.mentions - a.mentions || a.category.localeCompare(b.category))
    .map(({ bestRank: _bestRank, ...item }) => item);
  const done: AccountReportSections['done'] = [];
  const working: AccountReportSections['working'] = [];
  for (const item of toldUs) {
    const ticket = tickets.find((t) => t.categoryId === item.categoryId);
    if (!ticket) continue;
    if (DONE.includes(ticket.status)) done.push({ category: item.category, note: textIn(ticket.resolutionNote, lang), resolvedAt: ticket.resolvedAt });
    else working.push({ category: item.category, status: ticket.status as 'open' | 'in_progress' | 'reopened' });
  }
  return { toldUs, uncoded, done, working };
}
