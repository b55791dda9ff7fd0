/**
 * The workflow engine: pure functions from (route, state, command, time) to (new state, events). No I/O, no
 * authorisation (the policy decides who; the engine decides what is a valid move). Every function returns a new
 * state; the caller persists it with the events in one item write.
 */
import {
  chooseFrom,
  type DecisionKind,
  type Outcome,
  type RouteDefinition,
  type StageDefinition,
  type StepDefinition,
} from '@pph/contract';
import {
  addMonths,
  addWorkingDays,
  londonDate,
  subtractWorkingDays,
} from '../../kernel/calendar/working-days';
import { DomainError } from '../../kernel/errors';
import type { NotifyEvent, Recipient, Review, StepInstance, Visibility, WorkflowState } from './state';

export interface ConcernContext {
  reference: string;
  referrerId: string;
}

export interface ActorRef {
  id: string;
  name: string;
}

export interface Transition {
  state: WorkflowState;
  events: NotifyEvent[];
}

const invalid = (message: string) => new DomainError('conflict', message);

export function stageAt(route: RouteDefinition, index: number): StageDefinition {
  const stage = route.stages[index];
  if (!stage) throw new Error(`Route ${route.id} v${route.version} has no stage ${index}`);
  return stage;
}

export function stepDefinition(
  route: RouteDefinition,
  step: Pick<StepInstance, 'stageIndex' | 'stepKey'>,
): StepDefinition {
  const def = stageAt(route, step.stageIndex).steps.find((s) => s.key === step.stepKey);
  if (!def) throw new Error(`Route ${route.id} v${route.version} has no step ${step.stepKey}`);
  return def;
}

export const isActive = (s: StepInstance) => s.status === 'open' || s.status === 'awaiting-information';

const clone = (s: WorkflowState): WorkflowState => structuredClone(s);
/** A copy for a change people see: its revision (the concern's ETag for clients) moves on. */
const revise = (s: WorkflowState): WorkflowState => {
  const next = clone(s);
  next.revision += 1;
  return next;
};

function nextId(state: WorkflowState, prefix: string): string {
  state.seq += 1;
  return `${prefix}${state.seq}`;
}

function deciders(stageIndex: number, stepKey: string, escalation = false): Recipient {
  return { kind: 'decider', stageIndex, stepKey, ...(escalation ? { escalation } : {}) };
}

function assignedRecipients(step: StepInstance): Recipient[] {
  return step.assigneeId
    ? [{ kind: 'person', id: step.assigneeId }]
    : [deciders(step.stageIndex, step.stepKey)];
}

/** Everyone who may decide the step now: its deciders (or assignee) and, once escalated, the escalation target. */
function stepRecipients(step: StepInstance): Recipient[] {
  return [
    ...assignedRecipients(step),
    ...(step.escalated ? [deciders(step.stageIndex, step.stepKey, true)] : []),
  ];
}

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

function openStage(
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
    events.push({
      kind: 'notify',
      key: `${ctx.reference}:assigned:${step.id}`,
      type: 'step-assigned',
      recipients: [deciders(index, def.key)],
      stepId: step.id,
      title: `${ctx.reference}: ${def.title}`,
      body: `A Prevent concern needs your decision by ${dueOn}.`,
    });
  }
  state.history.push({ at: now.toISOString(), visibility: 'case', summary: `Stage opened: ${stage.title}` });
  if (stage.reviewEveryMonths)
    scheduleReview(state, 'support-plan', `${stage.title} review`, addMonths(today, stage.reviewEveryMonths));
}

function scheduleReview(state: WorkflowState, kind: Review['kind'], label: string, dueOn: string) {
  state.reviews.push({ id: nextId(state, 'v'), kind, label, dueOn, status: 'scheduled', dueNotified: false });
}

/** Leaving the current stage: its open steps and its own review series end with it. */
function leaveStage(state: WorkflowState) {
  for (const s of state.steps) if (isActive(s)) s.status = 'cancelled';
  for (const r of state.reviews)
    if (r.kind === 'support-plan' && r.status === 'scheduled') r.status = 'cancelled';
}

