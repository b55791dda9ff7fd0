/**
 * The Store port on SharePoint Online lists through PnPjs (@pnp/sp v4), app-only. The port's semantics hold as on
 * the embedded adapter: an ETag per item sent as If-Match on every update and delete (never `*`), 409 on a stale
 * one, unique columns, queries on indexed columns only with paging, case-insensitive text (SharePoint's own),
 * dates to the whole second, batches that are not transactions. Cross-cutting behaviour (token, user agent,
 * timeout, throttling, logging) is plugged into PnPjs as behaviours, once, on the root.
 *
 * Round trips: create, get, delete and each page of a query are one request; an update is one $batch (the MERGE
 * and a read of the item it wrote, so the caller gets the whole item back); `batch` is one $batch per 50 ops.
 * Reads (`get`, each page of a `query`) issued while others are pending, before the event loop next turns to I/O,
 * go together as the GETs of one $batch (dataloader, up to 100 parts a batch): the reads a user waits for, issued
 * together, are one round trip. A lone read is the plain request. Each read keeps its own outcome (a part that
 * fails fails only its read); a $batch that fails as a whole (throttled past the retries, no answer) fails each.
 */
import DataLoader from 'dataloader';
import type { ListDefinition, ColumnDefinition } from '../../ports/lists';
import type { Logger } from '../../ports/logger';
import {
  StoreError,
  type BatchOp,
  type BatchResult,
  type Fields,
  type Item,
  type Page,
  type Query,
  type Store,
} from '../../ports/store';
import { AppOnlyToken } from './behaviors/app-only-token';
import { RequestLogging } from './behaviors/request-logging';
import { Fetch } from './behaviors/send';
import { Throttling, type ThrottlingOptions } from './behaviors/throttling';
import { Timeout } from './behaviors/timeout';
import { UserAgent } from './behaviors/user-agent';
import { isDuplicateValues, isMissingList, storeErrorFor, type SharePointFailure } from './errors';
import { failureOf, unanswered } from './failure';
import { fieldName } from './field-names';
import { listPolicy, type ListPolicy } from './list-policy';
import { pageTokenFrom, queryString, selectFor, toItemQuery } from './odata';
import { loadPnp, type SPFI } from './pnp';
import { provisionLists, type ProvisionReport } from './provisioning';
import { settle, type Settled } from './settle';
import type { TokenProvider } from './token-provider';
import { decodeValue, toSharePoint, type Columns } from './values';

export interface SharePointStoreOptions {
  /** The hub's site, e.g. https://council.sharepoint.com/sites/prevent-hub */
  siteUrl: string;
  tokens: TokenProvider;
  logger: Logger;
  /** Sent on every request (see behaviors/user-agent.ts). */
  userAgent: string;
  /** What `provision` does: 'apply' creates and corrects; 'verify' only checks and refuses a site that differs. */
  provisioning: 'apply' | 'verify';
  /** Deadline per request, retries included (default 30 s). */
  timeoutMs?: number;
  throttling?: ThrottlingOptions;
  policy?: (list: string) => ListPolicy;
  /** The app's client id: its own role assignments survive making a list app-only. */
  appPrincipal?: string;
  fetch?: typeof fetch;
}

/** Parts per $batch request: SharePoint takes at most 100. */
const BATCH_PARTS = 100;

/** A read as a part of a $batch, or a plain request when alone. */
type Read =
  { kind: 'get'; list: string; id: number } | { kind: 'query'; list: string; params: [string, string][] };

/** A read's outcome; `whole`: its $batch failed as a whole, and `error` is the port's error for that. */
type ReadOutcome = Settled<unknown> | { ok: false; error: unknown; whole: true };

interface SpItem {
  Id: number;
  Created: string;
  Modified: string;
  'odata.etag'?: string;
  [field: string]: unknown;
}

export class SharePointStore implements Store {
  readonly kind = 'sharepoint' as const;
  private readonly sp: SPFI;
  private readonly lists = new Map<string, Columns>();
  private readonly timeoutMs: number;
  /** Reads pending in the same turn of the event loop, sent together (see the header). */
  private readonly reads = new DataLoader<Read, ReadOutcome>((reads) => this.sendReads(reads), {
    cache: false,
    batchScheduleFn: (send) => void setImmediate(send),
    maxBatchSize: BATCH_PARTS,
  });

