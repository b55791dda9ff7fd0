/**
 * Redaction and scoping that a role × agency matrix of status codes cannot show: what is inside the answers.
 */
import { ApiPaths } from '@pph/contract';
import { DEMO_PEOPLE, PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const police = DEMO_PEOPLE.find((p) => p.id === PERSONA_IDS.police)!;

async function atPoliceTriage() {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body
    .reference as string;
  for (const persona of [PERSONA_IDS.safeguardingLead, PERSONA_IDS.coordinator]) {
    const step = (await hub.as(persona).get(ApiPaths.concern(ref))).body.steps.find(
      (s: { status: string }) => s.status === 'open',
    );
    expect((await hub.as(persona).post(ApiPaths.decide(ref, step.id), { decision: 'forward' })).status).toBe(
      200,
    );
  }
  const view = (await hub.as(PERSONA_IDS.police).get(ApiPaths.concern(ref))).body;
  const step = view.steps.find((s: { stageKey: string }) => s.stageKey === 'police-triage');
  return { ref, stepId: step.id as string };
}

it('a question from the police reaches the referrer as from "the Prevent team": no name, no step', async () => {
  const { ref, stepId } = await atPoliceTriage();
  const asked = await hub.as(PERSONA_IDS.police).post(ApiPaths.decide(ref, stepId), {
    decision: 'request-information',
    reason: 'When did you last see the young person?',
  });
  expect(asked.status).toBe(200);
  // The police see who asked.
  expect(asked.body.informationRequests[0].requestedBy.displayName).toBe(police.displayName);

  const mine = await hub.as(PERSONA_IDS.referrer).get(ApiPaths.concern(ref));
  expect(mine.body.informationRequests).toEqual([
    expect.objectContaining({ question: 'When did you last see the young person?', canRespond: true }),
  ]);
  expect(mine.body.informationRequests[0]).not.toHaveProperty('requestedBy');
  expect(mine.body.informationRequests[0]).not.toHaveProperty('stepId');
  const text = JSON.stringify(mine.body);
  expect(text).not.toContain(police.displayName);
  expect(text).not.toContain(PERSONA_IDS.police);
  expect(text).not.toMatch(/police/i);
});

it("a police step's reassignment is recorded at the police tier, as a reassignment", async () => {
  const { ref, stepId } = await atPoliceTriage();
  // The co-ordinator does not decide police triage: moving it is a reassignment, not a delegation.
  const res = await hub.as(PERSONA_IDS.coordinator).post(ApiPaths.assign(ref, stepId), {
    toUserId: PERSONA_IDS.police,
    reason: 'CTP hold live intelligence on an associate',
  });
  expect(res.status).toBe(200);
  expect(res.body.history.map((h: { summary: string }) => h.summary)).toContain(
    `Step reassigned to ${police.displayName}: CTP hold live intelligence on an associate`,
  );
  const lead = await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref));
  expect(lead.status).toBe(200);
  expect(JSON.stringify(lead.body)).not.toContain('CTP hold live intelligence');
});

it('the Prevent co-ordinator role oversees concerns only in the local authority that leads Prevent', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body
    .reference as string;
  const healthLead = '00000000-0000-4000-8000-000000000901';
  await hub.hub.directory.upsertPerson({
    id: healthLead,
    displayName: 'Pat Example',
    email: 'pat.example@health.example',
    partnerId: 'health',
    roles: ['prevent-coordinator'],
  });
  const asHealth = hub.as(healthLead);
  expect((await asHealth.get(ApiPaths.concern(ref))).status).toBe(403);
  const stepId = (await hub.as(PERSONA_IDS.coordinator).get(ApiPaths.concern(ref))).body.steps[0].id;
  expect(
    (
      await asHealth.post(ApiPaths.assign(ref, stepId), {
        toUserId: PERSONA_IDS.deputySafeguardingLead,
        reason: 'Moving it',
      })
    ).status,
  ).toBe(403);
  const queue = (await asHealth.get(ApiPaths.myQueue)).body;
  expect(queue.items.map((i: { reference: string }) => i.reference)).not.toContain(ref);
  // The council's co-ordinator does see it.
  expect((await hub.as(PERSONA_IDS.coordinator).get(ApiPaths.concern(ref))).status).toBe(200);
});
