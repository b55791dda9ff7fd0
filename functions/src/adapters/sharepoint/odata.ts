/**
 * A Store query as SharePoint REST query options: `$filter` (indexed columns only, as the port requires;
 * SharePoint itself refuses unindexed filters only past 5,000 items), `$orderby` with the id as tie-break,
 * `$top`, `$select`, and paging through SharePoint's own `$skiptoken` (taken from the `odata.nextLink` it
 * returns), wrapped in a token of the adapter's.
 */
import type { ColumnDefinition } from '../../ports/lists';
import { MAX_PAGE_SIZE, StoreError, type ColumnValue, type Filter, type Query } from '../../ports/store';
import { fieldName } from './field-names';
import { checkedDateTime, encodeValue, type Columns } from './values';

export interface ItemQuery {
  filter?: string;
  orderBy: { field: string; ascending: boolean }[];
  top: number;
  skipToken?: string;
}

/** The fields every item read selects: the id, SharePoint's own times, and the list's columns. */
export const selectFor = (cols: Columns): string[] => [
  'Id',
  'Created',
  'Modified',
  ...[...cols.keys()].map(fieldName),
];

export function toItemQuery(list: string, cols: Columns, query: Query): ItemQuery {
  const top = query.top ?? 100;
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE)
    throw new StoreError('invalid', `Page size must be 1 to ${MAX_PAGE_SIZE}.`);
  const usable = (name: string): ColumnDefinition | undefined => {
    if (name === 'id') return undefined;
    const col = cols.get(name);
    if (!col) throw new StoreError('invalid', `List "${list}" has no column "${name}".`);
    if (!col.indexed && !col.unique)
      throw new StoreError(
        'unindexed',
        `Column "${name}" of "${list}" is not indexed, so it cannot be filtered or ordered on.`,
      );
    return col;
  };
  const clauses = (query.where ?? []).map((f) => clause(f, usable(f.column), list));
  const orderColumn = query.orderBy?.column ?? 'id';
  usable(orderColumn);
  const ascending = query.orderBy?.descending !== true;
  const orderBy =
    orderColumn === 'id'
      ? [{ field: 'Id', ascending }]
      : [
          { field: fieldName(orderColumn), ascending },
          { field: 'Id', ascending },
        ];
  return {
    ...(clauses.length ? { filter: clauses.join(' and ') } : {}),
    orderBy,
    top,
    ...(query.pageToken ? { skipToken: decodePageToken(query.pageToken) } : {}),
  };
}

/** Nothing matches this: an item id is never 0. */
const NOTHING = 'Id eq 0';

function clause(f: Filter, col: ColumnDefinition | undefined, list: string): string {
  const field = col ? fieldName(col.name) : 'Id';
  if (f.op === 'in') {
    if (!Array.isArray(f.value) || f.value.length === 0 || f.value.length > 100)
      throw new StoreError('invalid', '"in" takes a list of 1 to 100 values.');
    // SharePoint's OData has no `in`: an `or` chain on the one column.
    const parts = f.value.map((v) => comparison(field, 'eq', v, col, list));
    return parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`;
  }
  if (Array.isArray(f.value)) throw new StoreError('invalid', `"${f.op}" takes a single value.`);
  if (f.value === null) {
    if (f.op === 'eq') return `${field} eq null`;
    if (f.op === 'ne') return `${field} ne null`;
    throw new StoreError('invalid', `"${f.op}" cannot compare with null.`);
  }
  // The port's `ne` includes items with no value; SharePoint's leaves them out.
  if (f.op === 'ne') return `(${comparison(field, 'ne', f.value, col, list)} or ${field} eq null)`;
  return comparison(field, f.op, f.value, col, list);
}

type Op = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

function comparison(
  field: string,
  op: Op,
  value: ColumnValue,
  col: ColumnDefinition | undefined,
  list: string,
): string {
  if (value === null) {
    if (op === 'eq' || op === 'ne') return `${field} ${op} null`;
    throw new StoreError('invalid', `"${op}" cannot compare with null.`);
  }
  if (!col) {
    const id = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(id)) throw new StoreError('invalid', 'An item id is a whole number.');
    return `Id ${op} ${id}`;
  }
  if (col.type === 'dateTime') return dateComparison(field, op, checkedDateTime(col, value, list));
  const v = encodeValue(col, value, list);
  return `${field} ${op} ${literal(v)}`;
}

/**
 * Stored times are whole seconds and a filter compares with the value given, fraction and all: a fraction
 * becomes the whole-second comparison that selects the same items (`lt 09:00:00.500` is `le 09:00:00`).
 */
function dateComparison(field: string, op: Op, iso: string): string {
  const ms = Date.parse(iso);
  const floor = ms - (((ms % 1000) + 1000) % 1000);
  const at = (t: number) => `datetime'${new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')}'`;
  if (floor === ms) return `${field} ${op} ${at(ms)}`;
  switch (op) {
    case 'eq':
      return NOTHING;
    case 'ne':
      return `${field} ne null`;
    case 'lt':
    case 'le':
      return `${field} le ${at(floor)}`;
    case 'gt':
    case 'ge':
      return `${field} gt ${at(floor)}`;
  }
}

function literal(v: ColumnValue): string {
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The query string of an item query, as SharePoint REST takes it. */
export function queryString(select: string[], q: ItemQuery): URLSearchParams {
  const params = new URLSearchParams();
  params.set('$select', select.join(','));
  if (q.filter) params.set('$filter', q.filter);
  params.set('$orderby', q.orderBy.map((o) => `${o.field}${o.ascending ? '' : ' desc'}`).join(','));
  params.set('$top', String(q.top));
  if (q.skipToken) params.set('$skiptoken', q.skipToken);
  return params;
}

/** The `$skiptoken` of SharePoint's next-page link, as the port's opaque token. */
export function pageTokenFrom(nextLink: unknown): string | undefined {
  if (typeof nextLink !== 'string' || nextLink.length === 0) return undefined;
  const skip = new URL(nextLink, 'http://x').searchParams.get('$skiptoken');
  if (!skip) return undefined;
  return Buffer.from(JSON.stringify({ sp: skip })).toString('base64url');
}

function decodePageToken(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { sp?: unknown }).sp === 'string' &&
      (parsed as { sp: string }).sp.startsWith('Paged=TRUE')
    )
      return (parsed as { sp: string }).sp;
  } catch {
    /* fall through */
  }
  throw new StoreError('invalid', 'That page token is not one this store issued.');
}
