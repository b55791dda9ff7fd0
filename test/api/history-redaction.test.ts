/**
 * A concern's history is redacted at the same tier as its steps: whoever may not see the police or panel steps
 * does not see those stages open either (from "Stage opened: Support plan" anyone could tell what the panel
 * decided), nor the current stage's name, nor that information was supplied to a step they cannot see.
 */
import { ApiPaths } from '@pph/contract';
import { submission } from '../support/concerns';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

/** Seeded: adopted by the Channel panel, now in its support plan. */
const IN_SUPPORT = 'PRV-2026-0004';
const summaries = (view: { history: { summary: string }[] }) => view.history.map((h) => h.summary);

it("the safeguarding lead's view shows no police or panel stage, in the history or as the current stage", async () => {
  const view = (await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(IN_SUPPORT))).body;
  expect(summaries(view)).toEqual([
    'Concern submitted',
    'Stage opened: Safeguarding lead review',
    'Designated safeguarding lead review: forward',
    'Stage opened: Prevent co-ordinator screening',
    'Prevent co-ordinator screening: forward',
  ]);
  expect(JSON.stringify(view)).not.toMatch(/Police Prevent|Channel panel|Support plan/);
  expect(view.stage).toBeUndefined();
  expect(view.withheld).toContain('stage');
});

it('police Prevent and the Channel chair still see every stage open, and where it is now', async () => {
  for (const persona of [PERSONA_IDS.police, PERSONA_IDS.channelChair]) {
    const view = (await hub.as(persona).get(ApiPaths.concern(IN_SUPPORT))).body;
    expect(summaries(view)).toEqual(
      expect.arrayContaining([
        'Stage opened: Police Prevent triage and deconfliction',
        'Stage opened: Channel panel decision',
        'Stage opened: Support plan',
      ]),
    );
    expect(view.stage).toEqual({ key: 'support-plan', title: 'Support plan' });
    expect(view.withheld).not.toContain('stage');
  }
});

it('information supplied to a police step shows in the history only to those who see that step', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body
    .reference as string;
  const openStep = async (persona: string) =>
    (await hub.as(persona).get(ApiPaths.concern(ref))).body.steps.find(
      (s: { status: string }) => s.status === 'open',
    ).id as string;
  for (const persona of [PERSONA_IDS.safeguardingLead, PERSONA_IDS.coordinator])
    expect(
      (await hub.as(persona).post(ApiPaths.decide(ref, await openStep(persona)), { decision: 'forward' }))
        .status,
    ).toBe(200);
  const asked = await hub
    .as(PERSONA_IDS.police)
    .post(ApiPaths.decide(ref, await openStep(PERSONA_IDS.police)), {
      decision: 'request-information',
      reason: 'Which youth club was this?',
    });
  expect(asked.status).toBe(200);
  const mine = (await hub.as(PERSONA_IDS.referrer).get(ApiPaths.concern(ref))).body;
  const requestId = mine.informationRequests[0].id as string;
  expect(
    (
      await hub
        .as(PERSONA_IDS.referrer)
        .post(ApiPaths.supplyInformation(ref, requestId), { response: 'The one on Dock Street.' })
    ).status,
  ).toBe(200);

  const lead = (await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref))).body;
  expect(summaries(lead)).not.toContain('Information supplied');
  expect(summaries(lead)).not.toContain('Stage opened: Police Prevent triage and deconfliction');
  expect(summaries((await hub.as(PERSONA_IDS.police).get(ApiPaths.concern(ref))).body)).toContain(
    'Information supplied',
  );
  // The referrer answered it, and still sees that they did.
  expect(summaries((await hub.as(PERSONA_IDS.referrer).get(ApiPaths.concern(ref))).body)).toContain(
    'Information supplied',
  );
});
