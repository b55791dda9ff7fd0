/** Escalation: a step's escalation target may decide it too, because it is overdue or nobody else can. */
import type { RouteDefinition, StepDefinition } from '@pph/contract';
import { notifyEvent } from './notify';
import { deciderRecipient } from './recipients';
import { stepDefinition } from './route-lookup';
import type { NotifyEvent, StepInstance, WorkflowState } from './state';
import { copyOf, isActive } from './state-ops';
import type { ConcernContext, Transition } from './types';

type Because = NonNullable<StepInstance['escalatedBecause']>;

/** Escalates one step in place, with its history line and the notice to the escalation target. */
export function escalate(
  ctx: ConcernContext,
  state: WorkflowState,
  step: StepInstance,
  def: StepDefinition,
  because: Because,
  now: Date,
  events: NotifyEvent[],
) {
  step.escalated = true;
  step.escalatedBecause = because;
  state.revision += 1; // who may decide has changed
  state.history.push({
    at: now.toISOString(),
    visibility: def.visibility,
    summary:
      because === 'overdue'
        ? `${def.title} overdue: escalated`
        : `${def.title}: nobody else can decide it, so it was escalated at once`,
  });
  events.push(
    notifyEvent(
      ctx,
      { type: 'escalated', stepTitle: def.title, dueOn: step.dueOn, because },
      {
        key: `${ctx.reference}:escalated:${step.id}:${step.dueOn}`,
        recipients: [deciderRecipient(step.stageIndex, step.stepKey, true)],
        stepId: step.id,
      },
    ),
  );
}

/**
 * Escalates at once the given open steps, which nobody can decide (the service finds them in the directory):
 * a concern must never wait for a time limit to run out before someone can act on it. Steps already escalated,
 * or no longer open, are left as they are.
 */
export function escalateForNoDecider(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  stepIds: readonly string[],
  now: Date,
): Transition {
  const state = copyOf(prev);
  const events: NotifyEvent[] = [];
  for (const step of state.steps) {
    if (!stepIds.includes(step.id) || !isActive(step) || step.escalated) continue;
    escalate(ctx, state, step, stepDefinition(route, step), 'no-decider', now, events);
  }
  return { state, events };
}
