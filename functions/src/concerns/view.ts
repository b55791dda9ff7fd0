/** Builds the redacted view of a concern for one caller: what the policy does not grant is left out and named. */
import type { ConcernIntake, ConcernView, StageDefinition, StepView } from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { allowedDecisions, canAssign, canRecordReview, type ConcernFacts, type ReadAccess } from './policy';
import { londonDate } from '../kernel/calendar/working-days';
import { outcomesFor, referrerStatus, stageAt, stepDefinition } from './workflow/engine';
import type { HistoryEntry, InfoRequest } from './workflow/state';

export interface ViewInput {
  facts: ConcernFacts;
  etag: string;
  submittedAt: string;
  immediateRisk: boolean;
  intake: ConcernIntake;
  partnerName: (partnerId: string | undefined, sector?: string) => string;
}

export function buildConcernView(actor: Actor, access: ReadAccess, input: ViewInput, now: Date): ConcernView {
  const { facts } = input;
  const { state, route } = facts;
  const today = londonDate(now);
  const sees = (v: string) => access.tiers.has(v as never);
  const withheld: string[] = [];
  const who = (id: string, name: string) => ({ id, displayName: name });
  const requestSeen = (r: InfoRequest) =>
    access.caseworker ? sees(stepDefinition(route, stepOf(facts, r.stepId)).visibility) : r.toId === actor.id;
  // A stage is seen by whoever sees one of its steps: its opening (or its name as the current stage) tells
  // what was decided before it, e.g. that the panel adopted the case when its support plan opens.
  const stageSeen = (stage: StageDefinition) => stage.steps.some((d) => sees(d.visibility));
  const historySeen = (h: HistoryEntry) => {
    if (!sees(h.visibility)) return false;
    const opened = route.stages.filter((stage) => h.summary === `Stage opened: ${stage.title}`);
    if (!opened.every(stageSeen)) return false;
    // That an answer came in would tell who asked for it.
    if (h.summary === 'Information supplied') {
      const answered = state.infoRequests.filter((r) => r.respondedAt === h.at && r.toId === h.byId);
      if (!answered.every(requestSeen)) return false;
    }
    return true;
  };

  const base = {
    reference: facts.reference,
    etag: input.etag,
    status: state.status,
    submittedAt: input.submittedAt,
    referrerStatus: referrerStatus(route, state, facts.referrerId),
    immediateRisk: input.immediateRisk,
    intake: input.intake,
    informationRequests: state.infoRequests.filter(requestSeen).map((r) => ({
      id: r.id,
      // Who asked, and at which step, would tell the referrer that the police or the panel is involved.
      ...(access.caseworker ? { stepId: r.stepId, requestedBy: who(r.byId, r.byName) } : {}),
      question: r.question,
      requestedAt: r.requestedAt,
      ...(r.response !== undefined ? { response: r.response, respondedAt: r.respondedAt } : {}),
      canRespond: r.toId === actor.id && r.response === undefined,
    })),
    notes: state.notes
      .filter((n) => sees(n.visibility))
      .map((n) => ({ id: n.id, text: n.text, at: n.at, by: who(n.byId, n.byName) })),
    history: state.history
      .filter(historySeen)
      .map((h) => ({ at: h.at, summary: h.summary, ...(h.byId ? { by: who(h.byId, h.byName ?? '') } : {}) })),
    canAddNote: true,
  };

  if (!access.caseworker) {
    withheld.push('route', 'stage', 'steps', 'decisions', 'reviews', 'outcome');
    return { ...base, steps: [], reviews: [], withheld };
  }

  const steps: StepView[] = [];
  let hiddenSteps = false;
  for (const step of state.steps) {
    const def = stepDefinition(route, step);
    if (!sees(def.visibility)) {
      hiddenSteps = true;
      continue;
    }
    const allowed = allowedDecisions(actor, facts, step);
    steps.push({
      id: step.id,
      stageKey: step.stageKey,
      stepKey: step.stepKey,
      title: def.title,
      decidedBy: {
        role: def.decidedBy.role,
        partnerName:
          def.decidedBy.partner.kind === 'referrer-partner'
            ? input.partnerName(facts.referrerPartnerId)
            : input.partnerName(undefined, def.decidedBy.partner.sector),
      },
      status: step.status,
      openedAt: step.openedAt,
      dueOn: step.dueOn,
      overdue: (step.status === 'open' || step.status === 'awaiting-information') && today > step.dueOn,
      escalated: step.escalated,
      ...(step.assigneeId ? { assignee: who(step.assigneeId, step.assigneeName ?? '') } : {}),
      ...(step.decision
        ? {
            decision: {
              kind: step.decision.kind,
              ...(step.decision.outcomeKey
                ? {
                    outcome: {
                      key: step.decision.outcomeKey,
                      label:
                        def.outcomes.find((o) => o.key === step.decision!.outcomeKey)?.label ??
                        step.decision.outcomeKey,
                    },
                  }
                : {}),
              ...(step.decision.reason ? { reason: step.decision.reason } : {}),
              by: who(step.decision.byId, step.decision.byName),
              at: step.decision.at,
            },
          }
        : {}),
      allowedDecisions: allowed,
      outcomes: allowed
        .flatMap((k) => outcomesFor(def, k))
        .map((o) => ({ key: o.key, label: o.label, closes: o.effect.kind === 'close' })),
      canAssign: canAssign(actor, facts, step),
    });
  }
  if (hiddenSteps) withheld.push('steps outside your role (police or panel)');

  const closingStep = state.steps.find((s) => s.decision?.kind === 'close');
  const outcomeVisible =
    state.outcome && (!closingStep || sees(stepDefinition(route, closingStep).visibility));
  if (state.outcome && !outcomeVisible) withheld.push('outcome');
  const mayRecord = canRecordReview(actor, facts);
  const reviewsVisible = sees('panel');
  if (!reviewsVisible && state.reviews.length > 0) withheld.push('reviews');
  const stage = stageAt(route, state.stageIndex);
  if (!stageSeen(stage)) withheld.push('stage');

  return {
    ...base,
    route: { id: route.id, version: route.version },
    ...(stageSeen(stage) ? { stage: { key: stage.key, title: stage.title } } : {}),
    steps,
    reviews: reviewsVisible
      ? state.reviews.map((r) => ({
          id: r.id,
          kind: r.kind,
          label: r.label,
          dueOn: r.dueOn,
          status: r.status,
          ...(r.summary ? { summary: r.summary } : {}),
          ...(r.recordedById
            ? { recordedBy: who(r.recordedById, r.recordedByName ?? ''), recordedAt: r.recordedAt }
            : {}),
          canRecord: mayRecord && r.status === 'scheduled',
        }))
      : [],
    ...(outcomeVisible && state.outcome ? { outcome: state.outcome } : {}),
    withheld,
  };
}

function stepOf(facts: ConcernFacts, stepId: string) {
  const step = facts.state.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`Concern ${facts.reference} refers to a missing step ${stepId}`);
  return step;
}
