/** Structural invariants every reachable state satisfies (checked by property tests and before every write). */
import type { RouteDefinition } from '@pph/contract';
import type { WorkflowState } from './state';
import { isActive } from './state-ops';

export function invariantViolations(route: RouteDefinition, state: WorkflowState): string[] {
  const problems: string[] = [];
  if (state.stageIndex < 0 || state.stageIndex >= route.stages.length)
    problems.push('stage index out of range');
  if (state.status === 'open') openConcernProblems(route, state, problems);
  else closedConcernProblems(state, problems);
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
  duplicateIdProblems(state, problems);
  return problems;
}

function openConcernProblems(route: RouteDefinition, state: WorkflowState, problems: string[]) {
  const active = state.steps.filter(isActive);
  if (active.length === 0) problems.push('open concern with no active step');
  if (active.some((s) => s.stageIndex !== state.stageIndex || s.visit !== state.visit))
    problems.push('active step outside the current stage');
  if (state.outcome) problems.push('open concern with an outcome');
  const supportReviews = state.reviews.filter((r) => r.kind === 'support-plan' && r.status === 'scheduled');
  const stage = route.stages[state.stageIndex];
  if (supportReviews.length > (stage?.reviewEveryMonths ? 1 : 0))
    problems.push(`${supportReviews.length} support-plan reviews scheduled in stage ${stage?.key ?? '?'}`);
}

function closedConcernProblems(state: WorkflowState, problems: string[]) {
  if (state.steps.some(isActive)) problems.push('closed concern with an active step');
  if (!state.outcome) problems.push('closed concern without an outcome');
  if (state.reviews.some((r) => r.kind === 'support-plan' && r.status === 'scheduled'))
    problems.push('support review scheduled after closure');
}

/** Ids are unique across steps, requests, reviews and notes (they share one counter). */
function duplicateIdProblems(state: WorkflowState, problems: string[]) {
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
}
