/** Reference numbers PRV-<year>-<n>: a per-year counter item bumped with its ETag, so no two concerns share one. */
import { KernelLists } from '../kernel/lists';
import { isStoreError, type Store } from '../ports/store';
import { firstWhere } from '../kernel/store/paging';

export async function allocateReference(store: Store, year: number): Promise<string> {
  const key = `concern-reference-${year}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    const counter = await firstWhere(store, KernelLists.counters, 'CounterKey', key);
    try {
      if (!counter) {
        await store.create(KernelLists.counters, { CounterKey: key, Value: 1 });
        return format(year, 1);
      }
      const next = Number(counter.fields.Value) + 1;
      await store.update(KernelLists.counters, counter.id, counter.etag, { Value: next });
      return format(year, next);
    } catch (e) {
      // Someone else took this number first: read the counter again.
      if (isStoreError(e, 'conflict') || isStoreError(e, 'unique')) continue;
      throw e;
    }
  }
  throw new Error('Could not allocate a reference number: too much contention');
}

const format = (year: number, n: number) => `PRV-${year}-${String(n).padStart(4, '0')}`;
