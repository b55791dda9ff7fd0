/**
 * The one work queue: whatever waits for a person, from every capability, as flat items on one list (see
 * KernelLists.workQueue). A capability says which tasks one of its items opens, from the item's current state,
 * and `reconcile` makes the list hold exactly those: missing ones created (the unique TaskKey makes a repeat
 * harmless), changed ones updated, the rest removed. So it is idempotent, and a crash between any two of its
 * writes is mended by the next run from the same state. "What waits for me" is one indexed range query per
 * audience of the person, each already in the order work is shown.
 */
import { KernelLists } from '../lists';
import {
  changedFields,
  MAX_PAGE_SIZE,
  TEXT_MAX_CHARS,
  type BatchOp,
  type Fields,
  type Item,
  type Store,
} from '../../ports/store';
import { DomainError } from '../errors';
import { allItems, str } from '../store/paging';
import { retryOnConflict } from '../store/retry';
import type { Audience } from './audience';
import { RecentReads } from './recent-reads';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One task as a capability describes it. */
export interface TaskInput {
  kind: string;
  /** What within the item the task is about (a step id, a review id). */
  subject: string;
  audience: Audience;
  /** Someone in the audience who must not act on it. */
  excludeId?: string;
  /** YYYY-MM-DD. */
  dueOn: string;
  /** 0 first. */
  priority: number;
  /** Orders tasks of equal priority and due date (e.g. when the item was raised, then its reference). */
  tieBreak: string;
  /** What a list of work shows: no special-category content. */
  summary: { [key: string]: Json };
}

export interface Task extends TaskInput {
  capability: string;
  itemRef: string;
}

export interface ReconcileResult {
  created: number;
  updated: number;
  removed: number;
}

export interface OpenTasksPage {
  tasks: Task[];
  /** Pass back to get the next page; absent on the last. */
  nextPageToken?: string;
}

const OPEN = 'open';

const taskKey = (capability: string, itemRef: string, t: Pick<TaskInput, 'subject' | 'audience'>) =>
  `${capability}:${itemRef}:${t.subject}:${t.audience}`;

/** A task's identity whatever its audience: one task shown once, however many of a person's audiences it is for. */
const identity = (t: Pick<Task, 'capability' | 'itemRef' | 'subject'>) =>
  `${t.capability}:${t.itemRef}:${t.subject}`;

/** Where an audience's open tasks begin in QueueKey order; they all sort before `prefix + END`. */
const rangeOf = (audience: Audience) => `${audience}|${OPEN}|`;
const END = '\uffff';

function fieldsOf(capability: string, itemRef: string, t: TaskInput): Fields {
  const key = taskKey(capability, itemRef, t);
  const queueKey = `${rangeOf(t.audience)}${t.priority}|${t.dueOn}|${t.tieBreak}|${identity({ capability, itemRef, subject: t.subject })}`;
  if (queueKey.length > TEXT_MAX_CHARS)
    throw new Error(`A work-queue key is longer than ${TEXT_MAX_CHARS} characters; shorten its tie-break.`);
  return {
    TaskKey: key,
    Capability: capability,
    Kind: t.kind,
    ItemRef: itemRef,
    Subject: t.subject,
    Audience: t.audience,
    ExcludeId: t.excludeId ?? null,
    Status: OPEN,
    DueOn: t.dueOn,
    Priority: t.priority,
    QueueKey: queueKey,
    Summary: JSON.stringify(t.summary),
  };
}

/**
 * A task as read, with where it sits in its audience's range, and what every page built from it compares
 * (worked out once per read, which many pages share: see RecentReads).
 */
interface Row {
  task: Task;
  queueKey: string;
  /** The key without its audience prefix, folded as the store compares text: the order across audiences. */
  rank: string;
  /** The task's identity (one task shown once, whichever audiences it came through). */
  id: string;
}

/** How the store compares text: ASCII letters without case (SharePoint's collation, and the SQLite adapter's). */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function toRow(item: Item): Row {
  const audience = str(item, 'Audience');
  const queueKey = str(item, 'QueueKey');
  const unfolded = queueKey.slice(rangeOf(audience).length);
  const excludeId = item.fields.ExcludeId;
  const task: Task = {
    capability: str(item, 'Capability'),
    itemRef: str(item, 'ItemRef'),
    kind: str(item, 'Kind'),
    subject: str(item, 'Subject'),
    audience,
    ...(typeof excludeId === 'string' ? { excludeId } : {}),
    dueOn: str(item, 'DueOn'),
    priority: Number(item.fields.Priority),
    tieBreak: unfolded.split('|').slice(2, -1).join('|'),
    summary: JSON.parse(str(item, 'Summary')) as Task['summary'],
  };
  return { task, queueKey, rank: fold(unfolded), id: identity(task) };
}

