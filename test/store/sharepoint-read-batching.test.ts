/**
 * The SharePoint adapter's reads issued together (before the event loop next turns to I/O) go as the GETs of one
 * $batch, at most 100 parts a batch; a lone read is its plain request. Each read keeps its own outcome. Counted
 * from the double's request log.
 */
import type { ListDefinition } from '@pph/functions/ports/lists';
import { isStoreError, type StoreErrorCode } from '@pph/functions/ports/store';
import { storeOverDouble, throttleRequests, type DoubleBackedStore } from '../support/sharepoint-double';
import { WIDGETS } from './store-contract';

const W = WIDGETS.name;
const GADGETS: ListDefinition = {
  name: 'Gadgets',
  version: 1,
  columns: [
    { name: 'Code', type: 'text', required: true, indexed: true, unique: true },
    { name: 'Kind', type: 'text', indexed: true },
  ],
};
const G = GADGETS.name;

async function failure(p: Promise<unknown>): Promise<StoreErrorCode | string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    if (isStoreError(e)) return e.code;
    return e instanceof Error ? e.message : String(e);
  }
}

let t: DoubleBackedStore;
beforeEach(async () => {
  t = await storeOverDouble();
  await t.store.provision([WIDGETS, GADGETS]);
});
afterEach(async () => t.close());

const widget = (Code: string, extra: Record<string, unknown> = {}) => ({
  Code,
  Colour: 'red',
  Size: 1,
  Active: true,
  ...extra,
});

/** The requests `run` sends, from the double's log. */
async function requestsOf<T>(run: () => Promise<T>): Promise<{ value: T; requests: typeof t.double.log }> {
  const from = t.double.log.length;
  const value = await run();
  return { value, requests: t.double.log.slice(from) };
}

