/**
 * The one authorisation point. Every service asks here before it reads or writes, whatever the entry point
 * (HTTP, bot, timer), so a rule changed here changes for every path. Decisions are by role AND partner agency.
 */
import { DecidingRoleSchema, type DecisionKind, type Decider, type Role } from '@pph/contract';
import { forbidden } from '../kernel/errors';
import type { ConcernFacts } from './facts';
import { stepDefinition } from './workflow/route-lookup';
import { isActive } from './workflow/state-ops';
import type { StepInstance, Visibility } from './workflow/state';
import { hasRole, type Actor } from '../kernel/auth/actor';
import { KERNEL_ACTIONS } from '../kernel/auth/kernel-actions';
import type { ActionTable } from '../kernel/auth/registry';

/** Defined with its builder in ./facts; exported here too, where the policy's callers have always found it. */
export type { ConcernFacts } from './facts';

export type Action =
  | 'concern.submit'
  | 'concern.read'
  | 'concern.decide'
  | 'concern.assign'
  | 'concern.supply-information'
  | 'concern.add-note'
  | 'concern.record-review'
  | 'queue.read'
  | 'my-concerns.read'
  | 'routes.read'
  | 'audit.verify'
  | 'draft.manage'
  | 'conversation-reference.save';

/** Role-level permissions, before any per-record check. */
const ROLE_ACTIONS: Record<Action, readonly Role[] | 'anyone'> = {
  'concern.submit': ['referrer'],
  'concern.read': [
    'referrer',
    'safeguarding-lead',
    'prevent-coordinator',
    'police-prevent',
    'channel-chair',
    'channel-member',
  ],
  'concern.decide': DecidingRoleSchema.options,
  'concern.assign': DecidingRoleSchema.options,
  'concern.supply-information': ['referrer'],
  'concern.add-note': [
    'referrer',
    'safeguarding-lead',
    'prevent-coordinator',
    'police-prevent',
    'channel-chair',
    'channel-member',
  ],
  'concern.record-review': ['prevent-coordinator', 'channel-chair'],
  'queue.read': 'anyone',
  'my-concerns.read': ['referrer'],
  'routes.read': [
    'prevent-coordinator',
    'administrator',
    'channel-chair',
    'police-prevent',
    'safeguarding-lead',
  ],
  'audit.verify': ['administrator'],
  'draft.manage': ['referrer'],
  'conversation-reference.save': 'anyone',
};

export function roleMayAttempt(actor: Actor, action: Action): boolean {
  const allowed = ROLE_ACTIONS[action];
  return allowed === 'anyone' || hasRole(actor, ...allowed);
}

export function requireRole(actor: Actor, action: Action): void {
  if (!roleMayAttempt(actor, action)) throw forbidden(FORBIDDEN_MESSAGES[action]);
}

const FORBIDDEN_MESSAGES: Record<Action, string> = {
  'concern.submit':
    'Your role cannot raise concerns in the hub. Ask the hub administrator to add the referrer role.',
  'concern.read': 'Your role cannot see concern records.',
  'concern.decide': 'Your role does not decide steps of a concern.',
  'concern.assign': 'Your role cannot pass steps to someone else.',
  'concern.supply-information':
    'Only the person who raised the concern can supply the information asked for.',
  'concern.add-note': 'Your role cannot add notes to concerns.',
  'concern.record-review': 'Only the Channel chair or the Prevent co-ordinator records reviews.',
  'queue.read': 'You cannot see a work queue.',
  'my-concerns.read': 'Your role does not raise concerns.',
  'routes.read': 'Your role cannot see route definitions.',
  'audit.verify': 'Only an administrator can verify the audit trail.',
  'draft.manage': 'Your role cannot raise concerns, so it has no drafts.',
  'conversation-reference.save': 'You cannot register for notifications.',
};

export function partnerMatches(
  actor: Actor,
  decider: Decider,
  facts: Pick<ConcernFacts, 'referrerPartnerId'>,
): boolean {
  if (!actor.roles.includes(decider.role)) return false;
  if (decider.partner.kind === 'referrer-partner') return actor.partnerId === facts.referrerPartnerId;
  return actor.partnerSector === decider.partner.sector;
}

/**
 * The partnership's Prevent co-ordinator: the role held in the local authority, which leads Prevent under the
 * duty. Only there does the role oversee every concern; the same role title in another agency grants nothing
 * beyond the steps a route gives it.
 */
export const PARTNERSHIP_COORDINATOR: Decider = {
  role: 'prevent-coordinator',
  partner: { kind: 'sector', sector: 'local-authority' },
};

export const isPartnershipCoordinator = (actor: Actor): boolean =>
  partnerMatches(actor, PARTNERSHIP_COORDINATOR, { referrerPartnerId: '' });

/** Tiers a role sees once it may read a concern as a caseworker. */
const ROLE_TIERS: Partial<Record<Role, readonly Visibility[]>> = {
  'prevent-coordinator': ['all', 'case', 'police', 'panel'],
  'police-prevent': ['all', 'case', 'police', 'panel'],
  'channel-chair': ['all', 'case', 'police', 'panel'],
  'channel-member': ['all', 'case', 'panel'],
  'safeguarding-lead': ['all', 'case'],
};

