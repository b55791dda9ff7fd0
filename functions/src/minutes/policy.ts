/**
 * Who may do what with minutes and the action log. Role-level actions go into the kernel's registry; per-record
 * rules live here: the secretariat writes, circulates and records the approval of minutes; once circulated they
 * are seen by the meeting's invitees, the secretariat and (for a Board) the Board; a draft only by the
 * secretariat. A restricted item's minutes and actions are seen only by those cleared for it (the meeting's
 * rule: the people named, the secretariat and the chair), and an action by its owner too. An action's status is
 * changed by its owner or the secretariat.
 */
import type { MeetingForPack, MinutesStatus, Role } from '@pph/contract';
import { hasRole, type Actor } from '../kernel/auth/actor';
import type { ActionTable } from '../kernel/auth/registry';
import type { ActionState } from './state';

const SECRETARIAT: Role[] = ['secretariat'];
/** Who sees every Board meeting's minutes and the whole action log (restricted items aside). */
const BOARD_OVERSEERS: Role[] = ['secretariat', 'board-chair', 'board-member', 'prevent-coordinator'];

export const MINUTES_ACTIONS: ActionTable = {
  'minutes.read': {
    // Attendees hold many roles (a Channel panel's members, a steering group's leads): the meeting decides.
    roles: 'anyone',
    refused: 'You cannot see minutes in the hub.',
  },
  'minutes.write': {
    roles: SECRETARIAT,
    refused: 'Only the secretariat writes, circulates and records the approval of minutes.',
  },
  'action-log.read': { roles: 'anyone', refused: 'You cannot see the action log.' },
  'action.update': { roles: 'anyone', refused: 'You cannot change actions.' },
};

export const isSecretariat = (actor: Actor) => hasRole(actor, ...SECRETARIAT);
export const overseesActions = (actor: Actor) => hasRole(actor, ...BOARD_OVERSEERS);

const invited = (actor: Actor, m: MeetingForPack) => m.invitees.some((i) => i.personId === actor.id);

/** Whether the actor sees this meeting's minutes at all, in this status. */
export function seesMinutes(actor: Actor, m: MeetingForPack, status: MinutesStatus | 'none'): boolean {
  if (isSecretariat(actor)) return true;
  if (status === 'none' || status === 'draft') return false;
  if (invited(actor, m)) return true;
  return m.meeting.kind === 'prevent-board' && hasRole(actor, 'board-chair', 'board-member');
}

/** Whether the actor is cleared for the agenda item (always, for an item that is not restricted). */
export function clearedForItem(actor: Actor, item: { restricted: boolean; clearedFor: readonly string[] }) {
  return !item.restricted || item.clearedFor.includes(actor.id);
}

/** Whether the actor sees the action: its owner; else one who oversees the log or was at the meeting, if cleared. */
export function seesAction(actor: Actor, a: ActionState): boolean {
  if (a.owner.id === actor.id) return true;
  if (a.restricted && !a.clearedFor.includes(actor.id)) return false;
  return overseesActions(actor);
}

export const mayUpdateAction = (actor: Actor, a: ActionState) =>
  a.owner.id === actor.id || isSecretariat(actor);