/** Our page token: per audience, the QueueKey of the last task looked at. */
type Cursor = Record<Audience, string>;

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(token: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (c && typeof c === 'object' && !Array.isArray(c)) {
      const entries = Object.entries(c as Record<string, unknown>);
      if (entries.every(([a, k]) => typeof k === 'string' && k.startsWith(rangeOf(a))))
        return Object.fromEntries(entries) as Cursor;
    }
  } catch {
    /* fall through */
  }
  throw badToken();
}

const badToken = () =>
  new DomainError(
    'validation_failed',
    'That page token is not one this list gave out. Ask for the first page again.',
    {
      fieldErrors: [{ path: 'pageToken', message: 'Use the nextPageToken of the previous page, or none.' }],
    },
  );

/** Frozen: a range read is shared by everyone who asks for it in the next moment. */
function frozen(row: Row): Row {
  const deep = (v: Json): void => {
    if (v && typeof v === 'object') for (const x of Object.values(Object.freeze(v))) deep(x);
  };
  deep(row.task.summary);
  Object.freeze(row.task);
  return Object.freeze(row);
}

export class WorkQueue {
  private readonly recent: RecentReads<readonly Row[]>;

  /** `now`: the hub's clock in milliseconds (how long a range read is kept; see RecentReads). */
  constructor(
    private readonly store: Store,
    now: () => number = () => Date.now(),
  ) {
    this.recent = new RecentReads(now);
  }

  /**
   * Makes the open tasks of one item exactly `desired`. Safe to repeat, and to run while another reconcile of
   * the same item runs (a lost race is read again and retried).
   */
  async reconcile(
    capability: string,
    itemRef: string,
    desired: readonly TaskInput[],
  ): Promise<ReconcileResult> {
    // Reads kept from before are forgotten, and so is any read made while this writes.
    this.recent.changed();
    try {
      return await this.reconcileNow(capability, itemRef, desired);
    } finally {
      this.recent.changed();
    }
  }

  private async reconcileNow(
    capability: string,
    itemRef: string,
    desired: readonly TaskInput[],
  ): Promise<ReconcileResult> {
    const want = new Map<string, Fields>();
    for (const t of desired) {
      const fields = fieldsOf(capability, itemRef, t);
      want.set(String(fields.TaskKey), fields);
    }
    return retryOnConflict(
      async () => {
        const result: ReconcileResult = { created: 0, updated: 0, removed: 0 };
        const seen = new Set<string>();
        const stale: Item[] = [];
        const ops: BatchOp[] = [];
        for await (const item of allItems(this.store, KernelLists.workQueue, {
          where: [{ column: 'ItemRef', op: 'eq', value: itemRef }],
          top: 500,
        })) {
          if (item.fields.Capability !== capability) continue;
          const key = str(item, 'TaskKey');
          const fields = want.get(key);
          seen.add(key);
          const changed = fields && changedFields(item.fields, fields);
          if (!changed) stale.push(item);
          else if (Object.keys(changed).length) {
            ops.push({
              op: 'update',
              list: KernelLists.workQueue,
              id: item.id,
              etag: item.etag,
              fields: changed,
            });
            result.updated++;
          }
        }
        for (const [key, fields] of want) {
          if (seen.has(key)) continue;
          // A task that ended makes room for one that began (a step decided, the next one opened): one write
          // instead of a delete and a create. Atomic per item, so a crash leaves the old task or the new one.
          const reuse = stale.pop();
          if (reuse)
            ops.push({
              op: 'update',
              list: KernelLists.workQueue,
              id: reuse.id,
              etag: reuse.etag,
              fields: changedFields(reuse.fields, fields),
            });
          else ops.push({ op: 'create', list: KernelLists.workQueue, fields });
          if (reuse) result.removed++;
          result.created++;
        }
        for (const item of stale) {
          ops.push({ op: 'delete', list: KernelLists.workQueue, id: item.id, etag: item.etag });
          result.removed++;
        }
        // All of it in one batch (one $batch on SharePoint). Not a transaction: a part that lost a race fails
        // this attempt, and the retry reads the item's tasks again and writes only what is still missing.
        const results = ops.length ? await this.store.batch(ops) : [];
        results.forEach((r, i) => {
          // A task someone else removed first is as good as removed.
          if (!r.ok && !(ops[i]!.op === 'delete' && r.error.code === 'not-found')) throw r.error;
        });
        return result;
      },
      {
        // Another reconcile got there first (created, changed or removed a task): read the item's tasks again.
        on: ['conflict', 'unique', 'not-found'],
        exhausted: () => new Error('Could not bring the work queue up to date: too much contention'),
      },
    );
  }