function involvedVia(actor: Actor, facts: ConcernFacts, step: StepInstance): Role | undefined {
  const def = stepDefinition(facts.route, step);
  if (step.assigneeId === actor.id) return def.decidedBy.role;
  if (partnerMatches(actor, def.decidedBy, facts)) return def.decidedBy.role;
  if (step.escalated && partnerMatches(actor, def.escalateTo, facts)) return def.escalateTo.role;
  return undefined;
}

export interface ReadAccess {
  /** Sees the case file (submission, steps, history by tier); false means the referrer's status view only. */
  caseworker: boolean;
  tiers: ReadonlySet<Visibility>;
}

/** How much of this concern the actor may see, or undefined if none of it. */
export function readAccess(actor: Actor, facts: ConcernFacts): ReadAccess | undefined {
  const tiers = new Set<Visibility>();
  const grant = (role: Role) => ROLE_TIERS[role]?.forEach((t) => tiers.add(t));
  if (isPartnershipCoordinator(actor)) grant('prevent-coordinator');
  for (const step of facts.state.steps) {
    const via = involvedVia(actor, facts, step);
    if (via) grant(via);
  }
  const panelReached = facts.state.steps.some((s) => stepDefinition(facts.route, s).visibility === 'panel');
  if (panelReached && hasRole(actor, 'channel-member')) grant('channel-member');
  if (tiers.size > 0) return { caseworker: true, tiers };
  if (facts.referrerId === actor.id && hasRole(actor, 'referrer'))
    return { caseworker: false, tiers: new Set(['all']) };
  return undefined;
}

export function requireRead(actor: Actor, facts: ConcernFacts): ReadAccess {
  requireRole(actor, 'concern.read');
  const access = readAccess(actor, facts);
  // Same answer whether the concern exists or not would be kinder to privacy, but staff need to know a
  // reference is right; the refusal names no detail of the record.
  if (!access) throw forbidden('You are not involved in this concern, so you cannot see it.');
  return access;
}

/** Whether this actor is one who decides this step (whatever its status): assignee, decider or escalation target. */
export function isStepDecider(actor: Actor, facts: ConcernFacts, step: StepInstance): boolean {
  if (!roleMayAttempt(actor, 'concern.decide') || facts.referrerId === actor.id) return false;
  const def = stepDefinition(facts.route, step);
  const escalatedToActor = step.escalated && partnerMatches(actor, def.escalateTo, facts);
  if (step.assigneeId) return step.assigneeId === actor.id || escalatedToActor;
  return partnerMatches(actor, def.decidedBy, facts) || escalatedToActor;
}

/** The decisions this actor may make on this step now (empty when none). */
export function allowedDecisions(actor: Actor, facts: ConcernFacts, step: StepInstance): DecisionKind[] {
  return isStepDecider(actor, facts, step) ? openDecisions(facts, step) : [];
}

/** The decisions this step takes now from whoever decides it. */
function openDecisions(facts: ConcernFacts, step: StepInstance): DecisionKind[] {
  if (facts.state.status !== 'open' || !isActive(step)) return [];
  const def = stepDefinition(facts.route, step);
  return def.decisions.filter(
    (d) => !(d === 'request-information' && step.status === 'awaiting-information'),
  );
}

/**
 * Refuses anyone who is not a decider of this step. A decider whose move is no longer valid (already decided,
 * concern closed) passes here and gets a conflict with the current state from the engine.
 */
export function requireStepDecider(actor: Actor, facts: ConcernFacts, step: StepInstance): void {
  requireRole(actor, 'concern.decide');
  if (facts.referrerId === actor.id)
    throw forbidden('You raised this concern, so someone else must decide it.');
  if (!isStepDecider(actor, facts, step))
    throw forbidden('This step is for someone else to decide (a different role or partner agency).');
}

/** Whether a person could be given this step (same role, the right agency, not the referrer). */
export function eligibleAssignee(person: Actor, facts: ConcernFacts, step: StepInstance): boolean {
  const def = stepDefinition(facts.route, step);
  return person.id !== facts.referrerId && partnerMatches(person, def.decidedBy, facts);
}

/** Delegation by the step's decider, or reassignment by the Prevent co-ordinator. */
export function canAssign(actor: Actor, facts: ConcernFacts, step: StepInstance): boolean {
  if (facts.state.status !== 'open' || !isActive(step)) return false;
  if (isPartnershipCoordinator(actor) && actor.id !== facts.referrerId) return true;
  return allowedDecisions(actor, facts, step).length > 0;
}

export function canRecordReview(actor: Actor, facts: ConcernFacts): boolean {
  return (
    roleMayAttempt(actor, 'concern.record-review') &&
    actor.id !== facts.referrerId &&
    readAccess(actor, facts)?.caseworker === true
  );
}

/** Visibility of a note by its author: the referrer's notes are for everyone who can see the concern. */
export function noteVisibility(actor: Actor, access: ReadAccess): Visibility {
  if (!access.caseworker) return 'all';
  if (access.tiers.has('police') && hasRole(actor, 'police-prevent') && !isPartnershipCoordinator(actor))
    return 'police';
  return 'case';
}

/** The concern capability's actions, for the kernel's authorisation registry (the kernel's own are left out). */
export const CONCERN_ACTIONS: ActionTable = Object.fromEntries(
  (Object.keys(ROLE_ACTIONS) as Action[])
    .filter((a) => !(a in KERNEL_ACTIONS))
    .map((a) => [a, { roles: ROLE_ACTIONS[a], refused: FORBIDDEN_MESSAGES[a] }]),
);
