/**
 * The action log's tasks on the one work queue: the relay keeps each open action's task in step with it, My work
 * reads them from the queue alone, a store from before gets them once, and a crash between any two writes of
 * minuting an action, marking it done or chasing it loses and duplicates nothing (as returns-crash.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { seedDemoData } from '@pph/functions/hosts/local/seed';
import { PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { createHub, type Hub } from '@pph/functions/hub';
import { DomainError } from '@pph/functions/kernel/errors';
import { SEND_LEASE_MS } from '@pph/functions/kernel/events/outbox';
import { KernelLists } from '@pph/functions/kernel/lists';
import { allItems } from '@pph/functions/kernel/store/paging';
import { QUEUE_READ_TTL_MS } from '@pph/functions/kernel/queue/recent-reads';
import { MinutesLists } from '@pph/functions/minutes/lists';
import type { Notification, Notifier } from '@pph/functions/ports/notifier';
import type { Store } from '@pph/functions/ports/store';
import { crashAndRetry } from '../support/crashing-store';
import { TestClock } from '../support/hub';

class RecordingNotifier implements Notifier {
  readonly calls: Notification[] = [];
  async deliver(n: Notification) {
    this.calls.push(n);
    return { status: 'delivered' as const };
  }
}

const START = new Date('2026-11-23T10:00:00Z');
const ports = (clock: TestClock, notifier: Notifier = new RecordingNotifier()) => ({
  clock,
  logger: silentLogger,
  notifier,
  auditKey: 'test-audit-key-0123456789abcdef0123',
  documents: new MemoryDocumentStore(),
});
const as = (hub: Hub, id: string) => hub.directory.resolve({ userId: id, via: 'dev-persona' });
const minuteTasks = async (hub: Hub) =>
  (await hub.ports.store.query(KernelLists.workQueue, { top: 5000 })).items
    .filter((t) => t.fields.Capability === 'minutes')
    .map((t) => `${t.fields.ItemRef} ${t.fields.Audience} ${t.fields.DueOn} ${t.fields.Summary}`)
    .sort();

/** The seeded hub's store, made once and copied for every run (seeding takes longer than a run). */
let template: string;
let work: string;
beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-action-queue-'));
  template = path.join(work, 'template.sqlite');
  const hub = await createHub({
    ...ports(new TestClock(START)),
    store: await openSqliteStore({ file: template }),
  });
  await seedDemoData(hub);
  await hub.settle();
  await hub.pumpOnce();
  await hub.ports.store.close();
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let runs = 0;
const copyOfTemplate = () => {
  const file = path.join(work, `run-${++runs}.sqlite`);
  fs.copyFileSync(template, file);
  return file;
};

