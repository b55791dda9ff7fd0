/** The referrer's answer to a request for information. */
import type { RouteDefinition } from '@pph/contract';
import { addWorkingDays, londonDate, subtractWorkingDays } from '../../kernel/calendar/working-days';
import { DomainError } from '../../kernel/errors';
import { notifyEvent } from './notify';
import { stepRecipients } from './recipients';
import { stepDefinition } from './route-lookup';
import type { StepInstance, WorkflowState } from './state';
import { findStep, invalidMove, revise } from './state-ops';
import type { ActorRef, ConcernContext, Transition } from './types';

export function supplyInformation(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  requestId: string,
  response: string,
  actor: ActorRef,
  now: Date,
): Transition {
  const state = revise(prev);
  const request = state.infoRequests.find((r) => r.id === requestId);
  if (!request) throw new DomainError('not_found', `This concern has no information request "${requestId}".`);
  if (request.response !== undefined) throw invalidMove('This request has already been answered.');
  const step = findStep(state, request.stepId);
  const at = now.toISOString();
  request.response = response;
  request.respondedAt = at;
  state.history.push({
    at,
    byId: actor.id,
    byName: actor.name,
    visibility: 'all',
    summary: 'Information supplied',
  });
  const waiting = step.status === 'awaiting-information';
  if (waiting) resume(route, step, now);
  const supplied = notifyEvent(
    ctx,
    { type: 'information-supplied', ...(waiting ? { dueOn: step.dueOn } : {}) },
    {
      key: `${ctx.reference}:info-supplied:${request.id}`,
      // If the step moved on without it (decided, returned), the asker still hears it has come.
      recipients: waiting ? stepRecipients(step) : [{ kind: 'person', id: request.byId }],
      stepId: step.id,
      requestId: request.id,
    },
  );
  return { state, events: [supplied] };
}

/** The step waiting for the answer opens again, its time limit restarting from when the answer came. */
function resume(route: RouteDefinition, step: StepInstance, now: Date) {
  const def = stepDefinition(route, step);
  step.status = 'open';
  step.dueOn = addWorkingDays(londonDate(now), def.timeLimitWorkingDays);
  step.remindOn = subtractWorkingDays(step.dueOn, def.reminderWorkingDaysBefore);
  step.reminderSent = false;
  step.overdueNotified = false;
  // An escalation for lateness ends with the new time limit; one because nobody else can decide stands.
  if (step.escalatedBecause !== 'no-decider') {
    step.escalated = false;
    delete step.escalatedBecause;
  }
}
