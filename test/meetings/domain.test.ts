/** The meetings' rules on their own: series dates, London time across clock changes, quorum, the agenda. */
import { DEFAULT_QUORUM_RULE, STANDING_ITEMS, type Invitee } from '@pph/contract';
import { insertItem, moveItem, standingAgenda } from '@pph/functions/meetings/agenda';
import { plan } from '@pph/functions/meetings/build';
import { londonInstant, londonLocal } from '@pph/functions/meetings/london-time';
import { quorum } from '@pph/functions/meetings/quorum';
import { occurrences } from '@pph/functions/meetings/recurrence';
import { papersReminderOn, dueReminders } from '@pph/functions/meetings/reminders';
import type { MeetingState } from '@pph/functions/meetings/state';

describe('a series of meetings', () => {
  it('falls on the nth weekday of each period', () => {
    const dates = occurrences({ every: 'quarter', weekday: 'TU', nth: 2, count: 4 }, '2027-01-01').map(
      (o) => o.date,
    );
    expect(dates).toEqual(['2027-01-12', '2027-04-13', '2027-07-13', '2027-10-12']);
  });

  it('moves a meeting that falls on a bank holiday to the next working day, and says so', () => {
    // The first Monday of May 2027 is the early May bank holiday; the last Monday of August, the summer one.
    const may = occurrences({ every: 'month', weekday: 'MO', nth: 1, count: 2 }, '2027-05-01');
    expect(may).toEqual([{ date: '2027-05-04', movedFrom: '2027-05-03' }, { date: '2027-06-07' }]);
    const august = occurrences({ every: 'year', weekday: 'MO', nth: -1, count: 1 }, '2027-08-01');
    expect(august).toEqual([{ date: '2027-08-31', movedFrom: '2027-08-30' }]);
    // 25 December 2026 is a Friday; Boxing Day's substitute is Monday 28th: the next working day is the 29th.
    const christmas = occurrences({ every: 'year', weekday: 'FR', nth: 4, count: 1 }, '2026-12-01');
    expect(christmas).toEqual([{ date: '2026-12-29', movedFrom: '2026-12-25' }]);
  });

  it('keeps London wall-clock time across the March and October clock changes', () => {
    const meetings = plan({
      start: '2027-02-09T10:00',
      end: '2027-02-09T12:00',
      recurrence: { every: 'month', weekday: 'TU', nth: 2, count: 10 },
    });
    const at = (date: string) => {
      const m = meetings.find((x) => x.start.startsWith(date))!;
      return [londonInstant(m.start).toISOString(), londonInstant(m.end).toISOString()];
    };
    expect(meetings.every((m) => m.start.endsWith('T10:00') && m.end.endsWith('T12:00'))).toBe(true);
    expect(at('2027-03-09')).toEqual(['2027-03-09T10:00:00.000Z', '2027-03-09T12:00:00.000Z']); // GMT
    expect(at('2027-04-13')).toEqual(['2027-04-13T09:00:00.000Z', '2027-04-13T11:00:00.000Z']); // BST
    expect(at('2027-10-12')).toEqual(['2027-10-12T09:00:00.000Z', '2027-10-12T11:00:00.000Z']); // BST
    expect(at('2027-11-09')).toEqual(['2027-11-09T10:00:00.000Z', '2027-11-09T12:00:00.000Z']); // GMT again
  });

  it('refuses a time the clocks skip, and reads one they repeat as the first', () => {
    expect(() => londonInstant('2027-03-28T01:30')).toThrow(/does not exist in London/);
    expect(londonInstant('2027-10-31T01:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(londonLocal(new Date('2027-10-31T01:30:00Z'))).toBe('2027-10-31T01:30');
  });
});

const invitee = (personId: string, partnerId: string, sector: Invitee['sector'], chair = false): Invitee => ({
  personId,
  displayName: personId,
  partnerId,
  partnerName: partnerId,
  sector,
  roles: ['board-member'],
  chair,
});
const board = [
  invitee('chair', 'council', 'local-authority', true),
  invitee('council-2', 'council', 'local-authority'),
  invitee('police', 'police', 'police'),
  invitee('probation', 'probation', 'probation'),
  invitee('health', 'health', 'health'),
  invitee('schools', 'schools', 'schools'),
];

describe('quorum', () => {
  it('is met with the chair, the local authority, the police and half the partners', () => {
    const q = quorum(
      {
        invitees: board,
        attendance: {
          chair: { status: 'present' },
          police: { status: 'deputy', deputy: { displayName: 'A deputy' } },
          probation: { status: 'present' },
          health: { status: 'apologies' },
        },
      },
      DEFAULT_QUORUM_RULE,
    );
    expect(q).toMatchObject({ met: true, partnersRepresented: 3, partnersInvited: 5 });
    expect(q.warning).toBeUndefined();
  });

  it('is not met without the chair or the police, with a warning that says what is missing', () => {
    const q = quorum(
      {
        invitees: board,
        attendance: {
          'council-2': { status: 'present' },
          police: { status: 'apologies' },
          probation: { status: 'absent' },
        },
      },
      DEFAULT_QUORUM_RULE,
    );
    expect(q.met).toBe(false);
    expect(q.warning).toBe(
      'The meeting is not quorate: the chair is not present; no one from the police is present; 1 of 5 partner agencies are represented and at least 3 are needed. Decisions taken should be confirmed at the next quorate meeting.',
    );
  });

  it('follows the rule as configured', () => {
    const q = quorum(
      { invitees: board, attendance: { probation: { status: 'present' } } },
      { chair: false, sectors: ['probation'], partnerFraction: 0.2 },
    );
    expect(q.met).toBe(true);
  });
});

describe('the agenda', () => {
  it('gives every Board meeting the standing items in order, and other meetings none', () => {
    expect(standingAgenda('prevent-board').map((i) => i.title)).toEqual(STANDING_ITEMS.map((s) => s.title));
    expect(standingAgenda('channel-panel')).toEqual([]);
  });

  it('puts a new item before any other business, and moves items to a position', () => {
    const item = { id: 'ITM-0008', title: 'New', restricted: false, clearedFor: [], papers: [] };
    const agenda = insertItem(standingAgenda('prevent-board'), item);
    expect(agenda.at(-2)!.id).toBe('ITM-0008');
    expect(agenda.at(-1)!.standing).toBe('any-other-business');
    const moved = moveItem(agenda, 'ITM-0008', 1);
    expect(moved.map((i) => i.id).slice(0, 2)).toEqual(['ITM-0008', 'ITM-0001']);
    expect(moveItem(moved, 'ITM-0008', 99).at(-1)!.id).toBe('ITM-0008');
  });
});

describe('reminders', () => {
  const state = (over: Partial<MeetingState> = {}): MeetingState =>
    ({
      id: 'MTG-2027-0001',
      title: 'Board',
      kind: 'prevent-board',
      start: '2027-01-12T10:00',
      end: '2027-01-12T12:00',
      location: { online: true },
      invitees: board,
      papersDueOn: '2027-01-05',
      status: 'scheduled',
      agenda: [
        {
          id: 'ITM-0001',
          title: 'Item',
          presenter: { personId: 'police', displayName: 'police' },
          restricted: false,
          clearedFor: [],
          papers: [],
        },
      ],
      notices: { papersDue: false, soon: false },
      ...over,
    }) as MeetingState;

  it('reminds presenters without a paper before the deadline, once', () => {
    expect(papersReminderOn(state())).toBe('2026-12-31');
    expect(dueReminders(state(), '2026-12-30')).toBeUndefined();
    const due = dueReminders(state(), '2026-12-31')!;
    expect(due.notices.map((n) => [n.type, n.recipientId])).toEqual([['meeting-papers-due', 'police']]);
    expect(dueReminders(state({ notices: due.flags }), '2026-12-31')).toBeUndefined();
  });

  it('tells every invitee the meeting is soon, and nobody once it is cancelled', () => {
    const due = dueReminders(state({ notices: { papersDue: true, soon: false } }), '2027-01-08')!;
    expect(due.notices).toHaveLength(board.length);
    expect(dueReminders(state({ status: 'cancelled' }), '2027-01-08')).toBeUndefined();
  });
});