describe('on a seeded hub', () => {
  let hub: Hub;
  let clock: TestClock;
  let reads: Map<string, number>;
  let file: string;
  beforeEach(async () => {
    clock = new TestClock(START);
    file = copyOfTemplate();
    const real = await openSqliteStore({ file });
    reads = new Map();
    const count = (list: string) => reads.set(list, (reads.get(list) ?? 0) + 1);
    const store = Object.assign(Object.create(real) as Store, {
      query: (list: string, q: Parameters<Store['query']>[1]) => (count(list), real.query(list, q)),
      get: (list: string, id: number) => (count(list), real.get(list, id)),
    });
    hub = await createHub({ ...ports(clock), store });
  });
  afterEach(async () => {
    await hub.settle();
    await hub.ports.store.close();
  });

  it("puts each open action in its owner's My work from the queue, reading no action", async () => {
    const chair = await as(hub, PERSONA_IDS.boardChair);
    const member = await as(hub, PERSONA_IDS.boardMember);
    reads.clear();
    const [actions, returns] = await Promise.all([hub.actionWork.tasks(chair), hub.returnWork.tasks(chair)]);
    expect(reads.get(MinutesLists.actions)).toBeUndefined();
    // Her own range is read once for both (the returns read her role ranges besides).
    const returnsAlone = new Map(reads);
    reads.clear();
    await hub.returnWork.tasks(chair);
    clock.current = new Date(clock.current.getTime() + QUEUE_READ_TTL_MS + 1);
    reads.clear();
    await hub.returnWork.tasks(chair);
    expect(returnsAlone).toEqual(reads);
    expect(returns.every((t) => t.capability === 'returns')).toBe(true);
    expect(actions).toEqual([
      expect.objectContaining({
        capability: 'minutes',
        kind: 'minute-action',
        overdue: true,
        title: expect.stringMatching(/^ACT-\d{4}-\d{4}: \S/),
        detail: expect.stringMatching(/^Open; agreed at the meeting on \d{1,2} \w+ \d{4}$/),
      }),
    ]);
    expect((await hub.actionWork.tasks(member)).map((t) => t.overdue)).toEqual([false]);
    expect(await hub.actionWork.tasks(await as(hub, PERSONA_IDS.referrer))).toEqual([]);
  });

  it('a change of status is in My work when it is answered: in progress stays, done leaves', async () => {
    const chair = await as(hub, PERSONA_IDS.boardChair);
    const [task] = await hub.actionWork.tasks(chair);
    await hub.actionLog.update(chair, task!.itemRef, { status: 'in-progress' });
    expect((await hub.actionWork.tasks(chair)).map((t) => t.detail)).toEqual([
      expect.stringMatching(/^In progress; /),
    ]);
    await hub.actionLog.update(chair, task!.itemRef, { status: 'done', note: 'Sent on.' });
    expect(await hub.actionWork.tasks(chair)).toEqual([]);
    // Nothing left for the relay's timer.
    expect(
      await hub.ports.store.query(MinutesLists.actions, {
        where: [{ column: 'HasPending', op: 'eq', value: true }],
      }),
    ).toMatchObject({ items: [] });
  });

  it('chasing an overdue action writes only that it was chased: nothing for the relay, its task as it was', async () => {
    const before = await minuteTasks(hub);
    await hub.timers.tickAll();
    const actions = (await hub.ports.store.query(MinutesLists.actions, { top: 500 })).items;
    expect(actions.filter((a) => a.fields.ChasedFor !== null).map((a) => a.fields.ChasedFor)).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    expect(actions.filter((a) => a.fields.HasPending === true)).toEqual([]);
    await hub.settle();
    expect(await minuteTasks(hub)).toEqual(before);
  });

  it('a store from before actions were on the queue gets their tasks once, at start', async () => {
    const chair = await as(hub, PERSONA_IDS.boardChair);
    const expected = await minuteTasks(hub);
    expect(expected).toHaveLength(2);
    for (const list of [KernelLists.workQueue, KernelLists.counters])
      for await (const item of allItems(hub.ports.store, list, { top: 500 }))
        if (
          (list === KernelLists.workQueue && item.fields.Capability === 'minutes') ||
          item.fields.CounterKey === 'work-queue-backfill-minute-actions'
        )
          await hub.ports.store.delete(list, item.id, item.etag);
    for await (const item of allItems(hub.ports.store, MinutesLists.actions, { top: 500 }))
      await hub.ports.store.update(MinutesLists.actions, item.id, item.etag, { HasPending: null });
    clock.current = new Date(clock.current.getTime() + QUEUE_READ_TTL_MS + 1);
    expect(await hub.actionWork.tasks(chair)).toEqual([]);
    const again = await createHub({ ...ports(clock), store: hub.ports.store });
    expect(await minuteTasks(again)).toEqual(expected);
    expect(await again.actionWork.tasks(chair)).toHaveLength(1);
  });
});

interface Scenario {
  act: (hub: Hub, clock: TestClock) => Promise<void>;
}

/** A retry of a change that did land may be refused as stale: it changes nothing. */
const retryable = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'conflict')) throw e;
  }
};