describe('SharePoint reads issued together', () => {
  it('come back right from one $batch: queries on different lists and gets', async () => {
    const a = await t.store.create(W, widget('A', { Colour: 'blue' }));
    await t.store.create(W, widget('B'));
    const g = await t.store.create(G, { Code: 'G1', Kind: 'lever' });
    const { value, requests } = await requestsOf(() =>
      Promise.all([
        t.store.query(W, { where: [{ column: 'Colour', op: 'eq', value: 'red' }] }),
        t.store.query(G, { where: [{ column: 'Kind', op: 'eq', value: 'lever' }] }),
        t.store.get(W, a.id),
        t.store.get(G, g.id),
      ]),
    );
    const [reds, levers, gotA, gotG] = value;
    expect(reds.items.map((i) => i.fields.Code)).toEqual(['B']);
    expect(levers.items.map((i) => i.fields.Code)).toEqual(['G1']);
    expect(gotA).toEqual(a);
    expect(gotG).toEqual(g);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '$batch', status: 200 });
    expect(requests[0]!.parts!.map((p) => [p.method, p.path, p.status])).toEqual([
      ['GET', `web/lists/getByTitle('${W}')/items`, 200],
      ['GET', `web/lists/getByTitle('${G}')/items`, 200],
      ['GET', `web/lists/getByTitle('${W}')/items(${a.id})`, 200],
      ['GET', `web/lists/getByTitle('${G}')/items(${g.id})`, 200],
    ]);
  });

  it('a lone read is the plain request, no $batch around it', async () => {
    const a = await t.store.create(W, widget('A'));
    const q = await requestsOf(() => t.store.query(W, { where: [{ column: 'Code', op: 'eq', value: 'A' }] }));
    expect(q.value.items.map((i) => i.id)).toEqual([a.id]);
    expect(q.requests.map((r) => [r.method, r.path, r.parts])).toEqual([
      ['GET', `web/lists/getByTitle('${W}')/items`, undefined],
    ]);
    const g = await requestsOf(() => t.store.get(W, a.id));
    expect(g.value).toEqual(a);
    expect(g.requests.map((r) => [r.method, r.path, r.parts])).toEqual([
      ['GET', `web/lists/getByTitle('${W}')/items(${a.id})`, undefined],
    ]);
    // Reads one after another are each alone.
    const seq = await requestsOf(async () => {
      await t.store.get(W, a.id);
      await t.store.get(W, a.id);
    });
    expect(seq.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    // Two issued together are not alone.
    const both = await requestsOf(() => Promise.all([t.store.get(W, a.id), t.store.get(W, a.id)]));
    expect(both.value).toEqual([a, a]);
    expect(both.requests.map((r) => [r.method, r.path, r.parts?.length])).toEqual([['POST', '$batch', 2]]);
  });

  it('a part that fails fails only its own read, with the error it gives alone', async () => {
    t.double.site.threshold = 3;
    for (let i = 0; i < 4; i++) await t.store.create(W, widget(`W${i}`));
    const g = await t.store.create(G, { Code: 'G1', Kind: 'lever' });
    const { value, requests } = await requestsOf(() =>
      Promise.all([
        // Every item matches the first clause, past the threshold: SharePoint refuses it (500).
        failure(t.store.query(W, { where: [{ column: 'Colour', op: 'eq', value: 'red' }] })),
        t.store.query(W, { where: [{ column: 'Code', op: 'eq', value: 'W2' }] }),
        t.store.get(G, g.id),
        // A missing item is no error: undefined, as alone.
        t.store.get(G, g.id + 1000),
      ]),
    );
    expect(value[0]).toBe('unindexed');
    expect(value[1].items.map((i) => i.fields.Code)).toEqual(['W2']);
    expect(value[2]).toEqual(g);
    expect(value[3]).toBeUndefined();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.parts!.map((p) => p.status)).toEqual([500, 200, 200, 404]);

    // A list an administrator deleted: that read says so, the others stand.
    t.double.site.deleteList(t.double.site.list(G));
    const again = await requestsOf(() =>
      Promise.all([
        failure(t.store.query(G, { where: [{ column: 'Kind', op: 'eq', value: 'lever' }] })),
        failure(t.store.get(G, g.id)),
        t.store.query(W, { where: [{ column: 'Code', op: 'eq', value: 'W1' }] }),
      ]),
    );
    expect(again.value[0]).toMatch(new RegExp(`"${G}" does not exist on .*npm run provision -- --site`));
    expect(again.value[1]).toMatch(new RegExp(`"${G}" does not exist on .*npm run provision -- --site`));
    expect(again.value[2].items.map((i) => i.fields.Code)).toEqual(['W1']);
    expect(again.requests).toHaveLength(1);
    expect(again.requests[0]!.parts!.map((p) => p.status)).toEqual([404, 404, 200]);
  });

  it('pages inside a $batch as alone', async () => {
    for (let i = 0; i < 5; i++) await t.store.create(W, widget(`W${i}`));
    for (let i = 0; i < 3; i++) await t.store.create(G, { Code: `G${i}`, Kind: 'lever' });
    const codes: [string[], string[]] = [[], []];
    let tokens: [string | undefined, string | undefined] = [undefined, undefined];
    const from = t.double.log.length;
    let rounds = 0;
    /** The list's next page of two, or nothing once its pages ran out. */
    const page = (list: string, token: string | undefined) =>
      rounds === 1 || token
        ? t.store.query(list, { orderBy: { column: 'Code' }, top: 2, ...(token ? { pageToken: token } : {}) })
        : undefined;
    do {
      rounds++;
      const [w, g] = await Promise.all([page(W, tokens[0]), page(G, tokens[1])]);
      codes[0].push(...(w?.items ?? []).map((i) => String(i.fields.Code)));
      codes[1].push(...(g?.items ?? []).map((i) => String(i.fields.Code)));
      tokens = [w?.nextPageToken, g?.nextPageToken];
    } while (tokens[0] || tokens[1]);
    expect(codes).toEqual([
      ['W0', 'W1', 'W2', 'W3', 'W4'],
      ['G0', 'G1', 'G2'],
    ]);
    // Two pages of both lists (two $batches), then the last page of Widgets alone (a plain GET).
    const requests = t.double.log.slice(from);
    expect(requests.map((r) => [r.method, r.parts?.length])).toEqual([
      ['POST', 2],
      ['POST', 2],
      ['GET', undefined],
    ]);
  });

  it('more than 100 go as several $batches of at most 100 parts', async () => {
    const a = await t.store.create(W, widget('A'));
    const { value, requests } = await requestsOf(() =>
      Promise.all(Array.from({ length: 250 }, () => t.store.get(W, a.id))),
    );
    expect(value.every((v) => v?.id === a.id && v.etag === a.etag)).toBe(true);
    expect(requests.map((r) => [r.path, r.parts?.length])).toEqual([
      ['$batch', 100],
      ['$batch', 100],
      ['$batch', 50],
    ]);
  });

  it('a $batch refused as a whole (throttled past the retries) fails every read in it', async () => {
    await t.close();
    t = await storeOverDouble({ store: { throttling: { maxAttempts: 2 } } });
    await t.store.provision([WIDGETS, GADGETS]);
    const a = await t.store.create(W, widget('A'));
    throttleRequests(t.double, [1, 2]);
    const { value, requests } = await requestsOf(() =>
      Promise.all([
        failure(t.store.get(W, a.id)),
        failure(t.store.query(G, { where: [{ column: 'Kind', op: 'eq', value: 'lever' }] })),
      ]),
    );
    expect(value).toEqual(['throttled', 'throttled']);
    expect(requests.map((r) => [r.path, r.status])).toEqual([
      ['$batch', 429],
      ['$batch', 429],
    ]);
    expect(t.waits).toHaveLength(1);
  });
});
