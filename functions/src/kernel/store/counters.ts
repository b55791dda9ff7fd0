/**
 * Unique counters over the Counters list: one item per key, bumped with its ETag, so two callers never get the
 * same number (numbers taken by a caller that then failed are simply skipped: gaps, never repeats).
 */
import { KernelLists } from '../lists';
import type { Store } from '../../ports/store';
import { firstWhere } from './paging';
import { retryOnConflict } from './retry';

export class Counters {
  constructor(private readonly store: Store) {}

  /** The next value of the counter `key`: 1 for a new key, then 2, 3, … */
  async next(key: string): Promise<number> {
    return retryOnConflict(
      async () => {
        const counter = await firstWhere(this.store, KernelLists.counters, 'CounterKey', key);
        if (!counter) {
          await this.store.create(KernelLists.counters, { CounterKey: key, Value: 1 });
          return 1;
        }
        const next = Number(counter.fields.Value) + 1;
        await this.store.update(KernelLists.counters, counter.id, counter.etag, { Value: next });
        return next;
      },
      {
        attempts: 50,
        // A lost race on the ETag, or on creating the first item of a new key.
        on: ['conflict', 'unique'],
        exhausted: () => new Error(`Could not take the next number of counter ${key}: too much contention`),
      },
    );
  }

  /**
   * Runs a one-off job (a backfill when a list is new) unless it has run to the end before: its key is set only
   * after it finished, so a job cut short runs again from the start. The job must be idempotent.
   */
  async once(key: string, job: () => Promise<unknown>): Promise<boolean> {
    if (await firstWhere(this.store, KernelLists.counters, 'CounterKey', key)) return false;
    await job();
    await this.next(key);
    return true;
  }
}
