/** What the person who raised a concern is shown of it: a status line, and whether it waits for their answer. */
import type { RouteDefinition } from '@pph/contract';
import { stageAt } from './route-lookup';
import type { WorkflowState } from './state';
import { isActive } from './state-ops';

/** What the referrer is told from screening to closure: nothing of police or panel decisions. */
export const WITH_PREVENT_TEAM = 'With the Prevent team';

/** Whether someone has been asked for information that a step is still waiting for. */
export function awaitsAnswerFrom(state: WorkflowState, personId: string): boolean {
  return state.infoRequests.some(
    (r) => r.toId === personId && r.response === undefined && isPendingRequest(state, r.stepId),
  );
}

export function referrerStatus(route: RouteDefinition, state: WorkflowState, referrerId: string): string {
  if (state.status === 'closed') return 'Closed';
  if (awaitsAnswerFrom(state, referrerId)) return 'Information requested from you';
  const active = state.steps.filter(isActive);
  // Nobody in that agency could take it, so it went straight to the escalation target.
  if (active.length > 0 && active.every((s) => s.escalatedBecause === 'no-decider')) return WITH_PREVENT_TEAM;
  return stageAt(route, state.stageIndex).referrerStatus;
}

function isPendingRequest(state: WorkflowState, stepId: string): boolean {
  return state.steps.some((s) => s.id === stepId && s.status === 'awaiting-information');
}
