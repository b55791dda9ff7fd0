/** The kernel's work queue on the embedded store: reconcile makes an item's tasks exactly what it says, once. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { KERNEL_LISTS, KernelLists } from '@pph/functions/kernel/lists';
import { WorkQueue, type TaskInput } from '@pph/functions/kernel/queue/work-queue';
import { audiencesOf, personAudience, roleAudience } from '@pph/functions/kernel/queue/audience';
import { DomainError } from '@pph/functions/kernel/errors';
import type { Store } from '@pph/functions/ports/store';

let dir: string;
let store: Store;
let queue: WorkQueue;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-wq-'));
  store = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  await store.provision(KERNEL_LISTS);
  queue = new WorkQueue(store);
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const LEADS = roleAudience('safeguarding-lead', { partnerId: 'council' });
const COORDINATOR = roleAudience('prevent-coordinator', { sector: 'local-authority' });

const task = (subject: string, over: Partial<TaskInput> = {}): TaskInput => ({
  kind: 'test-step',
  subject,
  audience: LEADS,
  dueOn: '2026-11-25',
  priority: 1,
  tieBreak: subject,
  summary: { title: `Step ${subject}` },
  ...over,
});

const rows = async () =>
  (await store.query(KernelLists.workQueue, { top: 5000 })).items
    .map((i) => `${String(i.fields.ItemRef)} ${String(i.fields.Subject)} ${String(i.fields.Audience)}`)
    .sort();

const lead = {
  id: 'p-lead',
  displayName: 'Lead',
  partnerId: 'council',
  partnerSector: 'local-authority' as const,
  roles: ['safeguarding-lead' as const, 'prevent-coordinator' as const],
};

describe('reconcile', () => {
  it('creates what is missing, updates what changed, removes the rest, and a repeat changes nothing', async () => {
    expect(await queue.reconcile('test', 'A-1', [task('s1'), task('s2')])).toEqual({
      created: 2,
      updated: 0,
      removed: 0,
    });
    expect(await queue.reconcile('test', 'A-1', [task('s1'), task('s2')])).toEqual({
      created: 0,
      updated: 0,
      removed: 0,
    });
    expect(
      await queue.reconcile('test', 'A-1', [
        task('s2', { dueOn: '2026-11-30' }),
        task('s3', { audience: COORDINATOR }),
      ]),
    ).toEqual({ created: 1, updated: 1, removed: 1 });
    expect(await rows()).toEqual([`A-1 s2 ${LEADS}`, `A-1 s3 ${COORDINATOR}`]);
    expect(await queue.reconcile('test', 'A-1', [])).toEqual({ created: 0, updated: 0, removed: 2 });
    expect(await rows()).toEqual([]);
  });

  it('leaves other items and other capabilities alone', async () => {
    await queue.reconcile('test', 'A-1', [task('s1')]);
    await queue.reconcile('test', 'A-2', [task('s1')]);
    await queue.reconcile('other', 'A-1', [task('x1')]);
    await queue.reconcile('test', 'A-1', []);
    expect(await rows()).toEqual([`A-1 x1 ${LEADS}`, `A-2 s1 ${LEADS}`]);
  });

  it('two reconciles of one item at once end with each task once', async () => {
    const want = [task('s1'), task('s2'), task('s3', { audience: COORDINATOR })];
    await Promise.all([
      queue.reconcile('test', 'A-1', want),
      queue.reconcile('test', 'A-1', want),
      queue.reconcile('test', 'A-1', want),
    ]);
    expect(await rows()).toEqual([`A-1 s1 ${LEADS}`, `A-1 s2 ${LEADS}`, `A-1 s3 ${COORDINATOR}`]);
  });
});

describe('openFor', () => {
  it('answers a person by any of their audiences, in rank order, each task once', async () => {
    await queue.reconcile('test', 'A-1', [
      task('s1', { dueOn: '2026-11-30' }),
      // The same task for two of the lead's audiences: shown once.
      task('s2', { dueOn: '2026-11-26' }),
      task('s2', { dueOn: '2026-11-26', audience: COORDINATOR }),
    ]);
    await queue.reconcile('test', 'B-1', [task('s1', { priority: 0, dueOn: '2026-12-31' })]);
    await queue.reconcile('test', 'C-1', [task('s1', { audience: personAudience('someone-else') })]);
    const page = await queue.openFor(audiencesOf(lead));
    expect(page.tasks.map((t) => `${t.itemRef} ${t.subject}`)).toEqual(['B-1 s1', 'A-1 s2', 'A-1 s1']);
    expect(page.nextPageToken).toBeUndefined();
    expect(page.tasks[0]).toMatchObject({
      capability: 'test',
      kind: 'test-step',
      summary: { title: 'Step s1' },
    });
  });

  it('pages through everything, never showing a task twice across pages, and leaves out what accept refuses', async () => {
    const tasks: TaskInput[] = [];
    for (let i = 0; i < 25; i++) {
      const subject = `s${String(i).padStart(2, '0')}`;
      tasks.push(
        task(subject),
        task(subject, { audience: COORDINATOR, excludeId: i % 5 === 0 ? lead.id : undefined }),
      );
    }
    await queue.reconcile('test', 'A-1', tasks);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await queue.openFor(audiencesOf(lead), {
        limit: 7,
        accept: (t) => t.excludeId !== lead.id,
        ...(token ? { pageToken: token } : {}),
      });
      seen.push(...page.tasks.map((t) => t.subject));
      token = page.nextPageToken;
      pages++;
    } while (token && pages < 50);
    // Subjects 0, 5, 10, … are excluded on one copy only: the other copy (no ExcludeId) still shows them.
    expect(seen).toEqual(tasks.filter((_, i) => i % 2 === 0).map((t) => t.subject));
  });

  it('keeps one order across audiences when some of a page is turned away', async () => {
    const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
    await queue.reconcile(
      'test',
      'A-1',
      [1, 2, 3, 5, 6, 7].map((d) => task(`s${d}`, { dueOn: day(d), tieBreak: '' })),
    );
    await queue.reconcile('test', 'B-1', [
      task('s9', { dueOn: day(9), tieBreak: '', audience: COORDINATOR }),
    ]);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await queue.openFor(audiencesOf(lead), {
        limit: 3,
        // The first two of the leads' tasks are not for this person.
        accept: (t) => !['s1', 's2'].includes(t.subject),
        ...(token ? { pageToken: token } : {}),
      });
      seen.push(...page.tasks.map((t) => t.subject));
      token = page.nextPageToken;
    } while (token && seen.length < 20);
    expect(seen).toEqual(['s3', 's5', 's6', 's7', 's9']);
  });

  it('refuses a page token it did not give out, with a message a person can act on', async () => {
    await expect(queue.openFor(audiencesOf(lead), { pageToken: 'not-a-token' })).rejects.toThrow(DomainError);
    await expect(queue.openFor(audiencesOf(lead), { pageToken: 'not-a-token' })).rejects.toThrow(
      /Ask for the first page again/,
    );
  });
});
