/** Looking things up in a route definition: its stages, a step's definition, the outcomes a decision may carry. */
import type { DecisionKind, Outcome, RouteDefinition, StageDefinition, StepDefinition } from '@pph/contract';
import type { StepInstance } from './state';

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

/** Which outcomes a decision of this kind may carry on this step. */
export function outcomesFor(def: StepDefinition, kind: DecisionKind): Outcome[] {
  if (kind === 'close') return def.outcomes.filter((o) => o.effect.kind === 'close');
  if (kind === 'forward') return def.outcomes.filter((o) => o.effect.kind !== 'close');
  return [];
}