const chairsAction = async (hub: Hub) =>
  (await hub.actionLog.list(await as(hub, PERSONA_IDS.secretariat), 'all')).items.find(
    (a) => a.owner.id === PERSONA_IDS.boardChair,
  )!;

const SCENARIOS: Record<string, Scenario> = {
  'the owner marking an action done': {
    act: async (hub) => {
      const chair = await as(hub, PERSONA_IDS.boardChair);
      const a = await chairsAction(hub);
      await retryable(() => hub.actionLog.update(chair, a.id, { status: 'done', note: 'Sent on.' }));
    },
  },
  'the secretariat minuting a new action': {
    act: async (hub, clock) => {
      const sec = await as(hub, PERSONA_IDS.secretariat);
      const next = (await hub.meetings.list(sec)).items.find(
        (m) => m.status === 'scheduled' && m.date > '2026-11-23',
      )!;
      clock.current = new Date(`${next.date}T16:00:00Z`);
      const meeting = (await hub.meetings.get(next.id))!;
      // As the secretariat would: open the minutes, then save on the version opened.
      const { etag } = await hub.minutes.read(sec, next.id);
      await retryable(() =>
        hub.minutes.saveDraft(sec, next.id, {
          etag,
          items: [
            {
              agendaItemId: meeting.items[1]!.id,
              discussion: 'Agreed.',
              decisions: [],
              actions: [{ ownerId: PERSONA_IDS.boardMember, dueOn: '2027-03-01', text: 'Report back.' }],
            },
          ],
        }),
      );
    },
  },
  'the timer chasing an overdue action': {
    act: async (hub) => {
      await hub.timers.tickAll();
    },
  },
};

async function run(budget: number, scenario: Scenario) {
  const file = copyOfTemplate();
  const notifier = new RecordingNotifier();
  const clock = new TestClock(START);
  const { crashed, second } = await crashAndRetry({
    open: () => openSqliteStore({ file }),
    budget,
    hub: (store) => createHub({ ...ports(clock, notifier), store }),
    act: (hub) => scenario.act(hub, clock),
    restart: () => {
      clock.current = new Date(clock.current.getTime() + SEND_LEASE_MS + 1000);
    },
  });
  const actions = (await second.ports.store.query(MinutesLists.actions, { top: 500 })).items;
  const result = {
    crashed,
    // A crash may burn a new action's number, as it may a concern's or a return's: new numbers are normalised.
    tasks: (await minuteTasks(second)).map((t) => t.replace(/^ACT-2027-\d{4}/, 'ACT-2027-NNNN')),
    statuses: actions.map((a) => `${a.fields.OwnerId}:${a.fields.Status}:${a.fields.DueOn}`).sort(),
    pendingLeft: actions.filter((a) => a.fields.HasPending === true).length,
    auditOk: (await second.audit.verify()).ok,
    heard: [...new Set(notifier.calls.map((n) => `${n.type} → ${n.recipientId}`))].sort(),
    repeats: notifier.calls.length - new Set(notifier.calls.map((n) => n.dedupeKey)).size,
  };
  await second.ports.store.close();
  return result;
}

describe.each(Object.entries(SCENARIOS))('a crash during "%s"', (_name, scenario) => {
  it('leaves the work queue as it would be without one, whichever write the crash hits', async () => {
    const baseline = await run(Number.MAX_SAFE_INTEGER, scenario);
    expect(baseline.crashed).toBe(false);
    expect(baseline.pendingLeft).toBe(0);
    expect(baseline.repeats).toBe(0);
    let budget = 0;
    for (; ; budget++) {
      const r = await run(budget, scenario);
      expect({ budget, ...r, crashed: undefined, repeats: r.repeats <= 1 }).toEqual({
        budget,
        ...baseline,
        crashed: undefined,
        repeats: true,
      });
      if (!r.crashed) break;
    }
    expect(budget).toBeGreaterThan(1);
  }, 300_000);
});
