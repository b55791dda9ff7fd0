/** A concern keeps the route version it started on; a published version never changes. */
import { ApiPaths } from '@pph/contract';
import { DEFAULT_ROUTE } from '@pph/functions/concerns/routes/default-route';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

const raise = async () =>
  (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference as string;

it('a new version applies to new concerns only; one started earlier keeps its rules', async () => {
  const before = await raise();
  // Version 3: the safeguarding lead may no longer close at the first step, and has five working days.
  const v3 = structuredClone(DEFAULT_ROUTE);
  v3.version = DEFAULT_ROUTE.version + 1;
  const first = v3.stages[0]!.steps[0]!;
  first.decisions = ['forward', 'request-information'];
  first.outcomes = [];
  first.timeLimitWorkingDays = 5;
  await hub.hub.routes.publish(v3);
  const after = await raise();

  const lead = hub.as(PERSONA_IDS.safeguardingLead);
  const old = (await lead.get(ApiPaths.concern(before))).body;
  const fresh = (await lead.get(ApiPaths.concern(after))).body;
  expect(old.route).toEqual({ id: 'prevent-default', version: DEFAULT_ROUTE.version });
  expect(fresh.route).toEqual({ id: 'prevent-default', version: v3.version });
  expect(old.steps[0].allowedDecisions).toContain('close');
  expect(fresh.steps[0].allowedDecisions).toEqual(['forward', 'request-information']);
  expect(fresh.steps[0].dueOn > old.steps[0].dueOn).toBe(true);
  const closeOld = await lead.post(ApiPaths.decide(before, old.steps[0].id), {
    decision: 'close',
    outcome: 'not-prevent',
    reason: 'Handled through usual safeguarding.',
  });
  expect(closeOld.status).toBe(200);
  const closeNew = await lead.post(ApiPaths.decide(after, fresh.steps[0].id), {
    decision: 'close',
    outcome: 'not-prevent',
    reason: 'Handled through usual safeguarding.',
  });
  expect(closeNew.status).toBe(400);
});

it('refuses to publish a changed definition under a version already published', async () => {
  const changed = structuredClone(DEFAULT_ROUTE);
  changed.stages[0]!.steps[0]!.timeLimitWorkingDays = 10;
  await expect(hub.hub.routes.publish(changed)).rejects.toThrow(
    /already published with a different definition/,
  );
  await expect(hub.hub.routes.publish(structuredClone(DEFAULT_ROUTE))).resolves.toBeUndefined();
});
