import fc from 'fast-check';
import { DEFAULT_ROUTE } from '@pph/functions/concerns/routes/default-route';
import * as engine from '@pph/functions/concerns/workflow/engine';
import { DomainError } from '@pph/functions/kernel/errors';
import type { WorkflowState } from '@pph/functions/concerns/workflow/state';

const ctx = { reference: 'PRV-2026-0042', referrerId: 'referrer' };
const who = { id: 'someone', name: 'Someone' };

type Command =
  | {
      kind: 'decide';
      pick: number;
      decision: 'forward' | 'request-information' | 'return' | 'close';
      outcome: number;
      reason: boolean;
    }
  | { kind: 'supply'; pick: number }
  | { kind: 'tick'; days: number }
  | { kind: 'review'; pick: number }
  | { kind: 'note' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('decide' as const),
    pick: fc.nat(10),
    // Weighted towards moving on, so that sequences reach the late stages (support plan, closure reviews).
    decision: fc.constantFrom(
      'forward' as const,
      'forward' as const,
      'forward' as const,
      'return' as const,
      'return' as const,
      'request-information' as const,
      'close' as const,
    ),
    outcome: fc.nat(5),
    reason: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('supply' as const), pick: fc.nat(10) }),
  fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('review' as const), pick: fc.nat(10) }),
  fc.record({ kind: fc.constant('note' as const) }),
);

function apply(state: WorkflowState, c: Command, now: Date): WorkflowState {
  switch (c.kind) {
    case 'decide': {
      // Mostly the steps that can move (so sequences reach the support plan and beyond), sometimes any step.
      const active = state.steps.filter(engine.isActive);
      const pool = c.pick % 4 === 0 || active.length === 0 ? state.steps : active;
      const step = pool[c.pick % Math.max(1, pool.length)];
      if (!step) return state;
      const def = engine.stepDefinition(DEFAULT_ROUTE, step);
      const outcomes = engine.outcomesFor(def, c.decision);
      const outcome = outcomes.length ? outcomes[c.outcome % outcomes.length]!.key : undefined;
      return engine.decide(
        DEFAULT_ROUTE,
        ctx,
        state,
        { stepId: step.id, decision: c.decision, outcome, reason: c.reason ? 'because' : undefined },
        who,
        now,
      ).state;
    }
    case 'supply': {
      const req = state.infoRequests[c.pick % Math.max(1, state.infoRequests.length)];
      return req
        ? engine.supplyInformation(DEFAULT_ROUTE, ctx, state, req.id, 'answer', who, now).state
        : state;
    }
    case 'tick':
      return engine.tick(DEFAULT_ROUTE, ctx, state, now).state;
    case 'review': {
      const r = state.reviews[c.pick % Math.max(1, state.reviews.length)];
      return r ? engine.recordReview(DEFAULT_ROUTE, state, r.id, 'ok', who, now).state : state;
    }
    case 'note':
      return engine.addNote(state, 'note', 'case', who, now).state;
  }
}

describe('no sequence of decisions leaves a concern in an invalid state', () => {
  it('keeps every invariant and never mutates the state it was given', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 5, maxLength: 60, size: 'max' }), (commands) => {
        let now = new Date('2026-11-23T09:00:00Z');
        let state = engine.startWorkflow(DEFAULT_ROUTE, ctx, now, { id: 'referrer', name: 'Referrer' }).state;
        for (const c of commands) {
          if (c.kind === 'tick') now = new Date(now.getTime() + c.days * 86_400_000);
          const prev = state;
          const before = JSON.stringify(prev);
          try {
            state = apply(prev, c, now);
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
          }
          // The engine is pure: accepted or refused, a move never mutates the state it was given.
          expect(JSON.stringify(prev)).toBe(before);
          expect(engine.invariantViolations(DEFAULT_ROUTE, state)).toEqual([]);
          if (state.status === 'closed') {
            expect(state.steps.some(engine.isActive)).toBe(false);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a closed concern takes no further decision', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEFAULT_ROUTE.stages[0]!.steps[0]!.decisions), (decision) => {
        const start = engine.startWorkflow(DEFAULT_ROUTE, ctx, new Date('2026-11-23T09:00:00Z'), who).state;
        const closed = engine.decide(
          DEFAULT_ROUTE,
          ctx,
          start,
          { stepId: 's1', decision: 'close', outcome: 'not-prevent', reason: 'r' },
          who,
          new Date(),
        ).state;
        expect(() =>
          engine.decide(DEFAULT_ROUTE, ctx, closed, { stepId: 's1', decision, reason: 'r' }, who, new Date()),
        ).toThrow(DomainError);
      }),
    );
  });
});
