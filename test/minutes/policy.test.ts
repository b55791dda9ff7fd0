/**
 * The minutes' rules without I/O: who sees minutes in each status, who is cleared for a restricted item, who
 * sees and changes an action, and what each copy of a version holds.
 */
import type { MeetingForPack } from '@pph/contract';
import type { Actor } from '@pph/functions/kernel/auth/actor';
import { minutesDocument } from '@pph/functions/minutes/document-model';
import { clearedForItem, mayUpdateAction, seesAction, seesMinutes } from '@pph/functions/minutes/policy';
import type { ActionRecord } from '@pph/functions/minutes/repository';
import type { ActionState } from '@pph/functions/minutes/state';

const actor = (id: string, ...roles: Actor['roles'][number][]): Actor => ({
  id,
  displayName: id,
  partnerId: 'council',
  partnerSector: 'local-authority',
  roles,
});
const secretariat = actor('sec', 'secretariat');
const invitee = actor('inv', 'police-prevent');
const cleared = actor('clr', 'board-member');
const stranger = actor('str', 'referrer');
const member = actor('mem', 'board-member');

const meeting = (kind: MeetingForPack['meeting']['kind'] = 'prevent-board'): MeetingForPack =>
  ({
    meeting: { id: 'MTG-2027-0001', kind, kindLabel: 'Prevent Board', title: 'Prevent Partnership Board' },
    date: '2027-01-12',
    invitees: [{ personId: 'inv', displayName: 'inv' }],
    attendance: [],
    items: [
      { id: 'ITM-0001', position: 1, title: 'Open item', restricted: false, clearedFor: [], papers: [] },
      {
        id: 'ITM-0002',
        position: 2,
        title: 'Closed item',
        restricted: true,
        clearedFor: ['clr', 'sec'],
        papers: [],
      },
    ],
  }) as unknown as MeetingForPack;

it('keeps drafts to the secretariat and circulated minutes to invitees, the secretariat and the Board', () => {
  const m = meeting();
  expect(seesMinutes(secretariat, m, 'draft')).toBe(true);
  expect(seesMinutes(invitee, m, 'draft')).toBe(false);
  expect(seesMinutes(member, m, 'draft')).toBe(false);
  expect(seesMinutes(invitee, m, 'circulated')).toBe(true);
  expect(seesMinutes(member, m, 'approved')).toBe(true);
  expect(seesMinutes(stranger, m, 'approved')).toBe(false);
  // A Channel panel's minutes are its invitees' and the secretariat's, not the Board's.
  expect(seesMinutes(member, meeting('channel-panel'), 'approved')).toBe(false);
});

it('clears for a restricted item only those named', () => {
  const [open, closed] = meeting().items;
  expect(clearedForItem(stranger, open!)).toBe(true);
  expect(clearedForItem(cleared, closed!)).toBe(true);
  expect(clearedForItem(member, closed!)).toBe(false);
});

const action = (restricted: boolean): ActionState => ({
  revision: 0,
  text: 'Do it',
  owner: { id: 'own', displayName: 'Owner' },
  dueOn: '2027-02-01',
  status: 'open',
  meetingId: 'MTG-2027-0001',
  meetingDate: '2027-01-12',
  agendaItemId: 'ITM-0002',
  restricted,
  clearedFor: ['clr', 'sec'],
  history: [],
});

it('shows an action to its owner and the Board (a restricted one only if cleared); its owner or the secretariat change it', () => {
  const owner = actor('own', 'referrer');
  expect(seesAction(owner, action(true))).toBe(true);
  expect(seesAction(member, action(false))).toBe(true);
  expect(seesAction(member, action(true))).toBe(false);
  expect(seesAction(cleared, action(true))).toBe(true);
  expect(seesAction(stranger, action(false))).toBe(false);
  expect(mayUpdateAction(owner, action(false))).toBe(true);
  expect(mayUpdateAction(secretariat, action(false))).toBe(true);
  expect(mayUpdateAction(member, action(false))).toBe(false);
});

it('leaves restricted items out of the public copy entirely, and marks the restricted copy', () => {
  const items = [
    { agendaItemId: 'ITM-0001', discussion: 'Open words.', decisions: [], actions: [] },
    {
      agendaItemId: 'ITM-0002',
      discussion: 'Closed words.',
      decisions: ['Closed decision.'],
      actions: [{ key: 'k', owner: { id: 'own', displayName: 'Owner' }, dueOn: '2027-02-01', text: 'Do it' }],
    },
  ];
  const actions = new Map<string, ActionRecord>([
    [
      'k',
      {
        id: 1,
        etag: '"1"',
        actionId: 'ACT-2027-0001',
        key: 'k',
        chasedFor: undefined,
        hasPending: false,
        pending: [],
        state: action(true),
      },
    ],
  ]);
  const facts = { meeting: meeting(), items, actions, status: 'circulated' as const, version: 2 };
  const text = (copy: 'public' | 'restricted') => JSON.stringify(minutesDocument(facts, copy));
  expect(text('public')).toContain('Open words.');
  for (const hidden of ['Closed words.', 'Closed decision.', 'Closed item', 'ACT-2027-0001'])
    expect(text('public')).not.toContain(hidden);
  expect(text('public')).toContain('1 restricted item is not included in this copy.');
  expect(minutesDocument(facts, 'public').marking).toBeUndefined();
  expect(text('restricted')).toContain('Closed words.');
  expect(text('restricted')).toContain('ACT-2027-0001');
  expect(minutesDocument(facts, 'restricted').marking).toMatch(/^Restricted/);
});
