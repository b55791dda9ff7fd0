/** Who an event is for, as rules the relay resolves against the directory when it delivers. */
import type { RouteDefinition } from '@pph/contract';
import { stageAt } from './route-lookup';
import type { Recipient, StepInstance } from './state';

/** Whoever holds the step's deciding role (or, with `escalation`, its escalation target): one rule, many people. */
export function deciderRecipient(stageIndex: number, stepKey: string, escalation = false): Recipient {
  return { kind: 'decider', stageIndex, stepKey, ...(escalation ? { escalation } : {}) };
}

/** Everyone who may decide the step now: its deciders (or assignee) and, once escalated, the escalation target. */
export function stepRecipients(step: StepInstance): Recipient[] {
  return [
    step.assigneeId
      ? { kind: 'person', id: step.assigneeId }
      : deciderRecipient(step.stageIndex, step.stepKey),
    ...(step.escalated ? [deciderRecipient(step.stageIndex, step.stepKey, true)] : []),
  ];
}

/** Reviews are owned by the deciders of the route's last stage (the Channel chair in the default route). */
export function reviewRecipients(route: RouteDefinition): Recipient[] {
  const last = route.stages.length - 1;
  return stageAt(route, last).steps.map((s) => deciderRecipient(last, s.key));
}
