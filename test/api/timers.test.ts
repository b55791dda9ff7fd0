/** Time limits in working days: reminder, then overdue and escalation; a timer that fires twice does nothing twice. */
import { ApiPaths } from '@pph/contract';
import { KernelLists } from '@pph/functions/kernel/lists';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { PERSONA_IDS, sentTwice, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeEach(async () => {
  // Monday 23 November 2026, 10:00 UK time.
  hub = await startTestHub({ start: new Date('2026-11-23T10:00:00Z') });
});
afterEach(async () => hub.close());

const sent = (ref: string, type: string) =>
  hub.notifier.delivered.filter((n) => n.reference === ref && n.type === type);
/** What the hub itself handed to the notifier, repeats included (LogNotifier hides repeats). */
const rawCalls = (ref: string, type: string) =>
  hub.calls.filter((n) => n.reference === ref && n.type === type);

it('reminds the safeguarding leads, then escalates to the Prevent co-ordinator, once each', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  await hub.runTimersOnce();
  expect(
    sent(ref, 'step-assigned')
      .map((n) => n.recipientId)
      .sort(),
  ).toEqual([PERSONA_IDS.safeguardingLead, PERSONA_IDS.deputySafeguardingLead].sort());
  expect(sent(ref, 'concern-submitted').map((n) => n.recipientId)).toEqual([PERSONA_IDS.referrer]);

  hub.clock.advanceDays(1); // Tuesday: one working day before the two-day limit
  await Promise.all([hub.runTimersOnce(), hub.runTimersOnce()]);
  await hub.runTimersOnce();
  expect(sent(ref, 'due-soon')).toHaveLength(2);
  expect(rawCalls(ref, 'due-soon')).toHaveLength(2); // two overlapping runs still send each once
  expect(sentTwice(hub.calls)).toEqual([]);

  const coordinator = hub.as(PERSONA_IDS.coordinator);
  const step = (await coordinator.get(ApiPaths.concern(ref))).body.steps[0];
  expect(step.allowedDecisions).toEqual([]);

  hub.clock.advanceDays(2); // Thursday: past Wednesday's due date
  await Promise.all([hub.runTimersOnce(), hub.runTimersOnce()]);
  await hub.runTimersOnce();
  expect(sent(ref, 'overdue')).toHaveLength(2);
  expect(sent(ref, 'escalated').map((n) => n.recipientId)).toEqual([PERSONA_IDS.coordinator]);
  expect(rawCalls(ref, 'overdue')).toHaveLength(2);
  expect(rawCalls(ref, 'escalated')).toHaveLength(1);
  expect(sentTwice(hub.calls)).toEqual([]);

  const audited = (await hub.hub.ports.store.query(KernelLists.audit, { top: 1000 })).items.filter(
    (e) => e.fields.Target === `${ConcernLists.concerns}/${ref}` && e.fields.Action === 'concern.escalate',
  );
  expect(audited.map((e) => e.fields.ActorId)).toEqual(['system:timers']);

  const escalated = (await coordinator.get(ApiPaths.concern(ref))).body.steps[0];
  expect(escalated).toMatchObject({ overdue: true, escalated: true });
  expect(escalated.allowedDecisions).toContain('forward');
  expect((await coordinator.post(ApiPaths.decide(ref, escalated.id), { decision: 'forward' })).status).toBe(
    200,
  );
});

it('a time limit skips the weekend and bank holidays', async () => {
  hub.clock.current = new Date('2026-12-24T10:00:00Z'); // Thursday before Christmas
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  const step = (await hub.as(PERSONA_IDS.safeguardingLead).get(ApiPaths.concern(ref))).body.steps[0];
  expect(step.dueOn).toBe('2026-12-30'); // 25, 26-27 weekend, 28 substitute holiday → 29, 30
});

it('a support-plan review falls due monthly and is notified once', async () => {
  const ref = 'PRV-2026-0004'; // seeded: in support plan since 23 November
  hub.clock.current = new Date('2026-12-23T09:00:00Z');
  await Promise.all([hub.runTimersOnce(), hub.runTimersOnce()]);
  await hub.runTimersOnce();
  expect(sent(ref, 'review-due').map((n) => n.recipientId)).toEqual([PERSONA_IDS.channelChair]);
  expect(rawCalls(ref, 'review-due')).toHaveLength(1);
  expect(sentTwice(hub.calls)).toEqual([]);
});

it('an unanswered request reminds the referrer, then tells the lead there is no reply; a late answer still reaches the asker', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  const lead = hub.as(PERSONA_IDS.safeguardingLead);
  const step = (await lead.get(ApiPaths.concern(ref))).body.steps[0];
  expect(
    (
      await lead.post(ApiPaths.decide(ref, step.id), {
        decision: 'request-information',
        reason: 'Which club?',
      })
    ).status,
  ).toBe(200);
  await hub.runTimersOnce();
  expect(sent(ref, 'information-requested').map((n) => n.recipientId)).toEqual([PERSONA_IDS.referrer]);

  hub.clock.advanceDays(2); // Wednesday: two working days on
  await Promise.all([hub.runTimersOnce(), hub.runTimersOnce()]);
  await hub.runTimersOnce();
  expect(sent(ref, 'information-requested')).toHaveLength(2);
  // Both the request and its reminder name the request, so the referrer's card can show its question.
  const requestId = (await hub.as(PERSONA_IDS.referrer).get(ApiPaths.concern(ref))).body
    .informationRequests[0].id;
  expect(sent(ref, 'information-requested').map((n) => n.requestId)).toEqual([requestId, requestId]);
  expect(sent(ref, 'information-unanswered')).toHaveLength(0);

  hub.clock.advanceDays(5); // the next Monday: five working days on
  await Promise.all([hub.runTimersOnce(), hub.runTimersOnce()]);
  await hub.runTimersOnce();
  expect(
    sent(ref, 'information-unanswered')
      .map((n) => n.recipientId)
      .sort(),
  ).toEqual([PERSONA_IDS.safeguardingLead, PERSONA_IDS.deputySafeguardingLead].sort());
  expect(sent(ref, 'information-requested')).toHaveLength(2);

  // The lead decides without it; the referrer answers afterwards; the lead still hears.
  expect((await lead.post(ApiPaths.decide(ref, step.id), { decision: 'forward' })).status).toBe(200);
  const request = (await hub.as(PERSONA_IDS.referrer).get(ApiPaths.concern(ref))).body.informationRequests[0];
  const late = await hub
    .as(PERSONA_IDS.referrer)
    .post(ApiPaths.supplyInformation(ref, request.id), { response: 'The Harbour Road club.' });
  expect(late.status).toBe(200);
  await hub.runTimersOnce();
  expect(sent(ref, 'information-supplied').map((n) => n.recipientId)).toEqual([PERSONA_IDS.safeguardingLead]);
});
