/**
 * The "done when": one concern taken through the whole default route over HTTP as the demo personas,
 * each step decided by the right persona and every wrong persona refused, to closure with its 6- and 12-month
 * reviews scheduled.
 */
import { ApiPaths } from '@pph/contract';
import { DEMO_PEOPLE, PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

async function openStep(reference: string, personaId: string) {
  const res = await hub.as(personaId).get(ApiPaths.concern(reference));
  expect(res.status).toBe(200);
  const step = res.body.steps.find((s: { status: string }) => s.status === 'open');
  expect(step).toBeDefined();
  return step as { id: string; stageKey: string; allowedDecisions: string[] };
}

async function everyoneElseIsRefused(
  reference: string,
  stepId: string,
  rightPersonas: string[],
  body: object,
) {
  for (const p of DEMO_PEOPLE.filter((x) => !rightPersonas.includes(x.id))) {
    const res = await hub.as(p.id).post(ApiPaths.decide(reference, stepId), body);
    expect({ persona: p.displayName, status: res.status }).toEqual({ persona: p.displayName, status: 403 });
    expect(res.body.error.code).toBe('forbidden');
  }
}

it('routes a concern from referrer to closure through every partner step', async () => {
  const referrer = hub.as(PERSONA_IDS.referrer);
  const created = await referrer.post(ApiPaths.concerns, submission());
  expect(created.status).toBe(201);
  const reference: string = created.body.reference;
  expect(reference).toMatch(/^PRV-2026-\d{4}$/);

  // Who may decide each stage: the council's safeguarding leads (lead and deputy), then one persona each.
  const steps: [string, string[], object][] = [
    [
      'safeguarding-review',
      [PERSONA_IDS.safeguardingLead, PERSONA_IDS.deputySafeguardingLead],
      { decision: 'forward' },
    ],
    ['coordinator-screening', [PERSONA_IDS.coordinator], { decision: 'forward' }],
    ['police-triage', [PERSONA_IDS.police], { decision: 'forward' }],
    ['channel-panel', [PERSONA_IDS.channelChair], { decision: 'forward', outcome: 'adopt' }],
  ];
  for (const [stage, [persona, ...alsoAllowed], decision] of steps) {
    const step = await openStep(reference, persona!);
    expect(step.stageKey).toBe(stage);
    await everyoneElseIsRefused(reference, step.id, [persona!, ...alsoAllowed], decision);
    const res = await hub.as(persona!).post(ApiPaths.decide(reference, step.id), decision);
    expect(res.status).toBe(200);
  }

  // Support plan: the chair records the first monthly review, then closes.
  const chair = hub.as(PERSONA_IDS.channelChair);
  let view = (await chair.get(ApiPaths.concern(reference))).body;
  expect(view.stage.key).toBe('support-plan');
  const monthly = view.reviews.find((r: { kind: string }) => r.kind === 'support-plan');
  expect(monthly).toMatchObject({ dueOn: '2026-12-23', status: 'scheduled', canRecord: true });
  expect(
    (await chair.post(ApiPaths.review(reference, monthly.id), { summary: 'Mentor sessions going well.' }))
      .status,
  ).toBe(200);

  const closeStep = await openStep(reference, PERSONA_IDS.channelChair);
  const closeBody = {
    decision: 'close',
    outcome: 'support-completed',
    reason: 'Support plan completed; risk reduced.',
  };
  await everyoneElseIsRefused(reference, closeStep.id, [PERSONA_IDS.channelChair], closeBody);
  const closed = await chair.post(ApiPaths.decide(reference, closeStep.id), closeBody);
  expect(closed.status).toBe(200);
  view = closed.body;
  expect(view.status).toBe('closed');
  expect(view.outcome).toMatchObject({ key: 'support-completed' });
  await hub.runTimersOnce();
  expect(
    hub.notifier.delivered
      .filter((n) => n.reference === reference && n.type === 'concern-closed')
      .map((n) => [n.recipientId, n.stepId]),
  ).toEqual([[PERSONA_IDS.referrer, undefined]]);
  const followUps = view.reviews.filter((r: { kind: string }) => r.kind === 'post-closure');
  expect(
    followUps.map((r: { label: string; dueOn: string; status: string }) => [r.label, r.dueOn, r.status]),
  ).toEqual([
    ['6-month review after closure', '2027-05-23', 'scheduled'],
    ['12-month review after closure', '2027-11-23', 'scheduled'],
  ]);

  // The referrer sees that it is closed and nothing of the police or panel decisions.
  const mine = (await referrer.get(ApiPaths.concern(reference))).body;
  expect(mine.referrerStatus).toBe('Closed');
  expect(mine.steps).toEqual([]);
  expect(mine.outcome).toBeUndefined();
  expect(JSON.stringify(mine)).not.toMatch(/adopt|police|panel decision/i);
  expect(mine.withheld).toEqual(expect.arrayContaining(['steps', 'decisions', 'outcome']));

  // The reviews sit in the chair's queue until recorded.
  const queue = (await chair.get(ApiPaths.myQueue)).body;
  expect(queue.reviews.filter((r: { reference: string }) => r.reference === reference)).toHaveLength(2);
});
