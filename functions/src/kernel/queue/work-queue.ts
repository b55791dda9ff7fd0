/**
 * The one work queue: whatever waits for a person, from every capability, as flat items on one list (see
 * KernelLists.workQueue). A capability says which tasks one of its items opens, from the item's current state,
 * and `reconcile` makes the list hold exactly those: missing ones created (the unique TaskKey makes a repeat
 * harmless), changed ones updated, the rest removed. So it is idempotent, and a crash between any two of its
 * writes is mended by the next run from the same state. "What waits for me" is one indexed query.
 */
import { KernelLists } from '../lists';
import {
  MAX_PAGE_SIZE,
  StoreError,
  TEXT_MAX_CHARS,
  isStoreError,
  type Fields,
  type Item,
  type Store,
} from '../../ports/store';
import { DomainError } from '../errors';
import { allItems, str } from '../store/paging';
import { retryOnConflict } from '../store/retry';
import type { Audience } from './audience';

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

function fieldsOf(capability: string, itemRef: string, t: TaskInput): Fields {
  const key = taskKey(capability, itemRef, t);
  const rank = `${t.priority}|${t.dueOn}|${t.tieBreak}`;
  for (const [name, value] of [
    ['TaskKey', key],
    ['Rank', rank],
  ] as const)
    if (value.length > TEXT_MAX_CHARS)
      throw new Error(`A work-queue ${name} is longer than ${TEXT_MAX_CHARS} characters.`);
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
    Rank: rank,
    Summary: JSON.stringify(t.summary),
  };
}

function toTask(item: Item): Task {
  const rank = str(item, 'Rank');
  const excludeId = item.fields.ExcludeId;
  return {
    capability: str(item, 'Capability'),
    itemRef: str(item, 'ItemRef'),
    kind: str(item, 'Kind'),
    subject: str(item, 'Subject'),
    audience: str(item, 'Audience'),
    ...(typeof excludeId === 'string' ? { excludeId } : {}),
    dueOn: str(item, 'DueOn'),
    priority: Number(item.fields.Priority),
    tieBreak: rank.split('|').slice(2).join('|'),
    summary: JSON.parse(str(item, 'Summary')) as Task['summary'],
  };
}

const sameFields = (item: Item, want: Fields) => Object.entries(want).every(([k, v]) => item.fields[k] === v);

/** Our page token: the store's, and the last task shown (its copy for another audience may open the next page). */
interface Cursor {
  store?: string;
  after?: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(token: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (c && typeof c === 'object' && !Array.isArray(c)) {
      const { store, after } = c as Record<string, unknown>;
      if (
        (store === undefined || typeof store === 'string') &&
        (after === undefined || typeof after === 'string')
      )
        return { ...(store ? { store } : {}), ...(after ? { after } : {}) };
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

export class WorkQueue {
  constructor(private readonly store: Store) {}

  /**
   * Makes the open tasks of one item exactly `desired`. Safe to repeat, and to run while another reconcile of
   * the same item runs (a lost race is read again and retried).
   */
  async reconcile(
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
        for await (const item of allItems(this.store, KernelLists.workQueue, {
          where: [{ column: 'ItemRef', op: 'eq', value: itemRef }],
          top: 500,
        })) {
          if (item.fields.Capability !== capability) continue;
          const key = str(item, 'TaskKey');
          const fields = want.get(key);
          seen.add(key);
          if (!fields) {
            try {
              await this.store.delete(KernelLists.workQueue, item.id, item.etag);
            } catch (e) {
              if (!isStoreError(e, 'not-found')) throw e; // someone else removed it first
            }
            result.removed++;
          } else if (!sameFields(item, fields)) {
            await this.store.update(KernelLists.workQueue, item.id, item.etag, fields);
            result.updated++;
          }
        }
        for (const [key, fields] of want) {
          if (seen.has(key)) continue;
          await this.store.create(KernelLists.workQueue, fields);
          result.created++;
        }
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
   * policy, on the stored facts only): at most `limit`, reading at most `maxReads` pages of the list.
   */
  async openFor(
    audiences: readonly Audience[],
    opts: { accept?: (t: Task) => boolean; limit?: number; maxReads?: number; pageToken?: string } = {},
  ): Promise<OpenTasksPage> {
    const limit = Math.min(opts.limit ?? 100, MAX_PAGE_SIZE);
    const maxReads = opts.maxReads ?? 3;
    let cursor: Cursor = opts.pageToken ? decodeCursor(opts.pageToken) : {};
    const tasks: Task[] = [];
    const shown = new Set<string>(cursor.after ? [cursor.after] : []);
    for (let reads = 0; reads < maxReads && tasks.length < limit; reads++) {
      let page;
      try {
        page = await this.store.query(KernelLists.workQueue, {
          where: [
            { column: 'Audience', op: 'in', value: [...audiences] },
            { column: 'Status', op: 'eq', value: OPEN },
          ],
          orderBy: { column: 'Rank' },
          // Every row of a page is looked at, so the store's token for the next page loses nothing.
          top: limit - tasks.length,
          ...(cursor.store ? { pageToken: cursor.store } : {}),
        });
      } catch (e) {
        if (e instanceof StoreError && e.code === 'invalid' && cursor.store) throw badToken();
        throw e;
      }
      for (const item of page.items) {
        const task = toTask(item);
        const id = identity(task);
        cursor = { ...cursor, after: id };
        if (shown.has(id) || !(opts.accept?.(task) ?? true)) continue;
        shown.add(id);
        tasks.push(task);
      }
      if (!page.nextPageToken) return { tasks };
      cursor = { ...cursor, store: page.nextPageToken };
    }
    return { tasks, nextPageToken: encodeCursor(cursor) };
  }

  /** Whether the queue holds any task of this capability (a store without any needs a backfill). */
  async isEmptyFor(capability: string): Promise<boolean> {
    const page = await this.store.query(KernelLists.workQueue, {
      where: [{ column: 'Capability', op: 'eq', value: capability }],
      top: 1,
    });
    return page.items.length === 0;
  }
}
