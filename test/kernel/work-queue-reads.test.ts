/**
 * The work queue keeps its range reads for QUEUE_READ_TTL_MS: a change it makes in this process is seen at
 * once, a change made by another instance within the TTL, and a read under way while it writes is not kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { KERNEL_LISTS, KernelLists } from '@pph/functions/kernel/lists';
import { roleAudience } from '@pph/functions/kernel/queue/audience';
import { QUEUE_READ_TTL_MS } from '@pph/functions/kernel/queue/recent-reads';
import { WorkQueue, type TaskInput } from '@pph/functions/kernel/queue/work-queue';
import type { Store } from '@pph/functions/ports/store';

const LEADS = roleAudience('safeguarding-lead', { partnerId: 'council' });
const task = (subject: string): TaskInput => ({
  kind: 'test-step',
  subject,
  audience: LEADS,
  dueOn: '2026-11-25',
  priority: 1,
  tieBreak: subject,
  summary: { title: `Step ${subject}` },
});

let dir: string;
let store: Store;
let reads: number;
let now: number;
let queue: WorkQueue;
/** Another instance of the hub on the same store. */
let other: WorkQueue;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-wqr-'));
  const real = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  await real.provision(KERNEL_LISTS);
  reads = 0;
  store = Object.assign(Object.create(real) as Store, {
    query: (list: string, q: Parameters<Store['query']>[1]) => {
      if (list === KernelLists.workQueue && q.orderBy?.column === 'QueueKey') reads++;
      return real.query(list, q);
    },
  });
  now = Date.parse('2026-11-23T10:00:00Z');
  queue = new WorkQueue(store, () => now);
  other = new WorkQueue(store, () => now);
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const subjects = async () => (await queue.openFor([LEADS])).tasks.map((t) => t.subject);

it('answers repeated looks from one read; its own change is seen at once', async () => {
  await queue.reconcile('test', 'A-1', [task('s1')]);
  expect(await subjects()).toEqual(['s1']);
  for (let i = 0; i < 10; i++) expect(await subjects()).toEqual(['s1']);
  expect(reads).toBe(1);
  await queue.reconcile('test', 'A-1', [task('s2')]);
  expect(await subjects()).toEqual(['s2']);
  await queue.reconcile('test', 'A-1', []);
  expect(await subjects()).toEqual([]);
});

it("another instance's change is seen within QUEUE_READ_TTL_MS", async () => {
  await queue.reconcile('test', 'A-1', [task('s1')]);
  expect(await subjects()).toEqual(['s1']);
  await other.reconcile('test', 'A-1', []);
  now += QUEUE_READ_TTL_MS;
  expect(await subjects()).toEqual(['s1']);
  now += 1;
  expect(await subjects()).toEqual([]);
});

it('a clock set back counts as an old read', async () => {
  await queue.reconcile('test', 'A-1', [task('s1')]);
  expect(await subjects()).toEqual(['s1']);
  await other.reconcile('test', 'A-1', []);
  now -= 1;
  expect(await subjects()).toEqual([]);
});

it('a read under way while the queue writes is not kept', async () => {
  await queue.reconcile('test', 'A-1', [task('s1')]);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const query = store.query.bind(store);
  store.query = async (list, q) => {
    const page = await query(list, q);
    if (q.orderBy?.column === 'QueueKey') await gate; // read the old tasks, then wait
    return page;
  };
  const stale = queue.openFor([LEADS]);
  const changed = queue.reconcile('test', 'A-1', [task('s2')]);
  await changed;
  release();
  expect((await stale).tasks.map((t) => t.subject)).toEqual(['s1']);
  store.query = query;
  expect(await subjects()).toEqual(['s2']);
});

it('what it hands out cannot be changed by whoever receives it', async () => {
  await queue.reconcile('test', 'A-1', [task('s1')]);
  const [first] = (await queue.openFor([LEADS])).tasks;
  expect(() => {
    (first!.summary as { title: string }).title = 'changed';
  }).toThrow(TypeError);
  expect((await queue.openFor([LEADS])).tasks[0]!.summary).toEqual({ title: 'Step s1' });
});

it('looks at the same range at once share the one read under way', async () => {
  await queue.reconcile('test', 'A-1', [task('s1')]);
  const all = await Promise.all([subjects(), subjects(), subjects()]);
  expect(all).toEqual([['s1'], ['s1'], ['s1']]);
  expect(reads).toBe(1);
});

it('a read that failed is not kept: the next look reads again', async () => {
  await queue.reconcile('test', 'A-1', [task('s1')]);
  const query = store.query.bind(store);
  store.query = async () => {
    throw new Error('store unavailable');
  };
  await expect(subjects()).rejects.toThrow('store unavailable');
  store.query = query;
  expect(await subjects()).toEqual(['s1']);
});