  constructor(private readonly opts: SharePointStoreOptions) {
    const { sp, queryable } = loadPnp();
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.sp = sp.spfi(opts.siteUrl.replace(/\/+$/, '')).using(
      queryable.InjectHeaders({
        Accept: 'application/json;odata=minimalmetadata',
        'Content-Type': 'application/json;charset=utf-8',
      }),
      UserAgent(opts.userAgent),
      Timeout(this.timeoutMs),
      AppOnlyToken(opts.tokens),
      Fetch(opts.fetch),
      RequestLogging({ logger: opts.logger }),
      Throttling({ logger: opts.logger, ...opts.throttling }),
      queryable.DefaultParse(),
      queryable.RejectOnError(),
      queryable.ResolveOnData(),
    );
  }

  /**
   * Provisions the lists ('apply') or only compares them with the site ('verify'), and reports what it changed
   * or would change. The lists are usable through the store afterwards.
   */
  async provisionLists(defs: readonly ListDefinition[]): Promise<ProvisionReport> {
    const report = await provisionLists(this.sp, defs, {
      policy: this.opts.policy ?? listPolicy,
      mode: this.opts.provisioning,
      ...(this.opts.appPrincipal ? { appPrincipal: this.opts.appPrincipal } : {}),
    }).catch((e: unknown) => this.rethrow(e, defs[0]?.name ?? 'site', 'provisioning'));
    for (const def of defs) this.lists.set(def.name, new Map(def.columns.map((c) => [c.name, c])));
    return report;
  }

  /** The port's provision: applies, or (verifying) refuses to run on a site that lacks what the hub needs. */
  async provision(defs: readonly ListDefinition[]): Promise<void> {
    const report = await this.provisionLists(defs);
    if (this.opts.provisioning !== 'verify') return;
    const blocking = [...report.changes, ...report.problems.filter((p) => p.startsWith('column'))];
    if (blocking.length > 0)
      throw new Error(
        `The SharePoint site ${this.opts.siteUrl} is not provisioned for this version of the hub ` +
          `(${blocking.length} difference(s), e.g. "${blocking[0]}"): run \`npm run provision -- --site ${this.opts.siteUrl}\`.`,
      );
    for (const problem of report.problems)
      this.opts.logger.warn('sharepoint site differs from the hub policy', { problem });
  }

  private columns(list: string): Columns {
    const cols = this.lists.get(list);
    if (!cols) throw new StoreError('invalid', `Unknown list "${list}".`);
    return cols;
  }

  private list(list: string, sp: SPFI = this.sp) {
    return sp.web.lists.getByTitle(list);
  }

  async create(list: string, fields: Fields): Promise<Item> {
    const body = toSharePoint(list, this.columns(list), fields, true);
    const created = await settle(this.list(list).items.add(body) as Promise<SpItem>);
    return this.toItem(list, (await this.outcome(list, created, { fields, op: 'create' })) as SpItem);
  }

  async get(list: string, id: number): Promise<Item | undefined> {
    this.columns(list);
    const read = await this.reads.load({ kind: 'get', list, id });
    if (read.ok) return this.toItem(list, read.value as SpItem);
    if ('whole' in read) throw read.error;
    const f = await failureOf(read.error);
    if (f?.status === 404 && !isMissingList(f)) return undefined;
    return this.rethrow(read.error, list, `reading item ${id}`);
  }

  async update(list: string, id: number, etag: string, fields: Fields): Promise<Item> {
    const [result] = await this.runBatch([{ op: 'update', list, id, etag, fields }]);
    if (!result!.ok) throw result!.error;
    return result!.item!;
  }

  async delete(list: string, id: number, etag: string): Promise<void> {
    this.columns(list);
    requireEtag(etag, list, id);
    const deleted = await settle(this.list(list).items.getById(id).delete(etag));
    await this.outcome(list, deleted, { op: 'delete', id });
  }

