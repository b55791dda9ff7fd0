/** Information requests, notes, delegation and reassignment over the API, each recorded in the history. */
import { ApiPaths } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const raise = async () =>
  (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference as string;
const view = async (ref: string, persona: string) => (await hub.as(persona).get(ApiPaths.concern(ref))).body;

it('the lead asks the referrer for information; the answer restarts the step', async () => {
  const ref = await raise();
  const lead = hub.as(PERSONA_IDS.safeguardingLead);
  const step = (await view(ref, PERSONA_IDS.safeguardingLead)).steps[0];
  const asked = await lead.post(ApiPaths.decide(ref, step.id), {
    decision: 'request-information',
    reason: 'Which youth club was this?',
  });
  expect(asked.status).toBe(200);
  expect(asked.body.steps[0].status).toBe('awaiting-information');

  const referrerView = await view(ref, PERSONA_IDS.referrer);
  expect(referrerView.referrerStatus).toBe('Information requested from you');
  const request = referrerView.informationRequests[0];
  expect(request).toMatchObject({ question: 'Which youth club was this?', canRespond: true });

  // Only the person asked may answer, and only once.
  expect(
    (
      await hub
        .as(PERSONA_IDS.safeguardingLead)
        .post(ApiPaths.supplyInformation(ref, request.id), { response: 'x' })
    ).status,
  ).toBe(403);
  const answered = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.supplyInformation(ref, request.id), {
    response: 'Harbour Road youth club, Tuesday evening.',
  });
  expect(answered.status).toBe(200);
  expect(answered.body.referrerStatus).toBe('With your safeguarding lead');
  expect(
    (
      await hub
        .as(PERSONA_IDS.referrer)
        .post(ApiPaths.supplyInformation(ref, request.id), { response: 'again' })
    ).status,
  ).toBe(409);
  const after = await view(ref, PERSONA_IDS.safeguardingLead);
  expect(after.steps[0].status).toBe('open');
  expect(after.informationRequests[0].response).toBe('Harbour Road youth club, Tuesday evening.');
});

it('notes are visible by tier: a caseworker note is hidden from the referrer', async () => {
  const ref = await raise();
  expect(
    (
      await hub
        .as(PERSONA_IDS.safeguardingLead)
        .post(ApiPaths.notes(ref), { text: 'Spoke to the school DSL.' })
    ).status,
  ).toBe(201);
  expect(
    (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.notes(ref), { text: 'I have remembered the date.' }))
      .status,
  ).toBe(201);
  expect((await view(ref, PERSONA_IDS.safeguardingLead)).notes.map((n: { text: string }) => n.text)).toEqual([
    'Spoke to the school DSL.',
    'I have remembered the date.',
  ]);
  expect((await view(ref, PERSONA_IDS.referrer)).notes.map((n: { text: string }) => n.text)).toEqual([
    'I have remembered the date.',
  ]);
  const empty = await hub.as(PERSONA_IDS.referrer).post(ApiPaths.notes(ref), { text: '   ' });
  expect(empty.status).toBe(400);
  expect(empty.body.error.fieldErrors[0]).toEqual({ path: 'text', message: 'The note is required.' });
});

