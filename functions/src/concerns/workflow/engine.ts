/**
 * The workflow engine: pure functions from (route, state, command, time) to (new state, events). No I/O, no
 * authorisation (the policy decides who; the engine decides what is a valid move). Every function returns a new
 * state; the caller persists it with the events in one item write. This module is the engine's public face;
 * each job lives in its own module beside it.
 */
export type { ActorRef, ConcernContext, DecisionCommand, Transition } from './types';
export { outcomesFor, stageAt, stepDefinition } from './route-lookup';
export { isActive } from './state-ops';
export { reviewRecipients } from './recipients';
export { startWorkflow } from './start';
export { decide } from './decide';
export { supplyInformation } from './information';
export { addNote } from './notes';
export { assignStep } from './assign';
export { recordReview } from './reviews';
export { escalateForNoDecider } from './escalation';
export { tick } from './time';
export { WITH_PREVENT_TEAM, awaitsAnswerFrom, referrerStatus } from './referrer-status';
export { invariantViolations } from './invariants';