export interface DecisionCommand {
  stepId: string;
  decision: DecisionKind;
  outcome?: string;
  reason?: string;
}

function findStep(state: WorkflowState, stepId: string): StepInstance {
  const step = state.steps.find((s) => s.id === stepId);
  if (!step) throw new DomainError('not_found', `This concern has no step "${stepId}".`);
  return step;
}

/** Which outcomes a decision of this kind may carry on this step. */
export function outcomesFor(def: StepDefinition, kind: DecisionKind): Outcome[] {
  if (kind === 'close') return def.outcomes.filter((o) => o.effect.kind === 'close');
  if (kind === 'forward') return def.outcomes.filter((o) => o.effect.kind !== 'close');
  return [];
}

function completionMet(stage: StageDefinition, steps: StepInstance[]): boolean {
  const forwarded = steps.filter((s) => s.status === 'decided' && s.decision?.kind === 'forward').length;
  const rule = stage.completion;
  if (rule === 'any') return forwarded >= 1;
  if (rule === 'all') return forwarded >= stage.steps.length;
  return forwarded >= rule.quorum;
}

const visibilityOf = (def: StepDefinition): Visibility => def.visibility;

export function decide(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  cmd: DecisionCommand,
  actor: ActorRef,
  now: Date,
): Transition {
  if (prev.status !== 'open') throw invalid('This concern is closed; it takes no more decisions.');
  const state = revise(prev);
  const step = findStep(state, cmd.stepId);
  if (!isActive(step)) throw invalid('This step has already been decided.');
  const def = stepDefinition(route, step);
  if (!def.decisions.includes(cmd.decision)) {
    throw new DomainError('validation_failed', `"${cmd.decision}" is not a decision this step allows.`, {
      fieldErrors: [{ path: 'decision', message: chooseFrom('a decision this step allows', def.decisions) }],
    });
  }
  const reason = cmd.reason?.trim() || undefined;
  if (cmd.decision !== 'forward' && !reason) {
    throw new DomainError('validation_failed', 'Give a reason for anything but forwarding.', {
      fieldErrors: [{ path: 'reason', message: 'A reason is required.' }],
    });
  }
  const allowedOutcomes = outcomesFor(def, cmd.decision);
  let outcome: Outcome | undefined;
  if (allowedOutcomes.length > 0) {
    outcome = allowedOutcomes.find((o) => o.key === cmd.outcome);
    if (!outcome) {
      throw new DomainError('validation_failed', 'Choose an outcome for this decision.', {
        fieldErrors: [
          {
            path: 'outcome',
            message: chooseFrom(
              'an outcome',
              allowedOutcomes.map((o) => `"${o.key}" (${o.label})`),
            ),
          },
        ],
      });
    }
  } else if (cmd.outcome) {
    throw new DomainError('validation_failed', 'This decision takes no outcome.', {
      fieldErrors: [{ path: 'outcome', message: 'Leave the outcome empty.' }],
    });
  }

  const at = now.toISOString();
  const events: NotifyEvent[] = [];
  const by = { byId: actor.id, byName: actor.name };

  if (cmd.decision === 'request-information') {
    if (step.status === 'awaiting-information')
      throw invalid('Information has already been requested on this step.');
    step.status = 'awaiting-information';
    const today = londonDate(now);
    const request = {
      id: nextId(state, 'r'),
      stepId: step.id,
      question: reason!,
      toId: ctx.referrerId,
      requestedAt: at,
      remindOn: addWorkingDays(today, route.informationRequests.remindAfterWorkingDays),
      chaseOn: addWorkingDays(today, route.informationRequests.chaseAfterWorkingDays),
      reminded: false,
      chased: false,
      ...by,
    };
    state.infoRequests.push(request);
    state.history.push({
      at,
      ...by,
      visibility: visibilityOf(def),
      summary: `${def.title}: information requested`,
    });
    events.push({
      kind: 'notify',
      key: `${ctx.reference}:info-requested:${request.id}`,
      type: 'information-requested',
      recipients: [{ kind: 'person', id: ctx.referrerId }],
      stepId: step.id,
      requestId: request.id,
      title: `${ctx.reference}: more information needed`,
      body: 'The Prevent team has asked for more information about the concern you raised.',
    });
    return { state, events };
  }

  step.status = 'decided';
  step.decision = { kind: cmd.decision, outcomeKey: outcome?.key, reason, at, ...by };
  const label = outcome ? `${cmd.decision} (${outcome.label})` : cmd.decision;
  state.history.push({ at, ...by, visibility: visibilityOf(def), summary: `${def.title}: ${label}` });
  const decidedEvent = (recipients: Recipient[]): NotifyEvent => ({
    kind: 'notify',
    key: `${ctx.reference}:decided:${step.id}`,
    type: 'decided',
    recipients,
    stepId: step.id,
    title: `${ctx.reference}: ${def.title} decided`,
    body: `${actor.name} decided: ${cmd.decision}.`,
  });
  // Others who could have decided this step hear that it is done (their cards refresh); the decider knows.
  events.push({ ...decidedEvent([deciders(step.stageIndex, step.stepKey)]), except: [by.byId] });

  if (cmd.decision === 'close') {
    close(route, state, outcome!, now);
    events.push({
      kind: 'notify',
      key: `${ctx.reference}:closed`,
      type: 'concern-closed',
      recipients: [{ kind: 'person', id: ctx.referrerId }],
      title: `${ctx.reference}: closed`,
      body: 'The concern you raised has been closed. Thank you for raising it.',
    });
    return { state, events };
  }

  const stage = stageAt(route, state.stageIndex);
  if (cmd.decision === 'return') {
    leaveStage(state);
    openStage(route, ctx, state, Math.max(0, state.stageIndex - 1), now, events);
    return { state, events };
  }

  // forward
  const stageSteps = state.steps.filter((s) => s.visit === state.visit);
  if (!completionMet(stage, stageSteps)) return { state, events };
  leaveStage(state);
  const effect = outcome?.effect ?? { kind: 'next' as const };
  if (effect.kind === 'goto') {
    openStage(
      route,
      ctx,
      state,
      route.stages.findIndex((s) => s.key === effect.stage),
      now,
      events,
    );
  } else if (state.stageIndex + 1 < route.stages.length) {
    openStage(route, ctx, state, state.stageIndex + 1, now, events);
  } else {
    close(
      route,
      state,
      {
        key: 'route-complete',
        label: 'Route complete',
        effect: { kind: 'close', scheduleClosureReviews: true },
      },
      now,
    );
  }
  return { state, events };
}

