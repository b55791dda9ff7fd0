/** The demo seed: once, complete even after a start cut short, and leaving no reads in the audit trail. */
import { KernelLists } from '@pph/functions/kernel/lists';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { seedDemoData } from '@pph/functions/hosts/local/seed';
import { startTestHub, type TestHub } from '../support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ seed: true });
});
afterAll(async () => hub.close());

const all = async (list: string) => (await hub.hub.ports.store.query(list, { top: 5000 })).items;

it('seeds six concerns at different stages, with no audited reads that nobody made', async () => {
  expect(hub.seeded).toBe(true);
  const concerns = await all(ConcernLists.concerns);
  expect(concerns.map((c) => c.fields.Reference)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `PRV-2026-000${n}`));
  await hub.hub.settle();
  await hub.hub.relay.runOnce();
  const actions = (await all(KernelLists.audit)).map((e) => String(e.fields.Action));
  expect(actions.filter((a) => a.startsWith('concern.read'))).toEqual([]);
  expect(actions.filter((a) => a === 'concern.submit')).toHaveLength(6);
});

it('runs once; a seed cut short before it finished is completed on the next start, without duplicates', async () => {
  expect(await seedDemoData(hub.hub)).toBe(false);
  const people = (await all(KernelLists.people)).length;
  // As if the process had stopped after four concerns, before the seed recorded that it was complete.
  const marker = (await all(KernelLists.counters)).find((c) => c.fields.CounterKey === 'demo-seed-complete')!;
  await hub.hub.ports.store.delete(KernelLists.counters, marker.id, marker.etag);
  for (const c of (await all(ConcernLists.concerns)).slice(4))
    await hub.hub.ports.store.delete(ConcernLists.concerns, c.id, c.etag);
  expect(await seedDemoData(hub.hub)).toBe(true);
  const refs = (await all(ConcernLists.concerns)).map((c) => String(c.fields.Reference));
  expect(refs).toHaveLength(6);
  expect(new Set(refs).size).toBe(6);
  expect((await all(KernelLists.people)).length).toBe(people);
  expect(await seedDemoData(hub.hub)).toBe(false);
});
