import { RouteDefinitionSchema } from '@pph/contract';
import { DEFAULT_ROUTE, DEFAULT_ROUTE_INPUT } from '@pph/functions/concerns/routes/default-route';

const messages = (input: unknown) => {
  const r = RouteDefinitionSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('route definitions as data', () => {
  it('accepts the default route with its five stages and 6/12-month closure reviews', () => {
    expect(DEFAULT_ROUTE.stages.map((s) => s.key)).toEqual([
      'safeguarding-review',
      'coordinator-screening',
      'police-triage',
      'channel-panel',
      'support-plan',
    ]);
    expect(DEFAULT_ROUTE.closureReviewMonths).toEqual([6, 12]);
    const panel = DEFAULT_ROUTE.stages[3]!.steps[0]!;
    expect(panel.outcomes.map((o) => o.key)).toEqual([
      'adopt',
      'alternative-support',
      'police-led',
      'no-further-action',
    ]);
  });

  it('refuses a quorum larger than the stage', () => {
    const bad = structuredClone(DEFAULT_ROUTE_INPUT);
    bad.stages[0]!.completion = { quorum: 3 };
    expect(messages(bad)).toContain('Quorum 3 exceeds the 1 steps of "safeguarding-review".');
  });

  it('refuses a reminder that falls on or after the time limit', () => {
    const bad = structuredClone(DEFAULT_ROUTE_INPUT);
    bad.stages[0]!.steps[0]!.reminderWorkingDaysBefore = 2;
    expect(messages(bad)).toContain('The reminder must fall before the time limit.');
  });

  it('refuses a closing step without a closing outcome, and goto to an unknown stage', () => {
    const bad = structuredClone(DEFAULT_ROUTE_INPUT);
    bad.stages[0]!.steps[0]!.outcomes = [
      { key: 'x', label: 'X', effect: { kind: 'goto', stage: 'nowhere' } },
    ];
    const m = messages(bad);
    expect(m).toContain('A step that can close needs at least one closing outcome.');
    expect(m).toContain('Outcome goes to unknown stage "nowhere".');
  });

  it('refuses a step or an escalation for a role that never decides steps', () => {
    const bad = structuredClone(DEFAULT_ROUTE_INPUT) as unknown as {
      stages: { steps: { decidedBy: { role: string }; escalateTo: { role: string } }[] }[];
    };
    bad.stages[0]!.steps[0]!.decidedBy.role = 'board-member';
    bad.stages[1]!.steps[0]!.escalateTo.role = 'channel-member';
    const m = messages(bad);
    const why =
      'A step is decided by a safeguarding lead, the Prevent co-ordinator, police Prevent or the Channel chair.';
    expect(m.filter((x) => x === why)).toHaveLength(2);
  });

  it('refuses "return" on the first stage', () => {
    const bad = structuredClone(DEFAULT_ROUTE_INPUT);
    bad.stages[0]!.steps[0]!.decisions = ['forward', 'return'];
    expect(messages(bad)).toContain('The first stage has nothing to return to.');
  });
});