  /**
   * Open tasks for any of these audiences, in rank order, each once, that `accept` lets through (the caller's
   * policy, on the stored facts only): at most `limit`. One range query per audience, each of at most `limit`
   * rows; when `accept` turns many away, at most `maxReads` rounds of them, then a token for the rest.
   */
  async openFor(
    audiences: readonly Audience[],
    opts: { accept?: (t: Task) => boolean; limit?: number; maxReads?: number; pageToken?: string } = {},
  ): Promise<OpenTasksPage> {
    const limit = Math.max(1, Math.min(opts.limit ?? 100, MAX_PAGE_SIZE));
    const cursor: Cursor = opts.pageToken ? decodeCursor(opts.pageToken) : {};
    const wanted = [...new Set(audiences)];
    const exhausted = new Set<Audience>();
    const tasks: Task[] = [];
    const shown = new Set<string>();
    for (let round = 0; round < (opts.maxReads ?? 3); round++) {
      const rows: Row[] = [];
      let from = 0;
      /** The last row of each audience whose page came back full: rows ranked after it may be missing. */
      const fullPagesEndAt: Row[] = [];
      // The audiences' ranges of one round are read together (one $batch on SharePoint), used in audience order.
      const reading = wanted.filter((audience) => !exhausted.has(audience));
      const reads = await Promise.all(
        reading.map((audience) => {
          const after = cursor[audience];
          return this.recent.read(JSON.stringify([audience, after ?? null, limit]), async () => {
            const page = await this.store.query(KernelLists.workQueue, {
              where: [
                after
                  ? { column: 'QueueKey', op: 'gt', value: after }
                  : { column: 'QueueKey', op: 'ge', value: rangeOf(audience) },
                { column: 'QueueKey', op: 'lt', value: rangeOf(audience) + END },
              ],
              orderBy: { column: 'QueueKey' },
              top: limit,
            });
            return page.items.map((item) => frozen(toRow(item)));
          });
        }),
      );
      for (const [i, audience] of reading.entries()) {
        const read = reads[i]!;
        if (read.length < limit) exhausted.add(audience);
        else fullPagesEndAt.push(read[read.length - 1]!);
        if (read.length > 0) from++;
        rows.push(...read);
      }
      // One order across audiences, compared as the store compares text within each (a task's copies for two
      // audiences have the same rank and sit together). Rows of one audience are in that order already. Past
      // the end of a full page, that audience's next rows are unread: nothing ranked after it is shown yet.
      let horizon: string | undefined;
      if (from > 1) {
        for (const r of fullPagesEndAt) if (horizon === undefined || r.rank < horizon) horizon = r.rank;
        rows.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
      }
      let cut = rows.length;
      for (let i = 0; i < rows.length; i++) {
        const { task, queueKey, rank, id } = rows[i]!;
        if ((tasks.length >= limit && !shown.has(id)) || (horizon !== undefined && rank > horizon)) {
          cut = i;
          break;
        }
        // Looked at: the next page starts after it in its audience's range.
        cursor[task.audience] = queueKey;
        if (shown.has(id) || !(opts.accept?.(task) ?? true)) continue;
        shown.add(id);
        tasks.push(task);
      }
      // Rows read but not looked at are read again next page; their audiences are not done.
      for (const r of rows.slice(cut)) exhausted.delete(r.task.audience);
      if (wanted.every((a) => exhausted.has(a))) return { tasks };
      if (tasks.length >= limit) break;
    }
    return { tasks, nextPageToken: encodeCursor(cursor) };
  }
}
