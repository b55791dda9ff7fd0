/**
 * Moving a concern between stages: opening a stage's steps, leaving a stage, closing the concern, and the
 * reviews those moves schedule.
 */
import type { Outcome, RouteDefinition, StageDefinition } from '@pph/contract';
import {
  addMonths,
  addWorkingDays,
  londonDate,
  subtractWorkingDays,
} from '../../kernel/calendar/working-days';
import { notifyEvent } from './notify';
import { deciderRecipient } from './recipients';
import { stageAt } from './route-lookup';
import type { NotifyEvent, Review, StepInstance, WorkflowState } from './state';
import { isActive, nextId } from './state-ops';
import type { ConcernContext } from './types';

/** Opens stage `index` with fresh steps (a new visit), each with its time limit, and asks its deciders. */
export function openStage(
  route: RouteDefinition,
  ctx: ConcernContext,
  state: WorkflowState,
  index: number,
  now: Date,
  events: NotifyEvent[],
) {
  const stage = stageAt(route, index);
  const today = londonDate(now);
  state.stageIndex = index;
  state.visit += 1;
  for (const def of stage.steps) {
    const dueOn = addWorkingDays(today, def.timeLimitWorkingDays);
    const step: StepInstance = {
      id: nextId(state, 's'),
      stageIndex: index,
      visit: state.visit,
      stageKey: stage.key,
      stepKey: def.key,
      status: 'open',
      openedAt: now.toISOString(),
      dueOn,
      remindOn: subtractWorkingDays(dueOn, def.reminderWorkingDaysBefore),
      reminderSent: false,
      overdueNotified: false,
      escalated: false,
    };
    state.steps.push(step);
    events.push(
      notifyEvent(
        ctx,
        { type: 'step-assigned', to: 'deciders', stepTitle: def.title, dueOn },
        {
          key: `${ctx.reference}:assigned:${step.id}`,
          recipients: [deciderRecipient(index, def.key)],
          stepId: step.id,
        },
      ),
    );
  }
  state.history.push({ at: now.toISOString(), visibility: 'case', summary: `Stage opened: ${stage.title}` });
  if (stage.reviewEveryMonths)
    scheduleReview(state, 'support-plan', `${stage.title} review`, addMonths(today, stage.reviewEveryMonths));
}

export function scheduleReview(state: WorkflowState, kind: Review['kind'], label: string, dueOn: string) {
  state.reviews.push({ id: nextId(state, 'v'), kind, label, dueOn, status: 'scheduled', dueNotified: false });
}

/** Leaving the current stage: its open steps and its own review series end with it. */
export function leaveStage(state: WorkflowState) {
  for (const s of state.steps) if (isActive(s)) s.status = 'cancelled';
  for (const r of state.reviews)
    if (r.kind === 'support-plan' && r.status === 'scheduled') r.status = 'cancelled';
}

/** Whether the steps of this visit to the stage have forwarded it by its completion rule. */
export function completionMet(stage: StageDefinition, steps: StepInstance[]): boolean {
  const forwarded = steps.filter((s) => s.status === 'decided' && s.decision?.kind === 'forward').length;
  const rule = stage.completion;
  if (rule === 'any') return forwarded >= 1;
  if (rule === 'all') return forwarded >= stage.steps.length;
  return forwarded >= rule.quorum;
}

/** Closes the concern with an outcome, scheduling the post-closure reviews the outcome asks for. */
export function closeConcern(route: RouteDefinition, state: WorkflowState, outcome: Outcome, now: Date) {
  leaveStage(state);
  state.status = 'closed';
  state.outcome = { key: outcome.key, label: outcome.label, at: now.toISOString() };
  state.history.push({ at: now.toISOString(), visibility: 'all', summary: 'Concern closed' });
  if (outcome.effect.kind === 'close' && outcome.effect.scheduleClosureReviews) {
    const today = londonDate(now);
    for (const months of route.closureReviewMonths)
      scheduleReview(state, 'post-closure', `${months}-month review after closure`, addMonths(today, months));
  }
}
