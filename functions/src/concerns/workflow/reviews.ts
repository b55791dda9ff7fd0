/** Recording a scheduled review (support-plan or post-closure). */
import type { RouteDefinition } from '@pph/contract';
import { addMonths } from '../../kernel/calendar/working-days';
import { DomainError } from '../../kernel/errors';
import { scheduleReview } from './stages';
import type { WorkflowState } from './state';
import { invalidMove, revise } from './state-ops';
import type { ActorRef, Transition } from './types';

/** Records the review; a support-plan review while the plan runs schedules the next one in its series. */
export function recordReview(
  route: RouteDefinition,
  prev: WorkflowState,
  reviewId: string,
  summary: string,
  actor: ActorRef,
  now: Date,
): Transition {
  const state = revise(prev);
  const review = state.reviews.find((r) => r.id === reviewId);
  if (!review) throw new DomainError('not_found', `This concern has no review "${reviewId}".`);
  if (review.status !== 'scheduled') throw invalidMove('This review has already been recorded.');
  const at = now.toISOString();
  Object.assign(review, {
    status: 'done',
    summary,
    recordedAt: at,
    recordedById: actor.id,
    recordedByName: actor.name,
  });
  state.history.push({
    at,
    byId: actor.id,
    byName: actor.name,
    visibility: 'panel',
    summary: `${review.label} recorded`,
  });
  const stage = route.stages[state.stageIndex];
  if (review.kind === 'support-plan' && state.status === 'open' && stage?.reviewEveryMonths) {
    scheduleReview(state, 'support-plan', review.label, addMonths(review.dueOn, stage.reviewEveryMonths));
  }
  return { state, events: [] };
}
