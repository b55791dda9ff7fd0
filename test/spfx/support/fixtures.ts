/** Board views as the hub answers them, checked against the contract's schemas so a fixture cannot drift from it. */
import {
  AgendaItemViewSchema,
  AttendanceResponseSchema,
  MeetingViewSchema,
  MinutesViewSchema,
  type AgendaItemView,
  type AttendanceResponse,
  type MeetingView,
  type MinutesView,
} from '@pph/contract';

export const MEETING_ID = 'MTG-2027-0001';

export const item = (n: number, title: string, extra: Partial<AgendaItemView> = {}): AgendaItemView =>
  AgendaItemViewSchema.parse({
    id: `ITM-${String(n).padStart(4, '0')}`,
    position: n,
    title,
    restricted: false,
    clearedFor: [],
    cleared: true,
    papers: [],
    ...extra,
  });

export const AGENDA: AgendaItemView[] = [
  item(1, 'Welcome, introductions and apologies', { standing: 'apologies' }),
  item(2, 'Minutes of the last meeting', { standing: 'previous-minutes' }),
  item(3, 'Channel panel referrals review', { restricted: true }),
  item(4, 'Any other business', { standing: 'any-other-business' }),
];

const person = (personId: string, displayName: string, partnerId: string, partnerName: string) => ({
  personId,
  displayName,
  partnerId,
  partnerName,
});

export const attendance = (over: Partial<AttendanceResponse> = {}): AttendanceResponse =>
  AttendanceResponseSchema.parse({
    entries: [
      {
        ...person('p-chair', 'Morgan Chair', 'council', 'Harbourside Borough Council'),
        status: 'not-recorded',
      },
      { ...person('p-police', 'Jordan Police', 'police', 'Harbourside Police'), status: 'not-recorded' },
    ],
    quorum: { met: false, partnersRepresented: 0, partnersInvited: 2, checks: [] },
    ...over,
  });

export const meeting = (over: Partial<MeetingView> = {}): MeetingView =>
  MeetingViewSchema.parse({
    id: MEETING_ID,
    kind: 'prevent-board',
    kindLabel: 'Prevent Board',
    title: 'Prevent Board, January',
    status: 'scheduled',
    statusLabel: 'Scheduled',
    start: '2027-01-12T10:00',
    end: '2027-01-12T12:00',
    startsAt: '2027-01-12T10:00:00.000Z',
    endsAt: '2027-01-12T12:00:00.000Z',
    date: '2027-01-12',
    location: { venue: 'Civic Centre, Room 2', online: true },
    papersDueOn: '2027-01-05',
    papersDueWorkingDays: 5,
    etag: '"1"',
    invitees: [
      {
        ...person('p-chair', 'Morgan Chair', 'council', 'Harbourside Borough Council'),
        sector: 'local-authority',
        roles: ['board-chair'],
        chair: true,
      },
      {
        ...person('p-police', 'Jordan Police', 'police', 'Harbourside Police'),
        sector: 'police',
        roles: ['board-member'],
        chair: false,
      },
    ],
    agenda: AGENDA,
    attendance: attendance(),
    history: [],
    permissions: { edit: true, recordAttendance: true, markHeld: true },
    ...over,
  });

export const minutes = (over: Partial<MinutesView> = {}): MinutesView =>
  MinutesViewSchema.parse({
    meetingId: MEETING_ID,
    meetingTitle: 'Prevent Board, January',
    meetingDate: '2027-01-12',
    status: 'none',
    statusLabel: 'Not started',
    version: 0,
    etag: '"m0"',
    items: [],
    restrictedWithheld: 0,
    versions: [],
    can: { edit: true, circulate: false, approve: false },
    ...over,
  });
