/**
 * The Store port's contract: what every adapter (embedded SQLite today, SharePoint lists through @pnp/sp next)
 * must honour. Only the port's semantics are tested here, never an adapter's internals.
 */
import type { ListDefinition } from '@pph/functions/ports/lists';
import {
  isStoreError,
  MAX_PAGE_SIZE,
  NOTE_MAX_CHARS,
  type Fields,
  type Item,
  type Store,
  type StoreErrorCode,
} from '@pph/functions/ports/store';

export const WIDGETS: ListDefinition = {
  name: 'ContractWidgets',
  version: 1,
  columns: [
    { name: 'Code', type: 'text', required: true, indexed: true, unique: true },
    { name: 'Colour', type: 'text', indexed: true },
    { name: 'Size', type: 'number', indexed: true },
    { name: 'Active', type: 'boolean', indexed: true },
    { name: 'DueAt', type: 'dateTime', indexed: true },
    { name: 'Body', type: 'note' },
    { name: 'Label', type: 'text' },
  ],
};

const L = WIDGETS.name;

async function failure(p: Promise<unknown>): Promise<StoreErrorCode | 'no error'> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    if (isStoreError(e)) return e.code;
    throw e;
  }
}

export function describeStoreContract(
  name: string,
  factory: () => Promise<{ store: Store; cleanup(): Promise<void> }>,
) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let n = 0;
    const widget = (extra: Fields = {}): Fields => ({
      Code: `W-${++n}`,
      Colour: 'red',
      Size: 1,
      Active: true,
      DueAt: '2026-11-24T09:00:00.000Z',
      Body: 'b',
      Label: null,
      ...extra,
    });
    const all = async () => (await store.query(L, { top: MAX_PAGE_SIZE })).items;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      await store.provision([WIDGETS]);
    });
    afterEach(async () => cleanup());

    it('round-trips every column type', async () => {
      const created = await store.create(
        L,
        widget({ Code: 'A', Size: 2.5, Active: false, Label: null, Body: 'x'.repeat(10_000) }),
      );
      const got = await store.get(L, created.id);
      expect(got?.fields).toEqual({
        Code: 'A',
        Colour: 'red',
        Size: 2.5,
        Active: false,
        DueAt: '2026-11-24T09:00:00.000Z',
        Body: 'x'.repeat(10_000),
        Label: null,
      });
      expect(typeof got?.etag).toBe('string');
      expect(got?.id).toBe(created.id);
      expect(await store.get(L, created.id + 1000)).toBeUndefined();
    });

    it('updates only the given columns and changes the ETag', async () => {
      const a = await store.create(L, widget({ Colour: 'red', Size: 1 }));
      const b = await store.update(L, a.id, a.etag, { Size: 2 });
      expect(b.etag).not.toBe(a.etag);
      expect(b.fields).toMatchObject({ Colour: 'red', Size: 2 });
    });

    it('refuses a stale ETag and leaves the item unchanged', async () => {
      const a = await store.create(L, widget({ Size: 1 }));
      await store.update(L, a.id, a.etag, { Size: 2 });
      expect(await failure(store.update(L, a.id, a.etag, { Size: 3 }))).toBe('conflict');
      expect((await store.get(L, a.id))?.fields.Size).toBe(2);
      expect(await failure(store.delete(L, a.id, a.etag))).toBe('conflict');
      expect(await store.get(L, a.id)).toBeDefined();
    });

    it('lets exactly one of two simultaneous updates with the same ETag win', async () => {
      const a = await store.create(L, widget({ Size: 0 }));
      const results = await Promise.allSettled([
        store.update(L, a.id, a.etag, { Size: 1 }),
        store.update(L, a.id, a.etag, { Size: 2 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(isStoreError(rejected.reason, 'conflict')).toBe(true);
    });

    it('reports a missing item as not-found', async () => {
      const a = await store.create(L, widget());
      await store.delete(L, a.id, a.etag);
      expect(await store.get(L, a.id)).toBeUndefined();
      expect(await failure(store.update(L, a.id, a.etag, { Size: 9 }))).toBe('not-found');
    });

    it('enforces unique columns, names the column and writes nothing', async () => {
      await store.create(L, widget({ Code: 'SAME' }));
      const before = (await all()).length;
      let err: unknown;
      try {
        await store.create(L, widget({ Code: 'SAME' }));
      } catch (e) {
        err = e;
      }
      expect(isStoreError(err, 'unique') && err.detail?.column).toBe('Code');
      expect((await all()).length).toBe(before);
      const other = await store.create(L, widget({ Code: 'OTHER' }));
      expect(await failure(store.update(L, other.id, other.etag, { Code: 'SAME' }))).toBe('unique');
    });

    it('refuses unknown lists, unknown columns, wrong types and missing required values, writing nothing', async () => {
      expect(await failure(store.create('NoSuchList', { Code: 'x' }))).toBe('invalid');
      expect(await failure(store.create(L, widget({ Nope: 'x' })))).toBe('invalid');
      expect(await failure(store.create(L, widget({ Size: 'big' })))).toBe('invalid');
      expect(await failure(store.create(L, widget({ Active: 'yes' })))).toBe('invalid');
      expect(await failure(store.create(L, widget({ DueAt: 'tomorrow' })))).toBe('invalid');
      expect(await failure(store.create(L, { Colour: 'red' }))).toBe('invalid');
      expect(await all()).toEqual([]);
    });

    it('refuses to filter or order on a column that is not indexed', async () => {
      expect(await failure(store.query(L, { where: [{ column: 'Label', op: 'eq', value: 'x' }] }))).toBe(
        'unindexed',
      );
      expect(await failure(store.query(L, { orderBy: { column: 'Body' } }))).toBe('unindexed');
      expect(await failure(store.query(L, { top: MAX_PAGE_SIZE + 1 }))).toBe('invalid');
      expect(await failure(store.query(L, { pageToken: 'garbage!' }))).toBe('invalid');
    });

    it('filters with each operator on indexed columns', async () => {
      for (const [Size, Colour, Active] of [
        [1, 'red', true],
        [2, 'blue', false],
        [3, 'red', false],
        [4, null, true],
      ] as const) {
        await store.create(L, widget({ Size, Colour, Active }));
      }
      const sizes = async (where: Parameters<Store['query']>[1]['where']) =>
        (await store.query(L, { where, orderBy: { column: 'Size' } })).items.map((i) => i.fields.Size);
      expect(await sizes([{ column: 'Colour', op: 'eq', value: 'red' }])).toEqual([1, 3]);
      expect(await sizes([{ column: 'Colour', op: 'ne', value: 'red' }])).toEqual([2, 4]);
      expect(await sizes([{ column: 'Colour', op: 'eq', value: null }])).toEqual([4]);
      expect(await sizes([{ column: 'Size', op: 'lt', value: 2 }])).toEqual([1]);
      expect(await sizes([{ column: 'Size', op: 'le', value: 2 }])).toEqual([1, 2]);
      expect(await sizes([{ column: 'Size', op: 'gt', value: 3 }])).toEqual([4]);
      expect(await sizes([{ column: 'Size', op: 'ge', value: 3 }])).toEqual([3, 4]);
      expect(await sizes([{ column: 'Size', op: 'in', value: [1, 4] }])).toEqual([1, 4]);
      expect(
        await sizes([
          { column: 'Active', op: 'eq', value: false },
          { column: 'Colour', op: 'eq', value: 'red' },
        ]),
      ).toEqual([3]);
      expect(await sizes([{ column: 'DueAt', op: 'le', value: '2026-11-24T09:00:00.000Z' }])).toEqual([
        1, 2, 3, 4,
      ]);
    });

    it('orders ascending and descending, breaking ties by id', async () => {
      const made: Item[] = [];
      for (const Size of [2, 1, 2, 3]) made.push(await store.create(L, widget({ Size })));
      const asc = (await store.query(L, { orderBy: { column: 'Size' } })).items.map((i) => i.id);
      expect(asc).toEqual([made[1]!.id, made[0]!.id, made[2]!.id, made[3]!.id]);
      const desc = (await store.query(L, { orderBy: { column: 'Size', descending: true } })).items.map(
        (i) => i.id,
      );
      expect(desc).toEqual([made[3]!.id, made[2]!.id, made[0]!.id, made[1]!.id]);
    });

    it('pages through every item exactly once, in order', async () => {
      for (let i = 0; i < 250; i++)
        await store.create(L, widget({ Size: i % 7, Colour: i % 2 ? 'red' : 'blue' }));
      for (const orderBy of [undefined, { column: 'Size' }, { column: 'Size', descending: true }]) {
        const seen: Item[] = [];
        let pageToken: string | undefined;
        let pages = 0;
        do {
          const page = await store.query(L, {
            top: 40,
            ...(orderBy ? { orderBy } : {}),
            ...(pageToken ? { pageToken } : {}),
          });
          seen.push(...page.items);
          pageToken = page.nextPageToken;
          pages++;
        } while (pageToken);
        expect(pages).toBe(7);
        expect(new Set(seen.map((i) => i.id)).size).toBe(250);
        const key = (i: Item) => [Number(i.fields.Size), i.id];
        for (let k = 1; k < seen.length; k++) {
          const [a, b] = [key(seen[k - 1]!), key(seen[k]!)];
          const cmp = orderBy ? a[0]! - b[0]! || a[1]! - b[1]! : a[1]! - b[1]!;
          expect(orderBy?.descending ? cmp > 0 : cmp < 0).toBe(true);
        }
      }
    });

    it('runs a batch op by op: a failure in the middle does not undo or stop the others', async () => {
      const existing = await store.create(L, widget({ Code: 'TAKEN' }));
      const results = await store.batch([
        { op: 'create', list: L, fields: widget({ Code: 'B1' }) },
        { op: 'create', list: L, fields: widget({ Code: 'TAKEN' }) },
        { op: 'update', list: L, id: existing.id, etag: existing.etag, fields: { Size: 42 } },
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(results[1]!.ok === false && results[1]!.error.code).toBe('unique');
      expect((await all()).map((i) => i.fields.Code).sort()).toEqual(['B1', 'TAKEN']);
      expect((await store.get(L, existing.id))?.fields.Size).toBe(42);
    });

    it('keeps dateTime values to the whole second, as SharePoint Date and Time columns do', async () => {
      const a = await store.create(L, widget({ DueAt: '2026-11-24T09:00:00.123Z' }));
      expect(a.fields.DueAt).toBe('2026-11-24T09:00:00.000Z');
      expect((await store.get(L, a.id))?.fields.DueAt).toBe('2026-11-24T09:00:00.000Z');
      const b = await store.update(L, a.id, a.etag, { DueAt: '2026-11-24T10:30:59.999+01:00' });
      expect(b.fields.DueAt).toBe('2026-11-24T09:30:59.000Z');
      expect((await store.get(L, a.id))?.fields.DueAt).toBe('2026-11-24T09:30:59.000Z');
      // Filters compare with the value given, not a truncated one.
      const due = async (op: 'lt' | 'ge', value: string) =>
        (await store.query(L, { where: [{ column: 'DueAt', op, value }] })).items.length;
      expect(await due('lt', '2026-11-24T09:30:59.500Z')).toBe(1);
      expect(await due('ge', '2026-11-24T09:30:59.500Z')).toBe(0);
    });

    it(`holds at most ${NOTE_MAX_CHARS} characters in a note column, refusing more and writing nothing`, async () => {
      const full = await store.create(L, widget({ Body: 'n'.repeat(NOTE_MAX_CHARS) }));
      expect((await store.get(L, full.id))?.fields.Body).toHaveLength(NOTE_MAX_CHARS);
      let err: unknown;
      try {
        await store.create(L, widget({ Body: 'n'.repeat(NOTE_MAX_CHARS + 1) }));
      } catch (e) {
        err = e;
      }
      expect(isStoreError(err, 'invalid')).toBe(true);
      expect((err as Error).message).toContain(`at most ${NOTE_MAX_CHARS} characters`);
      expect(
        await failure(store.update(L, full.id, full.etag, { Body: 'n'.repeat(NOTE_MAX_CHARS + 1) })),
      ).toBe('invalid');
      expect((await all()).map((i) => (i.fields.Body as string).length)).toEqual([NOTE_MAX_CHARS]);
      expect(await failure(store.create(L, widget({ Label: 'l'.repeat(256) })))).toBe('invalid');
    });

    it('compares text case-insensitively: unique columns, eq/ne/in filters and ordering', async () => {
      const lower = await store.create(L, widget({ Code: 'abc', Colour: 'Red' }));
      let err: unknown;
      try {
        await store.create(L, widget({ Code: 'ABC' }));
      } catch (e) {
        err = e;
      }
      expect(isStoreError(err, 'unique') && err.detail?.column).toBe('Code');
      const other = await store.create(L, widget({ Code: 'xyz', Colour: 'blue' }));
      expect(await failure(store.update(L, other.id, other.etag, { Code: 'Abc' }))).toBe('unique');
      const codes = async (where: Parameters<Store['query']>[1]['where']) =>
        (await store.query(L, { where })).items.map((i) => i.fields.Code);
      expect(await codes([{ column: 'Code', op: 'eq', value: 'ABC' }])).toEqual(['abc']);
      expect(await codes([{ column: 'Colour', op: 'eq', value: 'red' }])).toEqual(['abc']);
      expect(await codes([{ column: 'Colour', op: 'ne', value: 'RED' }])).toEqual(['xyz']);
      expect(await codes([{ column: 'Code', op: 'in', value: ['XYZ', 'aBc'] }])).toEqual(['abc', 'xyz']);
      // Values keep the case they were written in.
      expect((await store.get(L, lower.id))?.fields.Colour).toBe('Red');
      await store.create(L, widget({ Code: 'Bcd', Colour: 'amber' }));
      await store.create(L, widget({ Code: 'aaa', Colour: 'Amber' }));
      const ordered = (await store.query(L, { orderBy: { column: 'Code' } })).items.map((i) => i.fields.Code);
      expect(ordered).toEqual(['aaa', 'abc', 'Bcd', 'xyz']);
      // Paging through case-insensitive ties (amber/Amber, Red/red) sees each item once, ties by id.
      await store.create(L, widget({ Code: 'r2', Colour: 'red' }));
      const seen: string[] = [];
      let pageToken: string | undefined;
      do {
        const page = await store.query(L, {
          orderBy: { column: 'Colour' },
          top: 1,
          ...(pageToken ? { pageToken } : {}),
        });
        seen.push(...page.items.map((i) => String(i.fields.Code)));
        pageToken = page.nextPageToken;
      } while (pageToken);
      expect(seen).toEqual(['Bcd', 'aaa', 'xyz', 'abc', 'r2']);
    });

    it('provisions idempotently, keeping the data', async () => {
      await store.create(L, widget({ Code: 'KEEP' }));
      await store.provision([WIDGETS]);
      expect((await all()).map((i) => i.fields.Code)).toEqual(['KEEP']);
    });
  });
}
