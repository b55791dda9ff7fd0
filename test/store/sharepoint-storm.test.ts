/**
 * Throttling storms: SharePoint answers 30 % of requests 429 (Retry-After: 0 here, to keep the test quick; the
 * waits themselves are checked in sharepoint-store.test.ts). Nothing may be lost or written twice, through the
 * store and through the hub's API.
 */
import { ApiPaths } from '@pph/contract';
import type { StoreOverDouble } from '@pph/functions/adapters/sharepoint/double/store-over-double';
import { ConcernLists, ConcernNotes } from '@pph/functions/concerns/lists';
import { KernelLists } from '@pph/functions/kernel/lists';
import { allItems } from '@pph/functions/kernel/store/paging';
import { readChunks } from '@pph/functions/ports/chunked-note';
import { isStoreError, type Item, type Store } from '@pph/functions/ports/store';
import { submission } from '../support/concerns';
import {
  PERSONA_IDS,
  sentTwice,
  startTestHub,
  type ApiClient,
  type ApiResult,
  type TestHub,
} from '../support/hub';
import { seededRandom, storeOverDouble } from '../support/sharepoint-double';
import { WIDGETS } from './store-contract';

jest.setTimeout(240_000);

/** Writes that reached the caller as 'throttled' (the adapter's bounded retries all throttled too). */
let surfaced = 0;

/** What a caller does on 'throttled' (the API's 429): try the same write again; it was not applied. */
async function persist<T>(write: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await write();
    } catch (e) {
      if (!isStoreError(e, 'throttled') || i > 20) throw e;
      surfaced++;
    }
  }
}

it('a 30 % 429 storm during a run of writes ends with every write stored once', async () => {
  const t = await storeOverDouble({
    double: { faults: { retryAfterSeconds: 0 } },
  });
  try {
    await t.store.provision([WIDGETS]);
    const L = WIDGETS.name;
    t.double.faults.throttleRate = 0.3;
    t.double.faults.random = seededRandom(30);
    const codes = Array.from({ length: 120 }, (_, i) => `S-${i}`);
    const created: Item[] = [];
    for (let i = 0; i < codes.length; i += 12)
      created.push(
        ...(await Promise.all(
          codes.slice(i, i + 12).map((Code) => persist(() => t.store.create(L, { Code, Size: 0 }))),
        )),
      );
    for (let i = 0; i < created.length; i += 12)
      await Promise.all(
        created.slice(i, i + 12).map((c) => persist(() => t.store.update(L, c.id, c.etag, { Size: 1 }))),
      );
    const batched = await persist(() =>
      t.store.batch(
        created
          .slice(0, 30)
          .map((c) => ({ op: 'update' as const, list: L, id: c.id, etag: '"2"', fields: { Size: 2 } })),
      ),
    );
    expect(batched.every((r) => r.ok)).toBe(true);
    const throttled = t.double.log.filter((r) => r.status === 429).length;
    expect(throttled / t.double.log.length).toBeGreaterThan(0.2);
    // The adapter absorbed the storm: six attempts all throttled is 0.3^6 (under 0.1 %) of writes.
    expect(surfaced).toBeLessThanOrEqual(2);
    t.double.faults.throttleRate = 0;
    const items = [];
    for await (const item of allItems(t.store, L, { top: 500 })) items.push(item);
    expect(items.map((i) => i.fields.Code).sort()).toEqual([...codes].sort());
    // Each update applied once: version 2 after one update, 3 after the batch's.
    expect(
      items
        .map((i) => [i.etag, i.fields.Size])
        .filter(([etag, size]) => !(etag === '"2"' && size === 1) && !(etag === '"3"' && size === 2)),
    ).toEqual([]);
    expect(items.filter((i) => i.etag === '"3"')).toHaveLength(30);
  } finally {
    await t.close();
  }
});

