/** A brand-new concern's workflow. */
import type { RouteDefinition } from '@pph/contract';
import { openStage } from './stages';
import type { NotifyEvent, WorkflowState } from './state';
import type { ActorRef, ConcernContext, Transition } from './types';

/** A brand-new concern's state: the first stage opened. */
export function startWorkflow(
  route: RouteDefinition,
  ctx: ConcernContext,
  now: Date,
  referrer: ActorRef,
): Transition {
  const state: WorkflowState = {
    status: 'open',
    stageIndex: 0,
    visit: 0,
    seq: 0,
    revision: 1,
    steps: [],
    infoRequests: [],
    notes: [],
    reviews: [],
    history: [
      {
        at: now.toISOString(),
        byId: referrer.id,
        byName: referrer.name,
        visibility: 'all',
        summary: 'Concern submitted',
      },
    ],
  };
  const events: NotifyEvent[] = [];
  openStage(route, ctx, state, 0, now, events);
  return { state, events };
}
