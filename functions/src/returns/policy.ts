/**
 * Who may do what with returns. Role-level actions go into the kernel's registry; per-return rules live here:
 * an agency's return authors write its return; board members of other agencies approve it (the approval rule is
 * configuration); nobody approves their own agency's return; the secretariat and the Board see every return
 * once it is submitted, and the cycle at a glance.
 */
import {
  RETURN_STATUS_LABELS,
  type ApprovalRule,
  type CycleStatus,
  type ReturnPermissions,
  type Role,
} from '@pph/contract';
import { hasRole, type Actor } from '../kernel/auth/actor';
import type { ActionTable } from '../kernel/auth/registry';
import type { ReturnState } from './state';
import { isOutstanding } from './schedule';

const AUTHORS: Role[] = ['return-author'];
const BOARD: Role[] = ['board-member', 'board-chair'];
/** Who oversees returns: sees every submitted return, every cycle and the collation. */
const OVERSEERS: Role[] = [
  'board-member',
  'board-chair',
  'secretariat',
  'prevent-coordinator',
  'administrator',
];

export const RETURN_ACTIONS: ActionTable = {
  'return-cycles.read': {
    roles: [...AUTHORS, ...OVERSEERS],
    refused: 'Your role has no part in quarterly returns. Ask the hub administrator if it should.',
  },
  'return-cycle.overview': {
    roles: OVERSEERS,
    refused: 'Only the secretariat and the Board see every return of a cycle.',
  },
  'return-cycle.chase': {
    roles: ['secretariat', 'prevent-coordinator'],
    refused: 'Only the secretariat chases returns.',
  },
  'return-collation.read': {
    roles: OVERSEERS,
    refused: 'Only the Board and the secretariat see the collated returns.',
  },
  'my-returns.read': {
    roles: [...AUTHORS, ...BOARD],
    refused: 'Only return authors and board members have returns to write or approve.',
  },
  'return.read': {
    roles: [...AUTHORS, ...OVERSEERS],
    refused: 'Your role cannot see partner returns.',
  },
  'return.write': {
    roles: AUTHORS,
    refused: "Only your agency's return author writes its return. Ask the hub administrator for the role.",
  },
  'return.approve': {
    roles: BOARD,
    refused: 'Only board members approve or send back returns.',
  },
};

export const isOverseer = (actor: Actor) => hasRole(actor, ...OVERSEERS);

export interface ReturnFacts {
  partnerId: string;
  state: ReturnState;
  cycleStatus: CycleStatus;
  closesOn: string;
  opensOn: string;
}

const ownAgency = (actor: Actor, facts: Pick<ReturnFacts, 'partnerId'>) =>
  actor.partnerId === facts.partnerId;

export const isAuthorOf = (actor: Actor, facts: Pick<ReturnFacts, 'partnerId'>) =>
  ownAgency(actor, facts) && hasRole(actor, ...AUTHORS);

/** Whether the actor sees the return at all (its status and history). */
export const seesReturn = (actor: Actor, facts: Pick<ReturnFacts, 'partnerId'>) =>
  isAuthorOf(actor, facts) || isOverseer(actor);

/**
 * Whether the actor sees what the return says: its own agency always; the Board and the secretariat once it is
 * submitted (not a draft, nor a sent-back return being revised).
 */
export const seesContent = (actor: Actor, facts: Pick<ReturnFacts, 'partnerId' | 'state'>) =>
  isAuthorOf(actor, facts) ||
  (isOverseer(actor) && (facts.state.status === 'submitted' || facts.state.status === 'approved'));

/** Why the actor cannot change the return's content now, or undefined when they can. */
export function writeRefusal(actor: Actor, facts: ReturnFacts, partnerName: string): string | undefined {
  if (!isAuthorOf(actor, facts)) return `Only ${partnerName}'s return author can change its return.`;
  if (facts.cycleStatus === 'scheduled')
    return `This cycle opens on ${facts.opensOn}: the return can be written from then.`;
  if (facts.cycleStatus === 'closed')
    return `This cycle closed on ${facts.closesOn}, so its returns can no longer be changed. Ask the secretariat if a correction is needed.`;
  if (!isOutstanding(facts.state.status))
    return `This return is ${RETURN_STATUS_LABELS[facts.state.status].toLowerCase()}: it can be changed again only if a board member sends it back.`;
  return undefined;
}

/** Why the actor cannot approve (or send back) the return now, or undefined when they can. */
export function approveRefusal(
  actor: Actor,
  facts: ReturnFacts,
  rule: ApprovalRule,
  partnerName: string,
): string | undefined {
  if (!hasRole(actor, ...rule.approverRoles)) return 'Only board members approve or send back returns.';
  if (ownAgency(actor, facts))
    return `Nobody approves their own agency's return: a board member of another agency approves ${partnerName}'s.`;
  if (facts.cycleStatus === 'closed')
    return `This cycle closed on ${facts.closesOn}: its returns can no longer be approved or sent back.`;
  const { state } = facts;
  if (state.status !== 'submitted')
    return `This return is ${RETURN_STATUS_LABELS[state.status].toLowerCase()}: only a submitted return can be approved or sent back.`;
  if (state.approvals.some((a) => a.by.id === actor.id)) return 'You have approved this return already.';
  if (rule.distinctAgencies && state.approvals.some((a) => a.partnerId === actor.partnerId))
    return 'A board member of your agency has approved this return already: the next approval comes from another agency.';
  return undefined;
}

export function permissions(
  actor: Actor,
  facts: ReturnFacts,
  rule: ApprovalRule,
  partnerName: string,
): ReturnPermissions {
  const mayWrite = writeRefusal(actor, facts, partnerName) === undefined;
  const refusal = hasRole(actor, ...BOARD) ? approveRefusal(actor, facts, rule, partnerName) : undefined;
  const mayApprove = hasRole(actor, ...BOARD) && refusal === undefined;
  return {
    edit: mayWrite,
    submit: mayWrite,
    approve: mayApprove,
    sendBack: mayApprove,
    ...(refusal && facts.state.status === 'submitted' ? { approveRefusal: refusal } : {}),
  };
}
