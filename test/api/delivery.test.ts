/** Outbox delivery: retried with backoff, recorded as undeliverable for the co-ordinator, never dropped. */
import { ApiPaths } from '@pph/contract';
import type { Notification, Notifier } from '@pph/functions/ports/notifier';
import { KernelLists } from '@pph/functions/kernel/lists';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

class FlakyNotifier implements Notifier {
  calls: Notification[] = [];
  failuresLeft = 2;
  async deliver(n: Notification) {
    this.calls.push(n);
    // The safeguarding deputy has never opened the bot: there is no way to reach them.
    if (n.recipientId === PERSONA_IDS.deputySafeguardingLead)
      return { status: 'undeliverable' as const, reason: 'No Teams conversation with this person' };
    if (this.failuresLeft-- > 0) return { status: 'retry' as const, reason: 'Bot Connector 503' };
    return { status: 'delivered' as const };
  }
}

let hub: TestHub;
let notifier: FlakyNotifier;
beforeAll(async () => {
  notifier = new FlakyNotifier();
  hub = await startTestHub({ seed: true, notifier });
});
afterAll(async () => hub.close());

it('retries with backoff, then delivers once; shows what could not be delivered', async () => {
  await hub.runTimersOnce(); // drain seed notifications
  notifier.calls = [];
  notifier.failuresLeft = 2;
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  await hub.runTimersOnce();
  const forLead = () =>
    notifier.calls.filter((n) => n.reference === ref && n.recipientId === PERSONA_IDS.safeguardingLead);
  const firstAttempts =
    forLead().length +
    notifier.calls.filter((n) => n.reference === ref && n.recipientId === PERSONA_IDS.referrer).length;
  expect(firstAttempts).toBe(2); // both failed once (failuresLeft 2 → 0)

  await hub.runTimersOnce();
  expect(forLead()).toHaveLength(1); // not yet due again: backoff
  hub.clock.advanceDays(0.01); // ~15 minutes
  await hub.runTimersOnce();
  await hub.runTimersOnce();
  expect(forLead()).toHaveLength(2);
  const outbox = (
    await hub.hub.ports.store.query(KernelLists.outbox, {
      where: [{ column: 'Reference', op: 'eq', value: ref }],
      top: 50,
    })
  ).items;
  expect(outbox.find((i) => i.fields.RecipientId === PERSONA_IDS.safeguardingLead)?.fields).toMatchObject({
    Status: 'delivered',
    Attempts: 2,
  });

  const undeliverable = await hub.as(PERSONA_IDS.coordinator).get('/api/notifications/undeliverable');
  expect(undeliverable.status).toBe(200);
  expect(undeliverable.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        reference: ref,
        recipientId: PERSONA_IDS.deputySafeguardingLead,
        recipientName: 'Dara Penhallow',
        reason: 'No Teams conversation with this person',
      }),
    ]),
  );
});

it('a decision by the only person who could decide tells nobody else, and records no undeliverable notice', async () => {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  const forward = async (persona: string, body: object = { decision: 'forward' }) => {
    const view = (await hub.as(persona).get(ApiPaths.concern(ref))).body;
    const step = view.steps.find((s: { status: string }) => s.status === 'open');
    expect((await hub.as(persona).post(ApiPaths.decide(ref, step.id), body)).status).toBe(200);
    return step.id as string;
  };
  await forward(PERSONA_IDS.safeguardingLead);
  await forward(PERSONA_IDS.coordinator);
  await forward(PERSONA_IDS.police);
  // The demo partnership has one Channel chair: nobody else decides the panel step.
  const panelStep = await forward(PERSONA_IDS.channelChair, { decision: 'forward', outcome: 'adopt' });
  await hub.runTimersOnce();
  const outbox = (
    await hub.hub.ports.store.query(KernelLists.outbox, {
      where: [{ column: 'Reference', op: 'eq', value: ref }],
      top: 100,
    })
  ).items.map((i) => ({ key: String(i.fields.DedupeKey), status: i.fields.Status }));
  expect(outbox.filter((o) => o.key.startsWith(`${ref}:decided:${panelStep}:`))).toEqual([]);
  expect(outbox.filter((o) => o.key.includes(':unresolved:'))).toEqual([]);
  // The decider of the earlier steps had colleagues (the deputy safeguarding lead): they were told.
  expect(outbox.map((o) => o.key)).toContain(`${ref}:decided:s1:${PERSONA_IDS.deputySafeguardingLead}`);
});
