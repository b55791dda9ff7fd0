/**
 * The Store port, shaped like SharePoint lists so that what works on the embedded SQLite adapter works on
 * SharePoint Online: flat items with typed columns, an id and an ETag per item, writes atomic per item only,
 * batches that are NOT transactions, and queries that must filter on indexed columns and page.
 */
import type { ListDefinition } from './lists';

export type ColumnValue = string | number | boolean | null;
export type Fields = Record<string, ColumnValue>;

export interface Item {
  id: number;
  /** Opaque version tag; pass it back to `update`/`delete` to guard against lost updates. */
  etag: string;
  created: string;
  modified: string;
  fields: Fields;
}

/**
 * Text (single line) compares case-insensitively, as on SharePoint: `eq 'abc'` matches 'ABC', ordering ignores
 * case, and a unique text column refuses 'ABC' when 'abc' exists. Values keep the case they were written in.
 */
export type FilterOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'in';
export interface Filter {
  column: string;
  op: FilterOp;
  value: ColumnValue | ColumnValue[];
}

export interface Query {
  /** All filters are ANDed; every filtered column must be indexed (or `id`). */
  where?: Filter[];
  /** Ordering column must be indexed (or `id`); ties break on id. */
  orderBy?: { column: string; descending?: boolean };
  /** Page size; at most MAX_PAGE_SIZE (SharePoint's list view threshold). */
  top?: number;
  /** Opaque token from a previous page. */
  pageToken?: string;
}

export interface Page {
  items: Item[];
  nextPageToken?: string;
}

export const MAX_PAGE_SIZE = 5000;

/** SharePoint's single line of text: at most 255 characters. */
export const TEXT_MAX_CHARS = 255;
/** SharePoint's multiple lines of text (plain): at most 63,999 characters; longer values are refused ('invalid'). */
export const NOTE_MAX_CHARS = 63_999;

/**
 * What a dateTime column keeps of an ISO 8601 value: SharePoint's Date and Time columns hold whole seconds, so
 * every adapter stores `2026-11-24T09:00:00.123Z` as `2026-11-24T09:00:00.000Z` (the fraction is truncated, never
 * rounded up, so a stored time is never later than the one written). Code that must compare a value with what
 * it wrote (the audit chain's HMAC, ETag-free equality checks) applies this first. Filters are not truncated:
 * `lt '…:00.500Z'` still matches a stored `…:00.000Z`.
 */
/**
 * The part of `want` that differs from what an item holds: a write of only these leaves the other columns, and
 * their index entries, as they are.
 */
export const changedFields = (stored: Fields, want: Fields): Fields =>
  Object.fromEntries(Object.entries(want).filter(([k, v]) => stored[k] !== v));

export function toStoredDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new StoreError('invalid', 'Not an ISO 8601 date and time.');
  return new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString();
}

export type BatchOp =
  | { op: 'create'; list: string; fields: Fields }
  | { op: 'update'; list: string; id: number; etag: string; fields: Fields }
  | { op: 'delete'; list: string; id: number; etag: string };

export type BatchResult = { ok: true; item?: Item } | { ok: false; error: StoreError };

export interface Store {
  /** Which adapter this is, for health and logs. */
  readonly kind: 'sqlite' | 'sharepoint';
  /** Create lists and columns (idempotent); the SharePoint adapter provisions, SQLite migrates. */
  provision(lists: readonly ListDefinition[]): Promise<void>;
  create(list: string, fields: Fields): Promise<Item>;
  get(list: string, id: number): Promise<Item | undefined>;
  /** Replaces the given columns only; fails with ConflictError if `etag` is not the item's current ETag. */
  update(list: string, id: number, etag: string, fields: Fields): Promise<Item>;
  delete(list: string, id: number, etag: string): Promise<void>;
  query(list: string, query: Query): Promise<Page>;
  /** Runs each op on its own: some may succeed while others fail. Never a transaction. */
  batch(ops: BatchOp[]): Promise<BatchResult[]>;
  /**
   * Optional: every op stands or none does, in one write (each create's or update's item in op order, a delete's
   * undefined). An op the store refuses rejects the whole with its StoreError and nothing is written. Only a
   * store that can promise that offers it (SQLite; SharePoint's $batch cannot), and callers fall back to single
   * writes without it.
   */
  batchAtomic?(ops: BatchOp[]): Promise<(Item | undefined)[]>;
  close(): Promise<void>;
}

export type StoreErrorCode = 'conflict' | 'not-found' | 'unique' | 'invalid' | 'unindexed' | 'throttled';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For 'unique': the column whose value already exists. For 'throttled': seconds to wait. */
    readonly detail?: { column?: string; retryAfterSeconds?: number },
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export const isStoreError = (e: unknown, code?: StoreErrorCode): e is StoreError =>
  e instanceof StoreError && (code === undefined || e.code === code);
