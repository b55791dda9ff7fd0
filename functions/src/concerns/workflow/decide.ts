/**
 * A decision on a step: checked against what the step allows, recorded, and followed through (information asked
 * for, the concern closed, the previous stage reopened, or the stage completed and the route moved on).
 */
import {
  chooseFrom,
  type DecisionKind,
  type Outcome,
  type RouteDefinition,
  type StepDefinition,
} from '@pph/contract';
import { addWorkingDays, londonDate } from '../../kernel/calendar/working-days';
import { DomainError } from '../../kernel/errors';
import { notifyEvent } from './notify';
import { deciderRecipient } from './recipients';
import { outcomesFor, stageAt, stepDefinition } from './route-lookup';
import { closeConcern, completionMet, leaveStage, openStage } from './stages';
import type { InfoRequest, NotifyEvent, StepInstance, WorkflowState } from './state';
import { findStep, invalidMove, isActive, nextId, revise } from './state-ops';
import type { ActorRef, ConcernContext, DecisionCommand, Transition } from './types';

/** One decision being applied: the (already copied) state and the step it is on. */
interface Deciding {
  route: RouteDefinition;
  ctx: ConcernContext;
  state: WorkflowState;
  step: StepInstance;
  def: StepDefinition;
  actor: ActorRef;
  now: Date;
}

/** Closing at the end of the route, when the last stage is forwarded. */
const ROUTE_COMPLETE: Outcome = {
  key: 'route-complete',
  label: 'Route complete',
  effect: { kind: 'close', scheduleClosureReviews: true },
};

export function decide(
  route: RouteDefinition,
  ctx: ConcernContext,
  prev: WorkflowState,
  cmd: DecisionCommand,
  actor: ActorRef,
  now: Date,
): Transition {
  if (prev.status !== 'open') throw invalidMove('This concern is closed; it takes no more decisions.');
  const state = revise(prev);
  const step = findStep(state, cmd.stepId);
  if (!isActive(step)) throw invalidMove('This step has already been decided.');
  const def = stepDefinition(route, step);
  const { reason, outcome } = checkDecision(def, cmd);
  const d: Deciding = { route, ctx, state, step, def, actor, now };
  // A reason is required for anything but forwarding, so a request for information always has its question.
  if (cmd.decision === 'request-information') return requestInformation(d, reason!);

  const events = recordDecision(d, cmd.decision, outcome, reason);
  if (cmd.decision === 'close') events.push(closeByDecision(d, outcome!));
  else if (cmd.decision === 'return') {
    leaveStage(state);
    openStage(route, ctx, state, Math.max(0, state.stageIndex - 1), now, events);
  } else forward(d, outcome, events);
  return { state, events };
}

/** The decision's reason and outcome, once the step is known to allow them. */
function checkDecision(def: StepDefinition, cmd: DecisionCommand): { reason?: string; outcome?: Outcome } {
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
  return { reason, outcome: chosenOutcome(def, cmd) };
}

/** The outcome the decision carries: one the step offers for this kind of decision, or none if it offers none. */
function chosenOutcome(def: StepDefinition, cmd: DecisionCommand): Outcome | undefined {
  const allowed = outcomesFor(def, cmd.decision);
  if (allowed.length === 0) {
    if (!cmd.outcome) return undefined;
    throw new DomainError('validation_failed', 'This decision takes no outcome.', {
      fieldErrors: [{ path: 'outcome', message: 'Leave the outcome empty.' }],
    });
  }
  const outcome = allowed.find((o) => o.key === cmd.outcome);
  if (outcome) return outcome;
  throw new DomainError('validation_failed', 'Choose an outcome for this decision.', {
    fieldErrors: [
      {
        path: 'outcome',
        message: chooseFrom(
          'an outcome',
          allowed.map((o) => `"${o.key}" (${o.label})`),
        ),
      },
    ],
  });
}

/** Pauses the step until the referrer answers; the reminder and chaser dates come from the route. */
function requestInformation(d: Deciding, question: string): Transition {
  const { route, ctx, state, step, actor, now } = d;
  if (step.status === 'awaiting-information')
    throw invalidMove('Information has already been requested on this step.');
  step.status = 'awaiting-information';
  const at = now.toISOString();
  const today = londonDate(now);
  const request: InfoRequest = {
    id: nextId(state, 'r'),
    stepId: step.id,
    question,
    toId: ctx.referrerId,
    requestedAt: at,
    remindOn: addWorkingDays(today, route.informationRequests.remindAfterWorkingDays),
    chaseOn: addWorkingDays(today, route.informationRequests.chaseAfterWorkingDays),
    reminded: false,
    chased: false,
    byId: actor.id,
    byName: actor.name,
  };
  state.infoRequests.push(request);
  state.history.push({
    at,
    byId: actor.id,
    byName: actor.name,
    visibility: d.def.visibility,
    summary: `${d.def.title}: information requested`,
  });
  const asked = notifyEvent(
    ctx,
    { type: 'information-requested', reminder: false },
    {
      key: `${ctx.reference}:info-requested:${request.id}`,
      recipients: [{ kind: 'person', id: ctx.referrerId }],
      stepId: step.id,
      requestId: request.id,
    },
  );
  return { state, events: [asked] };
}

/** Marks the step decided, with its history line and the notice to the others who could have decided it. */
function recordDecision(
  d: Deciding,
  kind: DecisionKind,
  outcome: Outcome | undefined,
  reason: string | undefined,
): NotifyEvent[] {
  const { ctx, state, step, def, actor } = d;
  const at = d.now.toISOString();
  const by = { byId: actor.id, byName: actor.name };
  step.status = 'decided';
  step.decision = { kind, outcomeKey: outcome?.key, reason, at, ...by };
  const label = outcome ? `${kind} (${outcome.label})` : kind;
  state.history.push({ at, ...by, visibility: def.visibility, summary: `${def.title}: ${label}` });
  // Others who could have decided this step hear that it is done (their cards refresh); the decider knows.
  const decided = notifyEvent(
    ctx,
    { type: 'decided', stepTitle: def.title, decidedBy: actor.name, decision: kind },
    {
      key: `${ctx.reference}:decided:${step.id}`,
      recipients: [deciderRecipient(step.stageIndex, step.stepKey)],
      stepId: step.id,
      except: [by.byId],
    },
  );
  return [decided];
}

/** Closes the concern with the decision's outcome; the referrer hears that it is closed. */
function closeByDecision(d: Deciding, outcome: Outcome): NotifyEvent {
  closeConcern(d.route, d.state, outcome, d.now);
  return notifyEvent(
    d.ctx,
    { type: 'concern-closed' },
    { key: `${d.ctx.reference}:closed`, recipients: [{ kind: 'person', id: d.ctx.referrerId }] },
  );
}

/** Once the stage's completion rule is met, moves to the stage the outcome names, the next one, or closure. */
function forward(d: Deciding, outcome: Outcome | undefined, events: NotifyEvent[]) {
  const { route, ctx, state, now } = d;
  const stage = stageAt(route, state.stageIndex);
  if (
    !completionMet(
      stage,
      state.steps.filter((s) => s.visit === state.visit),
    )
  )
    return;
  leaveStage(state);
  const effect = outcome?.effect ?? { kind: 'next' as const };
  if (effect.kind === 'goto') {
    const target = route.stages.findIndex((s) => s.key === effect.stage);
    openStage(route, ctx, state, target, now, events);
  } else if (state.stageIndex + 1 < route.stages.length) {
    openStage(route, ctx, state, state.stageIndex + 1, now, events);
  } else {
    closeConcern(route, state, ROUTE_COMPLETE, now);
  }
}
