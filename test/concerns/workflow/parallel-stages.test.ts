/** Stages with parallel steps: "all", "any" and a quorum decide when the stage is complete. */
import { RouteDefinitionSchema, type RouteDefinitionInput } from '@pph/contract';
import * as engine from '@pph/functions/concerns/workflow/engine';
import type { WorkflowState } from '@pph/functions/concerns/workflow/state';

const ctx = { reference: 'PRV-2026-0100', referrerId: 'referrer' };
const who = { id: 'decider', name: 'Decider' };
const now = new Date('2026-11-23T10:00:00Z');

const step = (key: string, role: 'safeguarding-lead' | 'police-prevent' | 'channel-chair') => ({
  key,
  title: key,
  decidedBy: { role, partner: { kind: 'sector' as const, sector: 'local-authority' as const } },
  decisions: ['forward' as const, 'return' as const],
  visibility: 'case' as const,
  timeLimitWorkingDays: 5,
  reminderWorkingDaysBefore: 1,
  escalateTo: {
    role: 'prevent-coordinator' as const,
    partner: { kind: 'sector' as const, sector: 'local-authority' as const },
  },
});

function route(completion: RouteDefinitionInput['stages'][number]['completion']) {
  return RouteDefinitionSchema.parse({
    id: 'parallel-test',
    version: 1,
    name: 'Parallel test',
    stages: [
      {
        key: 'first',
        title: 'First',
        referrerStatus: 'With the team',
        completion: 'any',
        steps: [{ ...step('intake', 'safeguarding-lead'), decisions: ['forward'] }],
      },
      {
        key: 'checks',
        title: 'Checks',
        referrerStatus: 'With the team',
        completion,
        steps: [
          step('health', 'safeguarding-lead'),
          step('police', 'police-prevent'),
          step('education', 'channel-chair'),
        ],
      },
      {
        key: 'last',
        title: 'Last',
        referrerStatus: 'With the team',
        completion: 'any',
        steps: [step('sign-off', 'channel-chair')],
      },
    ],
  });
}

function atChecks(r: ReturnType<typeof route>) {
  let state = engine.startWorkflow(r, ctx, now, who).state;
  state = engine.decide(r, ctx, state, { stepId: state.steps[0]!.id, decision: 'forward' }, who, now).state;
  return state;
}

const active = (s: WorkflowState) => s.steps.filter(engine.isActive).map((x) => x.stepKey);
const forward = (r: ReturnType<typeof route>, s: WorkflowState, key: string) =>
  engine.decide(
    r,
    ctx,
    s,
    { stepId: s.steps.find((x) => x.stepKey === key && engine.isActive(x))!.id, decision: 'forward' },
    who,
    now,
  );

it('opens every step of a parallel stage at once, each notified', () => {
  const r = route('all');
  let state = engine.startWorkflow(r, ctx, now, who).state;
  const t = engine.decide(r, ctx, state, { stepId: state.steps[0]!.id, decision: 'forward' }, who, now);
  state = t.state;
  expect(active(state)).toEqual(['health', 'police', 'education']);
  expect(t.events.filter((e) => e.type === 'step-assigned')).toHaveLength(3);
});

it('"all": the stage completes only when every step has forwarded', () => {
  const r = route('all');
  let state = atChecks(r);
  state = forward(r, state, 'health').state;
  state = forward(r, state, 'police').state;
  expect(state.stageIndex).toBe(1);
  expect(active(state)).toEqual(['education']);
  state = forward(r, state, 'education').state;
  expect(state.stageIndex).toBe(2);
  expect(active(state)).toEqual(['sign-off']);
});

it('"any": the first forward completes the stage and cancels the other steps', () => {
  const r = route('any');
  let state = atChecks(r);
  state = forward(r, state, 'police').state;
  expect(state.stageIndex).toBe(2);
  const checks = state.steps.filter((s) => s.stageKey === 'checks');
  expect(checks.map((s) => [s.stepKey, s.status])).toEqual([
    ['health', 'cancelled'],
    ['police', 'decided'],
    ['education', 'cancelled'],
  ]);
  expect(engine.invariantViolations(r, state)).toEqual([]);
});

it('a quorum of two out of three completes on the second forward', () => {
  const r = route({ quorum: 2 });
  let state = atChecks(r);
  state = forward(r, state, 'education').state;
  expect(state.stageIndex).toBe(1);
  state = forward(r, state, 'health').state;
  expect(state.stageIndex).toBe(2);
  expect(state.steps.find((s) => s.stepKey === 'police')!.status).toBe('cancelled');
});

it('a return from one parallel step sends the concern back, with fresh steps when it comes again', () => {
  const r = route('all');
  let state = atChecks(r);
  state = forward(r, state, 'health').state;
  const police = state.steps.find((s) => s.stepKey === 'police')!;
  state = engine.decide(
    r,
    ctx,
    state,
    { stepId: police.id, decision: 'return', reason: 'Need more' },
    who,
    now,
  ).state;
  expect(state.stageIndex).toBe(0);
  state = engine.decide(
    r,
    ctx,
    state,
    { stepId: state.steps.find(engine.isActive)!.id, decision: 'forward' },
    who,
    now,
  ).state;
  expect(active(state)).toEqual(['health', 'police', 'education']);
  // The earlier "health" forward belonged to the previous visit and does not count now.
  state = forward(r, state, 'police').state;
  state = forward(r, state, 'education').state;
  expect(state.stageIndex).toBe(1);
  expect(engine.invariantViolations(r, state)).toEqual([]);
});
