/**
 * Who may do what with board packs. The secretariat builds, supplements and publishes; the Board, the
 * co-ordinator and the meeting's invitees read published versions; drafts are the secretariat's. The restricted
 * copy goes only to those cleared for every restricted item in it (the secretariat and the chair always are).
 */
import type { Role } from '@pph/contract';
import { hasRole, type Actor } from '../kernel/auth/actor';
import type { ActionTable } from '../kernel/auth/registry';

const BUILDERS: Role[] = ['secretariat'];
const READERS: Role[] = [
  'secretariat',
  'board-member',
  'board-chair',
  'prevent-coordinator',
  'administrator',
  'police-prevent',
  'channel-chair',
];

export const PACK_ACTIONS: ActionTable = {
  'pack.build': {
    roles: BUILDERS,
    refused: 'Only the secretariat builds board packs.',
  },
  'pack.publish': {
    roles: BUILDERS,
    refused: 'Only the secretariat publishes board packs.',
  },
  'pack.read': {
    roles: READERS,
    refused: 'Board packs are for the Board, its invitees and the secretariat.',
  },
};

export const isPackSecretariat = (actor: Actor) => hasRole(actor, ...BUILDERS);

/** What the pack records of who may read a version (snapshots taken when it was built or published). */
export interface VersionAudience {
  status: 'draft' | 'published';
  invitees: readonly string[];
  /** Cleared for every restricted item of the version. */
  restrictedReaders: readonly string[];
}

/** Drafts are the secretariat's; a published version is for the invitees and the Board. */
export const seesVersion = (actor: Actor, v: VersionAudience) =>
  isPackSecretariat(actor) ||
  (v.status === 'published' &&
    (v.invitees.includes(actor.id) || hasRole(actor, 'board-member', 'board-chair', 'prevent-coordinator')));

export const mayReadRestricted = (actor: Actor, v: VersionAudience) =>
  seesVersion(actor, v) && (isPackSecretariat(actor) || v.restrictedReaders.includes(actor.id));
