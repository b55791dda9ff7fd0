/**
 * Time passes: reminders before a step's limit, escalation once it is overdue, reminders and chasers for
 * unanswered requests for information, review dates as they fall due. Flags on the state make a second run at
 * the same time a no-op (Azure timers can fire twice).
 */
import type { RouteDefinition } from '@pph/contract';
import { londonDate } from '../../kernel/calendar/working-days';
import { escalate } from './escalation';
import { notifyEvent } from './notify';
import { reviewRecipients, stepRecipients } from './recipients';
import { stepDefinition } from './route-lookup';
import type { InfoRequest, NotifyEvent, StepInstance, WorkflowState } from './state';
import { copyOf } from './state-ops';
import type { ConcernContext, Transition } from './types';

/** What each check needs: the state being changed, today's London date, and where its events go. */
interface Ticking {
  route: RouteDefinition;
  ctx: ConcernContext;
  state: WorkflowState;
  now: Date;
  today: string;
  events: NotifyEvent[];
}

export function tick(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  now: Date,
): Transition {
  const t: Ticking = { route, ctx, state: copyOf(prev), now, today: londonDate(now), events: [] };
  for (const step of t.state.steps) if (step.status === 'open') checkTimeLimit(t, step);
  for (const request of t.state.infoRequests) checkUnanswered(t, request);
  checkReviewsDue(t);
  return { state: t.state, events: t.events };
}

/** Reminds the deciders as the limit nears; once it has passed, says so and escalates (once per due date). */
function checkTimeLimit(t: Ticking, step: StepInstance) {
  const { ctx, today, events } = t;
  const def = stepDefinition(t.route, step);
  if (!step.reminderSent && today >= step.remindOn && today <= step.dueOn) {
    step.reminderSent = true;
    events.push(
      notifyEvent(
        ctx,
        { type: 'due-soon', stepTitle: def.title, dueOn: step.dueOn },
        {
          key: `${ctx.reference}:due-soon:${step.id}:${step.dueOn}`,
          recipients: stepRecipients(step),
          stepId: step.id,
        },
      ),
    );
  }
  if (!step.overdueNotified && today > step.dueOn) {
    step.overdueNotified = true;
    step.reminderSent = true;
    const escalating = !step.escalated;
    events.push(
      notifyEvent(
        ctx,
        { type: 'overdue', stepTitle: def.title, dueOn: step.dueOn, escalating },
        {
          key: `${ctx.reference}:overdue:${step.id}:${step.dueOn}`,
          recipients: stepRecipients(step),
          stepId: step.id,
        },
      ),
    );
    if (escalating) escalate(ctx, t.state, step, def, 'overdue', t.now, events);
  }
}

/** While a step waits for information: the person asked is reminded, later the deciders hear there is no reply. */
function checkUnanswered(t: Ticking, request: InfoRequest) {
  const { ctx, today, events } = t;
  const step = t.state.steps.find((s) => s.id === request.stepId);
  if (request.response !== undefined || step?.status !== 'awaiting-information') return;
  const stepTitle = stepDefinition(t.route, step).title;
  const about = { stepId: step.id, requestId: request.id };
  if (!request.reminded && request.remindOn && today >= request.remindOn) {
    request.reminded = true;
    events.push(
      notifyEvent(
        ctx,
        { type: 'information-requested', reminder: true },
        {
          key: `${ctx.reference}:info-reminder:${request.id}`,
          recipients: [{ kind: 'person', id: request.toId }],
          ...about,
        },
      ),
    );
  }
  if (!request.chased && request.chaseOn && today >= request.chaseOn) {
    request.chased = true;
    events.push(
      notifyEvent(
        ctx,
        { type: 'information-unanswered', stepTitle },
        {
          key: `${ctx.reference}:info-unanswered:${request.id}`,
          recipients: stepRecipients(step),
          ...about,
        },
      ),
    );
  }
}

/** Each scheduled review, on its due date, goes to the reviews' owners (once). */
function checkReviewsDue(t: Ticking) {
  const { ctx, today } = t;
  for (const review of t.state.reviews) {
    if (review.status !== 'scheduled' || review.dueNotified || today < review.dueOn) continue;
    review.dueNotified = true;
    t.events.push(
      notifyEvent(
        ctx,
        { type: 'review-due', label: review.label, dueOn: review.dueOn },
        { key: `${ctx.reference}:review-due:${review.id}`, recipients: reviewRecipients(t.route) },
      ),
    );
  }
}