  async query(list: string, query: Query): Promise<Page> {
    const cols = this.columns(list);
    const q = toItemQuery(list, cols, query);
    const read = await this.reads.load({ kind: 'query', list, params: [...queryString(selectFor(cols), q)] });
    if (!read.ok) {
      if ('whole' in read) throw read.error;
      return this.rethrow(read.error, list, 'a query');
    }
    const json = read.value as { value?: SpItem[]; 'odata.nextLink'?: string };
    const next = pageTokenFrom(json['odata.nextLink']);
    return {
      items: (json.value ?? []).map((i) => this.toItem(list, i)),
      ...(next ? { nextPageToken: next } : {}),
    };
  }

  /** A read's request on `sp` (the root, or a batched one). */
  private sendRead(read: Read, sp: SPFI): Promise<unknown> {
    if (read.kind === 'get')
      return this.list(read.list, sp)
        .items.getById(read.id)
        .select(...selectFor(this.columns(read.list)))();
    // JSON as SharePoint sent it: the default parse would drop odata.nextLink.
    const items = this.list(read.list, sp).items.using(loadPnp().queryable.JSONParse());
    for (const [k, v] of read.params) items.query.set(k, v);
    return items();
  }

  /** The reads of one turn: a lone one as its plain request, more as the GETs of one $batch. */
  private async sendReads(reads: readonly Read[]): Promise<ReadOutcome[]> {
    if (reads.length === 1) return [await settle(this.sendRead(reads[0]!, this.sp))];
    const [batched, execute] = this.sp.batched({ maxRequests: BATCH_PARTS });
    const outcomes = reads.map((read) => settle(this.sendRead(read, batched)));
    try {
      await execute();
    } catch (e) {
      return Promise.all(
        reads.map((read) =>
          this.rethrow(e, read.list, read.kind === 'get' ? `reading item ${read.id}` : 'a query').catch(
            (error: unknown) => ({ ok: false as const, error, whole: true as const }),
          ),
        ),
      );
    }
    return Promise.all(outcomes);
  }

  async batch(ops: BatchOp[]): Promise<BatchResult[]> {
    return this.runBatch(ops);
  }

  /**
   * Ops as parts of $batch requests (an update is its MERGE and a read of the item). A part that fails is that
   * op's failure; the others stand. If a whole $batch request fails (throttled past the retries, no answer)
   * it is thrown: SharePoint did nothing with a throttled one, and of one unanswered nothing is known.
   */
  private async runBatch(ops: BatchOp[]): Promise<BatchResult[]> {
    const results: BatchResult[] = new Array(ops.length);
    type Pending = {
      index: number;
      op: BatchOp;
      write: Promise<Settled<unknown>>;
      read?: Promise<Settled<unknown>>;
    };
    const pending: Pending[] = [];
    let parts = 0;
    let batched: SPFI | undefined;
    let execute: (() => Promise<void>) | undefined;
    const executions: (() => Promise<void>)[] = [];
    for (const [index, op] of ops.entries()) {
      let body: Record<string, unknown> | undefined;
      try {
        const cols = this.columns(op.list);
        if (op.op !== 'create') requireEtag(op.etag, op.list, op.id);
        if (op.op !== 'delete') body = toSharePoint(op.list, cols, op.fields, op.op === 'create');
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
        results[index] = { ok: false, error: e };
        continue;
      }
      const size = op.op === 'update' ? 2 : 1;
      if (!batched || parts + size > BATCH_PARTS) {
        [batched, execute] = this.sp.batched({ maxRequests: BATCH_PARTS });
        executions.push(execute);
        parts = 0;
      }
      parts += size;
      const items = this.list(op.list, batched).items;
      if (op.op === 'create') pending.push({ index, op, write: settle(items.add(body!)) });
      else if (op.op === 'delete')
        pending.push({ index, op, write: settle(items.getById(op.id).delete(op.etag)) });
      else
        pending.push({
          index,
          op,
          write: settle(items.getById(op.id).update(body!, op.etag)),
          read: settle(
            this.list(op.list, batched)
              .items.getById(op.id)
              .select(...selectFor(this.columns(op.list)))(),
          ),
        });
    }
    for (const run of executions) {
      try {
        await run();
      } catch (e) {
        return this.rethrow(e, ops[0]?.list ?? 'batch', 'a batch');
      }
    }
    for (const p of pending) {
      try {
        if (p.op.op === 'create')
          results[p.index] = {
            ok: true,
            item: this.toItem(p.op.list, (await this.outcome(p.op.list, await p.write, p.op)) as SpItem),
          };
        else if (p.op.op === 'delete') {
          await this.outcome(p.op.list, await p.write, p.op);
          results[p.index] = { ok: true };
        } else {
          await this.outcome(p.op.list, await p.write, p.op);
          const read = await p.read!;
          // The MERGE stood; if its read-back did not, read the item on its own.
          const item = read.ok
            ? this.toItem(p.op.list, read.value as SpItem)
            : await this.get(p.op.list, p.op.id);
          if (!item) throw new StoreError('not-found', `Item ${p.op.id} of "${p.op.list}" does not exist.`);
          results[p.index] = { ok: true, item };
        }
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
        results[p.index] = { ok: false, error: e };
      }
    }
    return results;
  }

