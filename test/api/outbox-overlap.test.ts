/**
 * Delivery runs overlap (locally the pump runs every 2 s and a send through the bot may take 15 s; in Azure a
 * timer can fire twice): each notification must still be sent once. A worker that dies mid-send must not strand
 * its notification: once its claim lapses, the next run sends it (at least once).
 */
import { ApiPaths } from '@pph/contract';
import { SEND_LEASE_MS } from '@pph/functions/kernel/events/outbox';
import { KernelLists } from '@pph/functions/kernel/lists';
import type { Notification, Notifier } from '@pph/functions/ports/notifier';
import { PERSONA_IDS, sentTwice, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

/** A notifier that takes its time, like the bot does; `holdNext` makes the next send wait until released. */
class SlowNotifier implements Notifier {
  private held?: { gate: Promise<void>; release: () => void };
  private holdArmed = false;

  async deliver(_n: Notification) {
    if (this.holdArmed) {
      this.holdArmed = false;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      this.held = { gate, release };
      await gate;
    } else {
      await new Promise((r) => setTimeout(r, 20));
    }
    return { status: 'delivered' as const };
  }

  holdNext() {
    this.holdArmed = true;
  }
  get holding() {
    return this.held !== undefined;
  }
  release() {
    this.held?.release();
  }
}

let hub: TestHub;
let notifier: SlowNotifier;
beforeEach(async () => {
  notifier = new SlowNotifier();
  hub = await startTestHub({ notifier });
  await hub.runTimersOnce(); // the seed's notifications go out first
  hub.calls.length = 0;
});
afterEach(async () => {
  notifier.release();
  await hub.close();
});

/** Raises a concern and relays it, leaving its notifications due in the outbox. */
async function raise(): Promise<string> {
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  await hub.hub.settle();
  await hub.hub.relay.runOnce();
  return ref;
}

const outboxOf = async (ref: string) =>
  (
    await hub.hub.ports.store.query(KernelLists.outbox, {
      where: [{ column: 'Reference', op: 'eq', value: ref }],
      top: 50,
    })
  ).items;

const callsFor = (ref: string) => hub.calls.filter((n) => n.reference === ref);

it('two overlapping delivery runs send each notification once', async () => {
  const ref = await raise();
  const due = await outboxOf(ref);
  expect(due.length).toBeGreaterThanOrEqual(3); // receipt to the referrer + both safeguarding leads

  await Promise.all([hub.hub.outbox.deliverDue(), hub.hub.outbox.deliverDue(), hub.hub.outbox.deliverDue()]);

  expect(sentTwice(hub.calls)).toEqual([]);
  expect(callsFor(ref)).toHaveLength(due.length);
  expect((await outboxOf(ref)).map((i) => i.fields.Status)).toEqual(due.map(() => 'delivered'));
});

it('a notification whose sender died mid-send is sent again once its claim lapses, and only then', async () => {
  const ref = await raise();
  const due = await outboxOf(ref);

  notifier.holdNext();
  const stuck = hub.hub.outbox.deliverDue(); // claims the first entry, then hangs in the send
  while (!notifier.holding) await new Promise((r) => setTimeout(r, 5));
  const heldKey = hub.calls[0]!.dedupeKey;

  // Another run meanwhile sends the rest, but not the entry the hung worker holds.
  await hub.hub.outbox.deliverDue();
  expect(callsFor(ref)).toHaveLength(due.length);
  expect(sentTwice(hub.calls)).toEqual([]);
  const held = (await outboxOf(ref)).find((i) => i.fields.DedupeKey === heldKey)!;
  expect(held.fields.Status).toBe('sending');

  // The hung worker is as good as dead: after the claim lapses the entry is due again and is sent.
  hub.clock.current = new Date(hub.clock.current.getTime() + SEND_LEASE_MS + 1000);
  await hub.hub.outbox.deliverDue();
  expect(sentTwice(hub.calls)).toEqual([heldKey]);
  expect((await outboxOf(ref)).find((i) => i.fields.DedupeKey === heldKey)!.fields.Status).toBe('delivered');

  // If the hung worker wakes up after all, it changes nothing and sends nothing more.
  notifier.release();
  await stuck;
  await hub.hub.outbox.deliverDue();
  expect(callsFor(ref)).toHaveLength(due.length + 1);
  expect((await outboxOf(ref)).map((i) => i.fields.Status)).toEqual(due.map(() => 'delivered'));
});
