import {
  canMoveTo,
  isOverdue,
  missingNoteLanguages,
  noteFor,
  pickVerbatims,
  requiredNoteLanguages,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../src/tickets/ticket';

const VALID: [TicketStatus, TicketStatus][] = [
  ['open', 'in_progress'],
  ['in_progress', 'resolved'],
  ['resolved', 'closed'],
  ['resolved', 'reopened'],
  ['reopened', 'in_progress'],
];

describe('ticket status machine', () => {
  const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s is allowed only if it is one of the five moves', (from, to) => {
    const expected = VALID.some(([f, t]) => f === from && t === to);
    expect(canMoveTo(from, to)).toBe(expected);
  });
});

describe('resolution note languages', () => {
  it('requires the languages of the reporting customers, unknown ones counting as English', () => {
    expect(requiredNoteLanguages(['sv', 'da', 'sv', 'fi', null])).toEqual(['en', 'sv', 'da']);
    expect(requiredNoteLanguages(['sv'])).toEqual(['sv']);
  });

  it('requires English when nobody reported the problem', () => {
    expect(requiredNoteLanguages([])).toEqual(['en']);
  });

  it('reports blank languages as missing', () => {
    expect(missingNoteLanguages({ en: 'Fixed', sv: '  ' }, ['en', 'sv', 'da'])).toEqual(['sv', 'da']);
  });

  it('gives the reader their language, else English', () => {
    expect(noteFor({ en: 'Fixed', da: 'Rettet' }, 'da')).toBe('Rettet');
    expect(noteFor({ en: 'Fixed' }, 'sv')).toBe('Fixed');
  });
});

describe('overdue', () => {
  it('is overdue from the day after the due date while still being worked', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-04-01' }, new Date('2026-04-01T23:59:00Z'))).toBe(false);
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-04-01' }, new Date('2026-04-02T00:00:00Z'))).toBe(true);
    expect(isOverdue({ status: 'resolved', dueDate: '2026-04-01' }, new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });
});

describe('verbatims', () => {
  it('puts the most important and most explicit first, without duplicates', () => {
    const picked = pickVerbatims(
      [
        { text: 'slow', language: 'en', rank: 2 },
        { text: 'Invoices arrive late every month', language: 'en', rank: 1 },
        { text: 'late', language: 'en', rank: 1 },
        { text: 'Late', language: 'en', rank: 3 },
      ],
      3,
    );
    expect(picked.map((v) => v.text)).toEqual(['Invoices arrive late every month', 'late', 'slow']);
  });
});