  /** A write's outcome: what SharePoint returned, or the port's error for what it said. */
  private async outcome(
    list: string,
    outcome: Settled<unknown>,
    op: { op: BatchOp['op']; id?: number; fields?: Fields },
  ): Promise<unknown> {
    if (outcome.ok) return outcome.value;
    const f = await failureOf(outcome.error);
    if (!f) throw unanswered(outcome.error, `a ${op.op} in "${list}"`, this.timeoutMs);
    const where = op.id !== undefined ? `Item ${op.id} of "${list}"` : `A "${list}" item`;
    if (f.status === 412) throw new StoreError('conflict', `${where} has changed since it was read.`);
    if (f.status === 404 && !isMissingList(f)) throw new StoreError('not-found', `${where} does not exist.`);
    if (isDuplicateValues(f)) {
      const column = await this.duplicateColumn(list, op.fields ?? {}, op.id);
      throw new StoreError('unique', `A "${list}" item with this ${column} already exists.`, { column });
    }
    throw this.failure(f, list);
  }

  /**
   * SharePoint's duplicate-value error does not say which column: the one among the write's unique columns whose
   * value another item holds (an extra query, on the failure path only).
   */
  private async duplicateColumn(list: string, fields: Fields, selfId?: number): Promise<string> {
    const cols = this.columns(list);
    const candidates = Object.keys(fields).filter((c) => cols.get(c)?.unique && fields[c] !== null);
    if (candidates.length === 1) return candidates[0]!;
    for (const column of candidates) {
      const page = await this.query(list, { where: [{ column, op: 'eq', value: fields[column]! }], top: 2 });
      if (page.items.some((i) => i.id !== selfId)) return column;
    }
    return candidates[0] ?? 'unknown';
  }

  private failure(f: SharePointFailure, list: string): Error {
    return storeErrorFor(f, list, this.opts.siteUrl);
  }

  private async rethrow(e: unknown, list: string, what: string): Promise<never> {
    if (e instanceof StoreError) throw e;
    const f = await failureOf(e);
    if (!f) throw unanswered(e, what, this.timeoutMs);
    throw this.failure(f, list);
  }

  private toItem(list: string, raw: SpItem): Item {
    const cols = this.columns(list);
    const fields: Fields = {};
    for (const col of cols.values()) fields[col.name] = decodeValue(col, raw[fieldName(col.name)]);
    const etag = raw['odata.etag'];
    if (typeof etag !== 'string')
      throw new Error(
        `SharePoint returned an item of "${list}" without its ETag (is the Accept header minimal metadata?).`,
      );
    return {
      id: Number(raw.Id),
      etag,
      created: new Date(raw.Created).toISOString(),
      modified: new Date(raw.Modified).toISOString(),
      fields,
    };
  }

  async close(): Promise<void> {
    /* no connection to close: each request is its own */
  }
}

/** An update or delete always names the version it was read at: never `*` (which would overwrite blindly). */
function requireEtag(etag: string, list: string, id: number): void {
  if (typeof etag !== 'string' || etag.trim() === '' || etag.trim() === '*')
    throw new StoreError('conflict', `An update of item ${id} of "${list}" needs the ETag it was read with.`);
}

export type { ColumnDefinition, ProvisionReport };
