/** Two decisions on one step at once: exactly one wins; the other gets 409 with the current state. */
import { ApiPaths } from '@pph/contract';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub.close());

async function freshConcernStep() {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body
    .reference as string;
  const view = (await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref))).body;
  return { ref, stepId: view.steps[0].id as string, etag: view.etag as string };
}

it('two leads deciding the same step at once: one wins, the other sees who did', async () => {
  const { ref, stepId } = await freshConcernStep();
  const [a, b] = await Promise.all([
    hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.decide(ref, stepId), { decision: 'forward' }),
    hub.as(PERSONA_IDS.deputySafeguardingLead).post(ApiPaths.decide(ref, stepId), {
      decision: 'close',
      outcome: 'not-prevent',
      reason: 'Not Prevent',
    }),
  ]);
  const statuses = [a.status, b.status].sort();
  expect(statuses).toEqual([200, 409]);
  const loser = a.status === 409 ? a : b;
  const winner = a.status === 200 ? a : b;
  expect(loser.body.error.code).toBe('conflict');
  const decided = loser.body.error.current.steps.find((s: { id: string }) => s.id === stepId);
  expect(decided.status).toBe('decided');
  expect(decided.decision.by.id).toBe(
    winner === a ? PERSONA_IDS.safeguardingLead : PERSONA_IDS.deputySafeguardingLead,
  );
});

it('a decision carrying a stale ETag is refused with the current state', async () => {
  const { ref, stepId, etag } = await freshConcernStep();
  expect(
    (await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.notes(ref), { text: 'changes the etag' }))
      .status,
  ).toBe(201);
  const res = await hub
    .as(PERSONA_IDS.safeguardingLead)
    .post(ApiPaths.decide(ref, stepId), { decision: 'forward', etag });
  expect(res.status).toBe(409);
  expect(res.body.error.current.etag).not.toBe(etag);
  expect(res.body.error.current.steps[0].status).toBe('open');
});

it('many simultaneous attempts on one step: exactly one decision is recorded', async () => {
  const { ref, stepId } = await freshConcernStep();
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      hub
        .as(i % 2 ? PERSONA_IDS.safeguardingLead : PERSONA_IDS.deputySafeguardingLead)
        .post(ApiPaths.decide(ref, stepId), { decision: 'forward' }),
    ),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  const view = (await hub.as(PERSONA_IDS.coordinator).get(ApiPaths.concern(ref))).body;
  expect(view.steps.filter((s: { stageKey: string }) => s.stageKey === 'coordinator-screening')).toHaveLength(
    1,
  );
});

it("an ETag stays good while nothing a person would see has changed (the relay's own writes don't stale it)", async () => {
  const { ref, stepId } = await freshConcernStep();
  const lead = hub.as(PERSONA_IDS.safeguardingLead);
  const noted = await lead.post(ApiPaths.notes(ref), { text: 'Spoke to the referrer by phone.' });
  expect(noted.status).toBe(201);
  // The relay moves the note's audit entry on and clears it from the concern item; reminders tick.
  await hub.hub.settle();
  await hub.runTimersOnce();
  const read = await lead.get(ApiPaths.concern(ref));
  expect(read.body.etag).toBe(noted.body.etag);
  expect(read.headers.get('etag')).toBe(noted.body.etag);
  const res = await lead.post(ApiPaths.decide(ref, stepId), { decision: 'forward', etag: noted.body.etag });
  expect(res.status).toBe(200);
  expect(res.body.etag).not.toBe(noted.body.etag);
});

it('If-Match carries the ETag as well as the body does', async () => {
  const { ref, stepId, etag } = await freshConcernStep();
  await hub.as(PERSONA_IDS.safeguardingLead).post(ApiPaths.notes(ref), { text: 'changes the etag' });
  const stale = await hub
    .as(PERSONA_IDS.safeguardingLead)
    .call('POST', ApiPaths.decide(ref, stepId), { decision: 'forward' }, { 'if-match': etag });
  expect(stale.status).toBe(409);
  const fresh = await hub
    .as(PERSONA_IDS.safeguardingLead)
    .call(
      'POST',
      ApiPaths.decide(ref, stepId),
      { decision: 'forward' },
      { 'if-match': stale.body.error.current.etag },
    );
  expect(fresh.status).toBe(200);
});
