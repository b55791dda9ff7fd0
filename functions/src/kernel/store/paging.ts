import type { Item, Query, Store } from '../../ports/store';

/** Walks every page of a query (for lists the hub keeps small, or filtered on an indexed column). */
export async function* allItems(
  store: Store,
  list: string,
  query: Omit<Query, 'pageToken'>,
): AsyncGenerator<Item> {
  let pageToken: string | undefined;
  do {
    const page = await store.query(list, { ...query, ...(pageToken ? { pageToken } : {}) });
    yield* page.items;
    pageToken = page.nextPageToken;
  } while (pageToken);
}

export async function firstWhere(
  store: Store,
  list: string,
  column: string,
  value: string,
): Promise<Item | undefined> {
  const page = await store.query(list, { where: [{ column, op: 'eq', value }], top: 1 });
  return page.items[0];
}

export const str = (item: Item, column: string): string => {
  const v = item.fields[column];
  if (typeof v !== 'string') throw new Error(`Column ${column} of item ${item.id} is not text`);
  return v;
};
