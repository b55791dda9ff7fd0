/** Create-or-update of the one item keyed on a unique column, retrying the race where two writers create at once. */
import { DomainError } from '../errors';
import type { Fields, Store } from '../../ports/store';
import { firstWhere } from './paging';
import { retryOnConflict } from './retry';

export async function upsertByKey(
  store: Store,
  list: string,
  keyColumn: string,
  key: string,
  fields: Fields,
): Promise<void> {
  await retryOnConflict(
    async () => {
      const existing = await firstWhere(store, list, keyColumn, key);
      if (existing) await store.update(list, existing.id, existing.etag, fields);
      else await store.create(list, { [keyColumn]: key, ...fields });
    },
    {
      attempts: 5,
      on: ['unique', 'conflict'],
      exhausted: () =>
        new DomainError('conflict', 'Could not save just now because of a simultaneous change. Try again.'),
    },
  );
}