it('a lead delegates to the deputy; only the deputy may then decide; the co-ordinator can reassign', async () => {
  const ref = await raise();
  const stepId = (await view(ref, PERSONA_IDS.safeguardingLead)).steps[0].id;
  const assign = (persona: string, toUserId: string) =>
    hub.as(persona).post(ApiPaths.assign(ref, stepId), { toUserId, reason: 'Annual leave this week' });

  expect((await assign(PERSONA_IDS.schoolSafeguardingLead, PERSONA_IDS.deputySafeguardingLead)).status).toBe(
    403,
  );
  const badTarget = await assign(PERSONA_IDS.safeguardingLead, PERSONA_IDS.schoolSafeguardingLead);
  expect(badTarget.status).toBe(400);
  expect(badTarget.body.error.fieldErrors[0].path).toBe('toUserId');
  expect((await assign(PERSONA_IDS.safeguardingLead, PERSONA_IDS.referrer)).status).toBe(400);

  const delegated = await assign(PERSONA_IDS.safeguardingLead, PERSONA_IDS.deputySafeguardingLead);
  expect(delegated.status).toBe(200);
  expect(delegated.body.steps[0].assignee.id).toBe(PERSONA_IDS.deputySafeguardingLead);
  expect(delegated.body.history.map((h: { summary: string }) => h.summary)).toContain(
    'Step delegated to Dara Penhallow: Annual leave this week',
  );
  expect(
    (await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.decide(ref, stepId), { decision: 'forward' }))
      .status,
  ).toBe(403);

  const reassigned = await assign(PERSONA_IDS.coordinator, PERSONA_IDS.safeguardingLead);
  expect(reassigned.status).toBe(200);
  expect(reassigned.body.history.map((h: { summary: string }) => h.summary)).toContain(
    'Step reassigned to Sasha Lindqvist: Annual leave this week',
  );
  await hub.runTimersOnce();
  expect(
    hub.notifier.delivered
      .filter((n) => n.reference === ref && n.type === 'step-assigned')
      .map((n) => n.recipientId),
  ).toEqual(expect.arrayContaining([PERSONA_IDS.deputySafeguardingLead, PERSONA_IDS.safeguardingLead]));
  expect(
    (await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.decide(ref, stepId), { decision: 'forward' }))
      .status,
  ).toBe(200);
});

it('publishes the route definitions and an OpenAPI document generated from the schemas', async () => {
  const routes = await hub.as(PERSONA_IDS.coordinator).get(ApiPaths.routes);
  expect(routes.body.items.map((r: { id: string; version: number }) => `${r.id}@${r.version}`)).toEqual([
    'prevent-default@2',
  ]);
  const doc = (await hub.as(PERSONA_IDS.referrer).get(ApiPaths.openapi)).body;
  expect(doc.openapi).toBe('3.1.0');
  const submit = doc.paths['/api/concerns'].post;
  expect(
    submit.requestBody.content['application/json'].schema.properties.concern.properties.ideologyCategory.enum,
  ).toEqual(['islamist', 'extreme-right-wing', 'mixed-unclear-unstable', 'school-massacre', 'other']);
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/concerns/{ref}/steps/{stepId}/decision',
      '/api/me/queue',
      '/api/audit/verify',
    ]),
  );
});

it('health answers with the version and the store in use', async () => {
  const res = await fetch(`${hub.url}${ApiPaths.health}`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', version: '0.1.0', store: 'sqlite', mode: 'local' });
});

it('a concern nobody in the agency could decide goes to the co-ordinator at once, not when time runs out', async () => {
  // Harbourside College has no safeguarding lead in the hub.
  const ref = (await hub.as(PERSONA_IDS.returnAuthor).post(ApiPaths.concerns, submission())).body
    .reference as string;
  const coordinator = hub.as(PERSONA_IDS.coordinator);
  const step = (await view(ref, PERSONA_IDS.coordinator)).steps[0];
  expect(step).toMatchObject({ stageKey: 'safeguarding-review', escalated: true });
  expect(step.allowedDecisions).toEqual(expect.arrayContaining(['forward', 'close']));
  const queue = (await coordinator.get(ApiPaths.myQueue)).body.items;
  expect(queue).toEqual(
    expect.arrayContaining([expect.objectContaining({ reference: ref, escalated: true })]),
  );
  await hub.runTimersOnce();
  expect(
    hub.notifier.delivered
      .filter((n) => n.reference === ref && n.type === 'escalated')
      .map((n) => n.recipientId),
  ).toEqual([PERSONA_IDS.coordinator]);
  expect((await coordinator.post(ApiPaths.decide(ref, step.id), { decision: 'forward' })).status).toBe(200);

  // A lone safeguarding lead cannot decide their own concern: it goes to the co-ordinator as well.
  const own = (await hub.as(PERSONA_IDS.schoolSafeguardingLead).post(ApiPaths.concerns, submission())).body;
  expect(own.concern.referrerStatus).toBe('With the Prevent team');
  const ownStep = (await view(own.reference, PERSONA_IDS.coordinator)).steps[0];
  expect(ownStep.escalated).toBe(true);
  // Where a colleague can decide, nothing is escalated.
  const normal = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  expect((await view(normal, PERSONA_IDS.safeguardingLead)).steps[0].escalated).toBe(false);
});