function close(route: RouteDefinition, state: WorkflowState, outcome: Outcome, now: Date) {
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
  if (request.response !== undefined) throw invalid('This request has already been answered.');
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
  if (waiting) {
    // The time limit restarts from when the information arrives.
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
  const events: NotifyEvent[] = [
    {
      kind: 'notify',
      key: `${ctx.reference}:info-supplied:${request.id}`,
      type: 'information-supplied',
      requestId: request.id,
      // If the step moved on without it (decided, returned), the asker still hears it has come.
      recipients: waiting ? stepRecipients(step) : [{ kind: 'person', id: request.byId }],
      stepId: step.id,
      title: `${ctx.reference}: information supplied`,
      body: waiting
        ? `The information you asked for has arrived; the step is due by ${step.dueOn}.`
        : 'The information you asked for has arrived, after the step had moved on.',
    },
  ];
  return { state, events };
}

export function addNote(
  prev: WorkflowState,
  text: string,
  visibility: Visibility,
  actor: ActorRef,
  now: Date,
): Transition {
  const state = revise(prev);
  state.notes.push({
    id: nextId(state, 'n'),
    text,
    at: now.toISOString(),
    visibility,
    byId: actor.id,
    byName: actor.name,
  });
  return { state, events: [] };
}

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
  if (prev.status !== 'open') throw invalid('This concern is closed.');
  const state = revise(prev);
  const step = findStep(state, cmd.stepId);
  if (!isActive(step)) throw invalid('This step has already been decided.');
  step.assigneeId = cmd.to.id;
  step.assigneeName = cmd.to.name;
  state.history.push({
    at: now.toISOString(),
    byId: actor.id,
    byName: actor.name,
    visibility: visibilityOf(stepDefinition(route, step)),
    summary: `Step ${cmd.kind} to ${cmd.to.name}: ${cmd.reason}`,
  });
  return {
    state,
    events: [
      {
        kind: 'notify',
        key: `${ctx.reference}:assigned:${step.id}:${cmd.to.id}:${state.history.length}`,
        type: 'step-assigned',
        recipients: [{ kind: 'person', id: cmd.to.id }],
        stepId: step.id,
        title: `${ctx.reference}: assigned to you`,
        body: `${actor.name} passed this step to you. It is due by ${step.dueOn}.`,
      },
    ],
  };
}

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
  if (review.status !== 'scheduled') throw invalid('This review has already been recorded.');
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

