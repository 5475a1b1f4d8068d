// A ticket status by its name in the reader's language, for the pages that list tickets outside
// the ticket pages (overview, KAM pages, wave report). No I/O beyond the loaded catalogue.
import { translate, type Language } from '../shared/languages';
import { TICKET_STATUSES, type TicketStatus } from '../tickets/ticket';

const KEYS: Record<TicketStatus, string> = {
  open: 'home.ticketStatus.open',
  in_progress: 'home.ticketStatus.in_progress',
  resolved: 'home.ticketStatus.resolved',
  closed: 'home.ticketStatus.closed',
  reopened: 'home.ticketStatus.reopened',
};

const cache = new Map<Language, Readonly<Record<string, string>>>();

/** Every ticket status's name in `lang`: { in_progress: "Pågår", … }. */
export function ticketStatusLabels(lang: Language): Readonly<Record<string, string>> {
  let labels = cache.get(lang);
  if (!labels) {
    const t = translate(lang, 'staff');
    labels = Object.freeze(Object.fromEntries(TICKET_STATUSES.map((s) => [s, t(KEYS[s])])));
    cache.set(lang, labels);
  }
  return labels;
}

/** One status's name in `lang`; an unknown code is shown as a dash rather than as the code. */
export function ticketStatusLabel(status: string, lang: Language): string {
  return ticketStatusLabels(lang)[status] ?? '—';
}
