/** The one retry-on-conflict helper, and the unique counters built on it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { KERNEL_LISTS } from '@pph/functions/kernel/lists';
import { Counters } from '@pph/functions/kernel/store/counters';
import { retryOnConflict } from '@pph/functions/kernel/store/retry';
import { StoreError, type Store } from '@pph/functions/ports/store';

describe('retryOnConflict', () => {
  it('runs again after a lost race and returns the first success', async () => {
    const seen: number[] = [];
    const result = await retryOnConflict(async (attempt) => {
      seen.push(attempt);
      if (attempt < 2) throw new StoreError('conflict', 'stale');
      return 'done';
    });
    expect(result).toBe('done');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('is bounded: after the last attempt it throws what it was told to', async () => {
    let runs = 0;
    const op = async () => {
      runs++;
      throw new StoreError('conflict', 'stale');
    };
    await expect(
      retryOnConflict(op, { attempts: 3, exhausted: () => new Error('too busy') }),
    ).rejects.toThrow('too busy');
    expect(runs).toBe(3);
  });

  it('does not retry anything but the codes it is given', async () => {
    let runs = 0;
    const op = async () => {
      runs++;
      throw new StoreError('unique', 'taken');
    };
    await expect(retryOnConflict(op)).rejects.toMatchObject({ code: 'unique' });
    expect(runs).toBe(1);
    await expect(retryOnConflict(op, { on: ['unique'], attempts: 2 })).rejects.toMatchObject({
      code: 'unique',
    });
    expect(runs).toBe(3);
    await expect(
      retryOnConflict(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});

describe('Counters', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-counters-'));
    store = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
    await store.provision(KERNEL_LISTS);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives every caller its own number, even when they ask at once', async () => {
    const counters = new Counters(store);
    const numbers = await Promise.all(Array.from({ length: 20 }, () => counters.next('k')));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await counters.next('other')).toBe(1);
    expect(await counters.next('k')).toBe(21);
  });

  it('runs a one-off job once; a job cut short runs again', async () => {
    const counters = new Counters(store);
    await expect(
      counters.once('job', async () => {
        throw new Error('cut short');
      }),
    ).rejects.toThrow('cut short');
    let runs = 0;
    expect(await counters.once('job', async () => runs++)).toBe(true);
    expect(await counters.once('job', async () => runs++)).toBe(false);
    expect(runs).toBe(1);
  });
});