function escalate(
  ctx: ConcernContext,
  state: WorkflowState,
  step: StepInstance,
  def: StepDefinition,
  because: 'overdue' | 'no-decider',
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
  events.push({
    kind: 'notify',
    key: `${ctx.reference}:escalated:${step.id}:${step.dueOn}`,
    type: 'escalated',
    recipients: [deciders(step.stageIndex, step.stepKey, true)],
    stepId: step.id,
    title: `${ctx.reference}: escalated to you`,
    body:
      because === 'overdue'
        ? `${def.title} was due by ${step.dueOn} and has not been decided. You may now decide it.`
        : `Nobody else can decide "${def.title}" (the role is not held in that agency, or only by the person who raised it). Please decide it by ${step.dueOn}.`,
  });
}

/**
 * Escalates at once the given open steps that nobody could decide (the service finds them in the directory):
 * a concern must never wait for a time limit to run out before someone can act on it.
 */
export function escalateUnstaffed(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  stepIds: readonly string[],
  now: Date,
): Transition {
  const state = clone(prev);
  const events: NotifyEvent[] = [];
  for (const step of state.steps) {
    if (!stepIds.includes(step.id) || !isActive(step) || step.escalated) continue;
    escalate(ctx, state, step, stepDefinition(route, step), 'no-decider', now, events);
  }
  return { state, events };
}

/**
 * Time passes: reminders before a step's limit, escalation once it is overdue, review dates as they fall due.
 * Flags on the state make a second run at the same time a no-op (Azure timers can fire twice).
 */
export function tick(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  now: Date,
): Transition {
  const state = clone(prev);
  const today = londonDate(now);
  const events: NotifyEvent[] = [];
  for (const step of state.steps) {
    if (step.status !== 'open') continue;
    const def = stepDefinition(route, step);
    if (!step.reminderSent && today >= step.remindOn && today <= step.dueOn) {
      step.reminderSent = true;
      events.push({
        kind: 'notify',
        key: `${ctx.reference}:due-soon:${step.id}:${step.dueOn}`,
        type: 'due-soon',
        recipients: stepRecipients(step),
        stepId: step.id,
        title: `${ctx.reference}: due ${step.dueOn}`,
        body: `${def.title} is due by ${step.dueOn}.`,
      });
    }
    if (!step.overdueNotified && today > step.dueOn) {
      step.overdueNotified = true;
      step.reminderSent = true;
      const alreadyEscalated = step.escalated;
      events.push({
        kind: 'notify',
        key: `${ctx.reference}:overdue:${step.id}:${step.dueOn}`,
        type: 'overdue',
        recipients: stepRecipients(step),
        stepId: step.id,
        title: `${ctx.reference}: overdue`,
        body: alreadyEscalated
          ? `${def.title} was due by ${step.dueOn} and has not been decided.`
          : `${def.title} was due by ${step.dueOn} and has been escalated.`,
      });
      if (!alreadyEscalated) escalate(ctx, state, step, def, 'overdue', now, events);
    }
  }
  for (const request of state.infoRequests) {
    const step = state.steps.find((s) => s.id === request.stepId);
    if (request.response !== undefined || step?.status !== 'awaiting-information') continue;
    const title = stepDefinition(route, step).title;
    if (!request.reminded && request.remindOn && today >= request.remindOn) {
      request.reminded = true;
      events.push({
        kind: 'notify',
        key: `${ctx.reference}:info-reminder:${request.id}`,
        type: 'information-requested',
        recipients: [{ kind: 'person', id: request.toId }],
        stepId: step.id,
        requestId: request.id,
        title: `${ctx.reference}: more information still needed`,
        body: 'The Prevent team is still waiting for the information it asked you for about this concern.',
      });
    }
    if (!request.chased && request.chaseOn && today >= request.chaseOn) {
      request.chased = true;
      events.push({
        kind: 'notify',
        key: `${ctx.reference}:info-unanswered:${request.id}`,
        type: 'information-unanswered',
        requestId: request.id,
        recipients: stepRecipients(step),
        stepId: step.id,
        title: `${ctx.reference}: no reply yet`,
        body: `The information asked for on "${title}" has not arrived. You may decide the step without it.`,
      });
    }
  }
  for (const review of state.reviews) {
    if (review.status !== 'scheduled' || review.dueNotified || today < review.dueOn) continue;
    review.dueNotified = true;
    events.push({
      kind: 'notify',
      key: `${ctx.reference}:review-due:${review.id}`,
      type: 'review-due',
      recipients: reviewRecipients(route),
      title: `${ctx.reference}: ${review.label} due`,
      body: `${review.label} is due on ${review.dueOn}.`,
    });
  }
  return { state, events };
}

