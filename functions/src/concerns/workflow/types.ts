/** What the engine's transitions take and give. */
import type { DecisionKind } from '@pph/contract';
import type { NotifyEvent, WorkflowState } from './state';

/** The concern a transition is for, as far as the engine needs it (events are keyed by its reference). */
export interface ConcernContext {
  reference: string;
  referrerId: string;
}

export interface ActorRef {
  id: string;
  name: string;
}

/** A new state and the events it raised; the caller stores both in one item write. */
export interface Transition {
  state: WorkflowState;
  events: NotifyEvent[];
}

export interface DecisionCommand {
  stepId: string;
  decision: DecisionKind;
  outcome?: string;
  reason?: string;
}
