/**
 * Who may do what with meetings. Role level (the kernel's registry): the secretariat schedules and edits; the
 * Board, Channel and partnership roles read. Per meeting (here): the secretariat sees every meeting; board
 * members and the chair every Board and steering group meeting; anyone else the meetings they are invited to.
 * A restricted item's papers only for those cleared: the people named, the secretariat and the chair.
 */
import type { MeetingKind, Role } from '@pph/contract';
import { hasRole, type Actor } from '../kernel/auth/actor';
import type { ActionTable } from '../kernel/auth/registry';
import type { MeetingState, StoredItem } from './state';

const SECRETARIAT: Role[] = ['secretariat'];
const READERS: Role[] = [
  'secretariat',
  'board-member',
  'board-chair',
  'channel-chair',
  'channel-member',
  'prevent-coordinator',
  'police-prevent',
  'safeguarding-lead',
];

export const MEETING_ACTIONS: ActionTable = {
  'meetings.read': {
    roles: READERS,
    refused: 'Your role has no part in partnership meetings. Ask the secretariat if you should be invited.',
  },
  'meeting.read': {
    roles: READERS,
    refused: 'Your role has no part in partnership meetings. Ask the secretariat if you should be invited.',
  },
  'meeting.schedule': { roles: SECRETARIAT, refused: 'Only the secretariat schedules meetings.' },
  'meeting.edit': {
    roles: SECRETARIAT,
    refused: 'Only the secretariat changes meetings, their agendas and papers.',
  },
  'meeting.attendance': { roles: SECRETARIAT, refused: 'Only the secretariat records attendance.' },
};

export const isSecretariat = (actor: Actor) => hasRole(actor, ...SECRETARIAT);

/** The role that chairs each kind of meeting. */
export const CHAIR_ROLE: Record<MeetingKind, Role> = {
  'prevent-board': 'board-chair',
  'steering-group': 'board-chair',
  'channel-panel': 'channel-chair',
};

const isChairOf = (actor: Actor, s: Pick<MeetingState, 'kind' | 'invitees'>) =>
  hasRole(actor, CHAIR_ROLE[s.kind]) || s.invitees.some((i) => i.personId === actor.id && i.chair);

export function seesMeeting(actor: Actor, s: Pick<MeetingState, 'kind' | 'invitees'>): boolean {
  if (isSecretariat(actor) || isChairOf(actor, s)) return true;
  if (s.kind !== 'channel-panel' && hasRole(actor, 'board-member', 'board-chair')) return true;
  return s.invitees.some((i) => i.personId === actor.id);
}

/** Whether the actor may see a restricted item's papers (anyone who sees the meeting, for any other item). */
export function clearedFor(
  actor: Actor,
  s: Pick<MeetingState, 'kind' | 'invitees'>,
  item: StoredItem,
): boolean {
  if (!item.restricted) return true;
  return isSecretariat(actor) || isChairOf(actor, s) || item.clearedFor.includes(actor.id);
}

/** Everyone cleared for a restricted item: the people named, the secretariat and the chair (by person id). */
export function everyoneCleared(
  s: Pick<MeetingState, 'invitees'>,
  item: StoredItem,
  secretariatIds: readonly string[],
): string[] {
  const chairs = s.invitees.filter((i) => i.chair).map((i) => i.personId);
  return [...new Set([...item.clearedFor, ...secretariatIds, ...chairs])];
}
