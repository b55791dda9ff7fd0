import { DEFAULT_ROUTE } from '@pph/functions/concerns/routes/default-route';
import * as engine from '@pph/functions/concerns/workflow/engine';
import type { WorkflowState } from '@pph/functions/concerns/workflow/state';
import { DomainError } from '@pph/functions/kernel/errors';

const ctx = { reference: 'PRV-2026-0001', referrerId: 'referrer' };
const who = (id: string) => ({ id, name: id });
const monday = new Date('2026-11-23T10:00:00Z');

function open(state: WorkflowState) {
  return state.steps.filter(engine.isActive);
}

function decideOpen(
  state: WorkflowState,
  decision: engine.DecisionCommand['decision'],
  extra: Partial<engine.DecisionCommand> = {},
  at = monday,
) {
  return engine.decide(
    DEFAULT_ROUTE,
    ctx,
    state,
    { stepId: open(state)[0]!.id, decision, ...extra },
    who('decider'),
    at,
  );
}

describe('workflow engine on the default route', () => {
  it('opens the safeguarding review with a working-day time limit and notifies its deciders', () => {
    const { state, events } = engine.startWorkflow(DEFAULT_ROUTE, ctx, monday, who('referrer'));
    expect(state.status).toBe('open');
    const [step] = open(state);
    expect(step).toMatchObject({
      stageKey: 'safeguarding-review',
      dueOn: '2026-11-25',
      remindOn: '2026-11-24',
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'step-assigned',
        recipients: [{ kind: 'decider', stageIndex: 0, stepKey: 'dsl-review' }],
      }),
    ]);
  });

  it('walks the whole route to closure and schedules the 6- and 12-month reviews', () => {
    let { state } = engine.startWorkflow(DEFAULT_ROUTE, ctx, monday, who('referrer'));
    for (const stage of ['coordinator-screening', 'police-triage', 'channel-panel']) {
      state = decideOpen(state, 'forward').state;
      expect(open(state)[0]!.stageKey).toBe(stage);
    }
    state = decideOpen(state, 'forward', { outcome: 'adopt' }).state;
    expect(open(state)[0]!.stageKey).toBe('support-plan');
    expect(state.reviews).toEqual([
      expect.objectContaining({ kind: 'support-plan', dueOn: '2026-12-23', status: 'scheduled' }),
    ]);
    state = engine.recordReview(
      DEFAULT_ROUTE,
      state,
      state.reviews[0]!.id,
      'Engaging well',
      who('chair'),
      new Date('2026-12-23T10:00:00Z'),
    ).state;
    expect(state.reviews.filter((r) => r.status === 'scheduled').map((r) => r.dueOn)).toEqual(['2027-01-23']);
    const closing = decideOpen(
      state,
      'close',
      { outcome: 'support-completed', reason: 'Risk reduced' },
      new Date('2027-02-01T10:00:00Z'),
    );
    state = closing.state;
    expect(state.status).toBe('closed');
    expect(state.outcome).toMatchObject({ key: 'support-completed' });
    expect(state.reviews.filter((r) => r.kind === 'post-closure').map((r) => [r.label, r.dueOn])).toEqual([
      ['6-month review after closure', '2027-08-01'],
      ['12-month review after closure', '2028-02-01'],
    ]);
    expect(state.reviews.some((r) => r.kind === 'support-plan' && r.status === 'scheduled')).toBe(false);
    expect(engine.invariantViolations(DEFAULT_ROUTE, state)).toEqual([]);
  });

  it('requires a reason for anything but forward, and an outcome where the step has them', () => {
    const { state } = engine.startWorkflow(DEFAULT_ROUTE, ctx, monday, who('referrer'));
    expect(() => decideOpen(state, 'close', { outcome: 'not-prevent' })).toThrow(
      'Give a reason for anything but forwarding.',
    );
    expect(() => decideOpen(state, 'close', { reason: 'x' })).toThrow('Choose an outcome for this decision.');
    expect(() => decideOpen(state, 'return', { reason: 'x' })).toThrow(
      '"return" is not a decision this step allows.',
    );
  });

  it('refuses a second decision on a decided step with a conflict', () => {
    const { state: s0 } = engine.startWorkflow(DEFAULT_ROUTE, ctx, monday, who('referrer'));
    const stepId = open(s0)[0]!.id;
    const s1 = engine.decide(DEFAULT_ROUTE, ctx, s0, { stepId, decision: 'forward' }, who('a'), monday).state;
    const err = (() => {
      try {
        engine.decide(DEFAULT_ROUTE, ctx, s1, { stepId, decision: 'forward' }, who('b'), monday);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('conflict');
  });

  it('pauses for information and restarts the time limit when it arrives', () => {
    let { state } = engine.startWorkflow(DEFAULT_ROUTE, ctx, monday, who('referrer'));
    const asked = decideOpen(state, 'request-information', { reason: 'Which school?' });
    state = asked.state;
    expect(asked.events[0]).toMatchObject({
      type: 'information-requested',
      recipients: [{ kind: 'person', id: 'referrer' }],
    });
    expect(engine.referrerStatus(DEFAULT_ROUTE, state, 'referrer')).toBe('Information requested from you');
    const answered = engine.supplyInformation(
      DEFAULT_ROUTE,
      ctx,
      state,
      state.infoRequests[0]!.id,
      'Harbourside Academy',
      who('referrer'),
      new Date('2026-11-27T09:00:00Z'),
    );
    expect(open(answered.state)[0]).toMatchObject({ status: 'open', dueOn: '2026-12-01' });
    expect(answered.events[0]!.type).toBe('information-supplied');
  });

  it('returns to the previous stage with fresh steps', () => {
    let { state } = engine.startWorkflow(DEFAULT_ROUTE, ctx, monday, who('referrer'));
    state = decideOpen(state, 'forward').state;
    state = decideOpen(state, 'return', { reason: 'Needs the DSL to check school records' }).state;
    expect(open(state).map((s) => s.stageKey)).toEqual(['safeguarding-review']);
    expect(state.steps).toHaveLength(3);
    expect(engine.invariantViolations(DEFAULT_ROUTE, state)).toEqual([]);
  });

  it('reminds, then escalates once overdue, and a second tick does nothing twice', () => {
    const { state: s0 } = engine.startWorkflow(DEFAULT_ROUTE, ctx, monday, who('referrer'));
    const reminder = engine.tick(DEFAULT_ROUTE, ctx, s0, new Date('2026-11-24T08:00:00Z'));
    expect(reminder.events.map((e) => e.type)).toEqual(['due-soon']);
    expect(engine.tick(DEFAULT_ROUTE, ctx, reminder.state, new Date('2026-11-24T09:00:00Z')).events).toEqual(
      [],
    );
    const late = engine.tick(DEFAULT_ROUTE, ctx, reminder.state, new Date('2026-11-26T08:00:00Z'));
    expect(late.events.map((e) => e.type)).toEqual(['overdue', 'escalated']);
    expect(late.events[1]!.recipients).toEqual([
      { kind: 'decider', stageIndex: 0, stepKey: 'dsl-review', escalation: true },
    ]);
    expect(engine.tick(DEFAULT_ROUTE, ctx, late.state, new Date('2026-11-26T09:00:00Z')).events).toEqual([]);
  });
});
