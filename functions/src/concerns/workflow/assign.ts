/** Passing an open step to a named person. */
import type { RouteDefinition } from '@pph/contract';
import { notifyEvent } from './notify';
import { stepDefinition } from './route-lookup';
import type { WorkflowState } from './state';
import { findStep, invalidMove, isActive, revise } from './state-ops';
import type { ActorRef, ConcernContext, Transition } from './types';

/**
 * Passes an open step to someone else. `kind` is the policy's finding: "delegated" when one of the step's own
 * deciders hands it on, "reassigned" when the Prevent co-ordinator moves it. The record of it is seen at the
 * step's own tier (a police step's reassignment reason is police business).
 */
export function assignStep(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  cmd: { stepId: string; to: ActorRef; reason: string; kind: 'delegated' | 'reassigned' },
  actor: ActorRef,
  now: Date,
): Transition {
  if (prev.status !== 'open') throw invalidMove('This concern is closed.');
  const state = revise(prev);
  const step = findStep(state, cmd.stepId);
  if (!isActive(step)) throw invalidMove('This step has already been decided.');
  step.assigneeId = cmd.to.id;
  step.assigneeName = cmd.to.name;
  state.history.push({
    at: now.toISOString(),
    byId: actor.id,
    byName: actor.name,
    visibility: stepDefinition(route, step).visibility,
    summary: `Step ${cmd.kind} to ${cmd.to.name}: ${cmd.reason}`,
  });
  const assigned = notifyEvent(
    ctx,
    { type: 'step-assigned', to: 'assignee', passedBy: actor.name, dueOn: step.dueOn },
    {
      key: `${ctx.reference}:assigned:${step.id}:${cmd.to.id}:${state.history.length}`,
      recipients: [{ kind: 'person', id: cmd.to.id }],
      stepId: step.id,
    },
  );
  return { state, events: [assigned] };
}
