import {
  canMoveTo,
  DEFAULT_DUE_DAYS,
  dueDaysFrom,
  isOverdue,
  isSameNote,
  mergeNote,
  missingNoteLanguages,
  NOTE_LANGUAGES,
  noteFor,
  noteLanguageOf,
  pickVerbatims,
  reopenSuggestion,
  activityLabel,
  requiredNoteLanguages,
  statusActions,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../src/tickets/ticket';
import { LANGUAGES } from '../../src/shared/languages';

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

describe('status controls of a ticket page', () => {
  it('offers a button for each allowed move, and resolving as a form of its own', () => {
    expect(statusActions('open', true)).toEqual({ moves: ['in_progress'], canResolve: false, isNoteInDetails: true });
    expect(statusActions('in_progress', true)).toEqual({ moves: [], canResolve: true, isNoteInDetails: false });
    expect(statusActions('resolved', true)).toEqual({ moves: ['closed', 'reopened'], canResolve: false, isNoteInDetails: true });
    expect(statusActions('reopened', true)).toEqual({ moves: ['in_progress'], canResolve: false, isNoteInDetails: true });
  });

  it('offers nothing on a closed ticket but the note in the details', () => {
    expect(statusActions('closed', true)).toEqual({ moves: [], canResolve: false, isNoteInDetails: true });
  });

  it.each(TICKET_STATUSES)('offers nothing at all to someone who may not work a %s ticket', (status) => {
    expect(statusActions(status, false)).toEqual({ moves: [], canResolve: false, isNoteInDetails: false });
  });

  it.each(TICKET_STATUSES)('never offers a move the status machine refuses (%s)', (status) => {
    const { moves, canResolve } = statusActions(status, true);
    for (const to of moves) expect(canMoveTo(status, to)).toBe(true);
    expect(canResolve).toBe(canMoveTo(status, 'resolved'));
  });
});

describe('resolution note languages', () => {
  it('are the languages the app speaks', () => {
    expect(NOTE_LANGUAGES).toEqual(LANGUAGES);
  });

  it('reads a customer language we do not speak, or none, as English', () => {
    expect(noteLanguageOf('da')).toBe('da');
    expect(noteLanguageOf('fi')).toBe('en');
    expect(noteLanguageOf(null)).toBe('en');
  });

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

  it('gives the reader their language, else English, else any language written', () => {
    expect(noteFor({ en: 'Fixed', da: 'Rettet' }, 'da')).toBe('Rettet');
    expect(noteFor({ en: 'Fixed' }, 'sv')).toBe('Fixed');
    expect(noteFor({ en: '  ', da: ' Rettet ' }, 'sv')).toBe('Rettet');
    expect(noteFor({}, 'sv')).toBe('');
  });
});

describe('editing a resolution note', () => {
  it('replaces the languages given (trimmed), removes those given empty and keeps the rest', () => {
    expect(mergeNote({ en: 'Old', sv: 'Gammal', da: 'Gammel' }, { en: ' New ', sv: '  ' })).toEqual({ en: 'New', da: 'Gammel' });
  });

  it('keeps the note as it was when no note is given', () => {
    const note = { en: 'Fixed' };
    expect(mergeNote(note, undefined)).toBe(note);
    expect(isSameNote(mergeNote(note, { en: 'Fixed' }), note)).toBe(true);
    expect(isSameNote(mergeNote(note, { sv: 'Fixat' }), note)).toBe(false);
  });
});

describe('default due date setting', () => {
  it('uses the stored number of days when it is a positive whole number', () => {
    expect(dueDaysFrom('14')).toBe(14);
  });

  it.each([undefined, '', '0', '-3', '2.5', 'soon'])('falls back to the default for %p', (stored) => {
    expect(dueDaysFrom(stored)).toBe(DEFAULT_DUE_DAYS);
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

describe('suggesting to reopen after "No, it did not help" answers', () => {
  it.each([
    [{ answered: 6, helpful: 3 }, 'resolved', { notHelpful: 3, answered: 6, canReopen: true }],
    [{ answered: 3, helpful: 0 }, 'resolved', { notHelpful: 3, answered: 3, canReopen: true }],
    [{ answered: 4, helpful: 0 }, 'closed', { notHelpful: 4, answered: 4, canReopen: false }],
    [{ answered: 2, helpful: 0 }, 'resolved', null],
    [{ answered: 7, helpful: 4 }, 'resolved', null],
    [{ answered: 5, helpful: 0 }, 'reopened', null],
  ] as const)('%o on a %s ticket → %o', (counts, status, expected) => {
    expect(reopenSuggestion(counts, status)).toEqual(expected);
  });
});

describe('the activity log in words', () => {
  it('names each logged action, and falls back to the action without underscores', () => {
    expect(activityLabel('followups_held')).toBe('follow-ups waiting for approval');
    expect(activityLabel('not_helpful')).toBe('a customer said it did not help');
    expect(activityLabel('due_date')).toBe('due date');
    expect(activityLabel('some_new_thing')).toBe('some new thing');
  });
});