describe('a 30 % 429 storm during a run of decisions, through the API', () => {
  let hub: TestHub;
  let store: Store;
  let double: StoreOverDouble['double'];
  beforeAll(async () => {
    hub = await startTestHub({ env: { ...process.env, PPH_STORE: 'sharepoint-double' } });
    store = hub.hub.ports.store;
    double = (store as StoreOverDouble).double;
    double.faults.retryAfterSeconds = 0;
  }, 120_000);
  afterAll(async () => hub.close());

  /** A client that honours the API's 429 and its Retry-After, as the bot and the tabs do. */
  let refused = 0;
  async function patiently(call: () => Promise<ApiResult>): Promise<ApiResult> {
    for (let i = 0; ; i++) {
      const res = await call();
      if (res.status !== 429 || i > 20) return res;
      refused++;
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 0) * 1000));
    }
  }

  async function concern(reference: string) {
    const item = (
      await store.query(ConcernLists.concerns, {
        where: [{ column: 'Reference', op: 'eq', value: reference }],
      })
    ).items[0]!;
    const state = JSON.parse(readChunks(ConcernNotes.workflow, item)) as {
      history: { summary: string }[];
      revision: number;
    };
    return {
      history: state.history.map((h) => h.summary),
      revision: state.revision,
      pending: item.fields.HasPending,
    };
  }

  async function countBy(list: string, column: string, value: string) {
    let n = 0;
    for await (const _ of allItems(store, list, { where: [{ column, op: 'eq', value }], top: 500 })) n++;
    return n;
  }

  it('ends with every decision stored once and every notification sent once', async () => {
    const referrer: ApiClient = hub.as(PERSONA_IDS.referrer);
    const lead = hub.as(PERSONA_IDS.safeguardingLead);
    const refs: string[] = [];
    for (let i = 0; i < 13; i++) {
      const res = await referrer.post(ApiPaths.concerns, submission());
      expect(res.status).toBe(201);
      refs.push(res.body.reference);
    }
    await hub.runTimersOnce();
    // One decided in calm weather: what every concern should look like after its decision.
    const [calm, ...stormy] = refs as [string, ...string[]];
    expect((await lead.post(`/api/concerns/${calm}/steps/s1/decision`, { decision: 'forward' })).status).toBe(
      200,
    );
    await hub.runTimersOnce();

    double.faults.throttleRate = 0.3;
    double.faults.random = seededRandom(429);
    const from = double.log.length;
    const answers = [];
    for (const ref of stormy)
      answers.push(
        await patiently(() => lead.post(`/api/concerns/${ref}/steps/s1/decision`, { decision: 'forward' })),
      );
    await hub.hub.settle();
    const storm = double.log.slice(from);
    expect(storm.filter((r) => r.status === 429).length / storm.length).toBeGreaterThan(0.2);
    // A decision answered 409 was stored by an earlier attempt whose answer was lost to the storm: not twice.
    expect(answers.map((a) => a.status).every((s) => s === 200 || s === 409)).toBe(true);
    // The adapter absorbed the storm; the people deciding were not told to wait more than once or twice.
    expect(refused).toBeLessThanOrEqual(2);

    double.faults.throttleRate = 0;
    for (let i = 0; i < 3; i++) await hub.runTimersOnce();
    const expected = await concern(calm);
    const calmAudit = await countBy(KernelLists.audit, 'Target', calm);
    const calmOutbox = await countBy(KernelLists.outbox, 'Reference', calm);
    for (const ref of stormy) {
      expect({ ref, ...(await concern(ref)) }).toEqual({ ref, ...expected });
      expect({ ref, outbox: await countBy(KernelLists.outbox, 'Reference', ref) }).toEqual({
        ref,
        outbox: calmOutbox,
      });
      // Reads are audited too: at least the calm concern's entries, and nothing of the decision twice.
      expect(await countBy(KernelLists.audit, 'Target', ref)).toBeGreaterThanOrEqual(calmAudit);
    }
    expect(sentTwice(hub.calls)).toEqual([]);
    const outbox: Item[] = [];
    for await (const item of allItems(store, KernelLists.outbox, { top: 500 })) outbox.push(item);
    expect(outbox.filter((o) => o.fields.Status === 'pending' || o.fields.Status === 'sending')).toEqual([]);
    expect(new Set(hub.calls.map((c) => c.dedupeKey))).toEqual(
      new Set(outbox.filter((o) => o.fields.Status === 'delivered').map((o) => String(o.fields.DedupeKey))),
    );
  });
});