/** Reviews are owned by the deciders of the route's last stage (the Channel chair in the default route). */
export function reviewRecipients(route: RouteDefinition): Recipient[] {
  const last = route.stages.length - 1;
  return stageAt(route, last).steps.map((s) => deciders(last, s.key));
}

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

/** Structural invariants every reachable state satisfies (checked by property tests and on load). */
export function invariantViolations(route: RouteDefinition, state: WorkflowState): string[] {
  const problems: string[] = [];
  const active = state.steps.filter(isActive);
  if (state.stageIndex < 0 || state.stageIndex >= route.stages.length)
    problems.push('stage index out of range');
  if (state.status === 'open') {
    if (active.length === 0) problems.push('open concern with no active step');
    if (active.some((s) => s.stageIndex !== state.stageIndex || s.visit !== state.visit))
      problems.push('active step outside the current stage');
    if (state.outcome) problems.push('open concern with an outcome');
    const supportReviews = state.reviews.filter((r) => r.kind === 'support-plan' && r.status === 'scheduled');
    const stage = route.stages[state.stageIndex];
    if (supportReviews.length > (stage?.reviewEveryMonths ? 1 : 0))
      problems.push(`${supportReviews.length} support-plan reviews scheduled in stage ${stage?.key ?? '?'}`);
  } else {
    if (active.length > 0) problems.push('closed concern with an active step');
    if (!state.outcome) problems.push('closed concern without an outcome');
    if (state.reviews.some((r) => r.kind === 'support-plan' && r.status === 'scheduled'))
      problems.push('support review scheduled after closure');
  }
  for (const s of state.steps) {
    if (s.status === 'decided' && !s.decision) problems.push(`decided step ${s.id} without a decision`);
    if (s.status !== 'decided' && s.decision) problems.push(`undecided step ${s.id} with a decision`);
    if (s.dueOn < s.remindOn) problems.push(`step ${s.id} reminder after due date`);
  }
  for (const r of state.infoRequests) {
    const step = state.steps.find((s) => s.id === r.stepId);
    if (!step) problems.push(`request ${r.id} for unknown step`);
    else if (r.response === undefined && step.status === 'open')
      problems.push(`unanswered request ${r.id} on an open step`);
  }
  const ids = new Set<string>();
  for (const id of [
    ...state.steps.map((s) => s.id),
    ...state.infoRequests.map((r) => r.id),
    ...state.reviews.map((r) => r.id),
    ...state.notes.map((n) => n.id),
  ]) {
    if (ids.has(id)) problems.push(`duplicate id ${id}`);
    ids.add(id);
  }
  return problems;
}
