/**
 * The concerns' tasks on the one work queue: the relay keeps them in step with each concern's state, and My work
 * answers from them alone, exactly as a scan of every concern under the policy would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SubmitConcernRequestSchema, type WorkItemsResponse } from '@pph/contract';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { LogNotifier } from '@pph/functions/adapters/notifier/log-notifier';
import { createHub, type Hub } from '@pph/functions/hub';
import { ConcernLists } from '@pph/functions/concerns/lists';
import {
  allowedDecisions,
  canRecordReview,
  isPartnershipCoordinator,
  readAccess,
} from '@pph/functions/concerns/policy';
import { MY_WORK_PAGE } from '@pph/functions/concerns/my-work';
import { toRecord } from '@pph/functions/concerns/repository';
import { stageAt, stepDefinition } from '@pph/functions/concerns/workflow/engine';
import { seedDemoData } from '@pph/functions/hosts/local/seed';
import { DEMO_PEOPLE, PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import type { Actor } from '@pph/functions/kernel/auth/actor';
import { londonDate } from '@pph/functions/kernel/calendar/working-days';
import { KernelLists } from '@pph/functions/kernel/lists';
import { allItems, firstWhere } from '@pph/functions/kernel/store/paging';
import type { Store } from '@pph/functions/ports/store';
import { QUEUE_READ_TTL_MS } from '@pph/functions/kernel/queue/recent-reads';
import { submission as raw } from '../support/concerns';
import { TestClock } from '../support/hub';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';

const submission = (over: Parameters<typeof raw>[0] = {}) => SubmitConcernRequestSchema.parse(raw(over));

/** Counts the store calls made on each list, and keeps the columns each update writes. */
function countingStore(inner: Store) {
  const calls = new Map<string, number>();
  const updates: { list: string; columns: string[] }[] = [];
  const count = (list: string) => calls.set(list, (calls.get(list) ?? 0) + 1);
  const updated = (list: string, fields: object) =>
    updates.push({ list, columns: Object.keys(fields).sort() });
  const store: Store = {
    kind: inner.kind,
    provision: (l) => inner.provision(l),
    create: (list, f) => (count(list), inner.create(list, f)),
    get: (list, id) => (count(list), inner.get(list, id)),
    update: (list, id, e, f) => (count(list), updated(list, f), inner.update(list, id, e, f)),
    delete: (list, id, e) => (count(list), inner.delete(list, id, e)),
    query: (list, q) => (count(list), inner.query(list, q)),
    batch: (ops) => (
      ops.forEach((o) => (count(o.list), o.op === 'update' && updated(o.list, o.fields))),
      inner.batch(ops)
    ),
    close: () => inner.close(),
  };
  return {
    store,
    calls,
    updates,
    reset: () => {
      calls.clear();
      updates.length = 0;
    },
  };
}

let dir: string;
let hub: Hub;
let counting: ReturnType<typeof countingStore>;
let clock: TestClock;
const ports = () => ({
  clock,
  logger: silentLogger,
  notifier: new LogNotifier(silentLogger),
  auditKey: 'test-audit-key-0123456789abcdef0123',
  documents: new MemoryDocumentStore(),
});

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-mywork-'));
  clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  counting = countingStore(await openSqliteStore({ file: path.join(dir, 'hub.sqlite') }));
  hub = await createHub({ ...ports(), store: counting.store });
  await seedDemoData(hub);
});
afterEach(async () => {
  await hub.settle();
  await hub.ports.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const as = (id: string) => hub.directory.resolve({ userId: id, via: 'dev-persona' });

/** What My work must say: the policy asked about every concern there is (what the hub did before the queue). */
async function byScanningEveryConcern(actor: Actor): Promise<WorkItemsResponse> {
  const today = londonDate(clock.now());
  const result: WorkItemsResponse = { items: [], reviews: [] };
  for await (const item of allItems(hub.ports.store, ConcernLists.concerns, { top: 500 })) {
    const record = toRecord(item);
    if (
      record.state.status === 'closed' &&
      !(actor.roles.includes('channel-chair') || isPartnershipCoordinator(actor))
    )
      continue;
    const route = await hub.routes.get(record.routeId, record.routeVersion);
    const facts = { ...record, route };
    if (!readAccess(actor, facts)?.caseworker) continue;
    for (const step of record.state.steps) {
      if (allowedDecisions(actor, facts, step).length === 0) continue;
      result.items.push({
        reference: record.reference,
        stepId: step.id,
        stepTitle: stepDefinition(route, step).title,
        stageTitle: stageAt(route, step.stageIndex).title,
        status: step.status,
        dueOn: step.dueOn,
        overdue: today > step.dueOn,
        escalated: step.escalated,
        immediateRisk: record.immediateRisk,
      });
    }
    if (canRecordReview(actor, facts))
      for (const r of record.state.reviews)
        if (r.status === 'scheduled')
          result.reviews.push({
            reference: record.reference,
            reviewId: r.id,
            label: r.label,
            dueOn: r.dueOn,
            overdue: today > r.dueOn,
          });
  }
  result.items.sort(
    (a, b) => Number(b.immediateRisk) - Number(a.immediateRisk) || a.dueOn.localeCompare(b.dueOn),
  );
  result.reviews.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return result;
}

/** My work for every persona equals the scan, once the relay has run. */
async function expectEveryoneMatchesTheScan() {
  await hub.settle();
  for (const person of DEMO_PEOPLE) {
    const actor = await as(person.id);
    expect({ who: person.displayName, ...(await hub.myWork.queue(actor)) }).toEqual({
      who: person.displayName,
      ...(await byScanningEveryConcern(actor)),
    });
  }
}

const itemsOf = async (id: string) =>
  (await hub.myWork.queue(await as(id))).items.map((i) => `${i.reference} ${i.stepId}`);

/** The concern's item as stored, read afresh. */
const storedItem = async (ref: string) =>
  (await firstWhere(hub.ports.store, ConcernLists.concerns, 'Reference', ref))!;

/** The co-ordinator passes the step to the deputy lead. */
const passToDeputy = async (ref: string, stepId: string) =>
  hub.concerns.assign(
    await as(PERSONA_IDS.coordinator),
    ref,
    stepId,
    PERSONA_IDS.deputySafeguardingLead,
    'Sasha is away this week',
  );

const raise = async (id = PERSONA_IDS.referrer, immediateRisk = false) => {
  const r = await hub.concerns.submit(await as(id), submission({ immediateRisk }));
  await hub.settle();
  // The referrer's view shows no steps; a new concern's first step is always s1.
  return { ref: r.reference, stepId: 's1' };
};

it('the seeded partnership: everyone sees what the policy lets them act on, nothing more', async () => {
  await expectEveryoneMatchesTheScan();
});

it("a decided step leaves its decider's work and lands with the next step's deciders", async () => {
  const { ref, stepId } = await raise();
  expect(await itemsOf(PERSONA_IDS.safeguardingLead)).toContain(`${ref} ${stepId}`);
  expect(await itemsOf(PERSONA_IDS.deputySafeguardingLead)).toContain(`${ref} ${stepId}`);
  expect((await itemsOf(PERSONA_IDS.coordinator)).filter((i) => i.startsWith(ref))).toEqual([]);
  // The referrer never decides their own concern.
  expect(await itemsOf(PERSONA_IDS.referrer)).toEqual([]);

  const view = await hub.concerns.decide(await as(PERSONA_IDS.safeguardingLead), ref, stepId, {
    decision: 'forward',
  });
  await hub.settle();
  const next = view.steps.find((s) => s.status === 'open')!.id;
  expect((await itemsOf(PERSONA_IDS.safeguardingLead)).filter((i) => i.startsWith(ref))).toEqual([]);
  expect((await itemsOf(PERSONA_IDS.deputySafeguardingLead)).filter((i) => i.startsWith(ref))).toEqual([]);
  expect((await itemsOf(PERSONA_IDS.coordinator)).filter((i) => i.startsWith(ref))).toEqual([
    `${ref} ${next}`,
  ]);
  await expectEveryoneMatchesTheScan();
});

it('a decision rewrites only the columns it changes: the rest keep their values and their index entries', async () => {
  const { ref, stepId } = await raise();
  counting.reset();
  await hub.concerns.decide(await as(PERSONA_IDS.safeguardingLead), ref, stepId, { decision: 'forward' });
  await hub.settle();
  const concernWrites = counting.updates.filter((u) => u.list === ConcernLists.concerns);
  // The decision (the new state and its events), then the relay clearing the events it landed. The concern
  // stays open and has no reviews, so Status and HasScheduledReviews are not written, nor the unused chunks.
  expect(concernWrites.map((u) => u.columns)).toEqual([
    ['HasPending', 'NextCheckOn', 'Pending', 'Workflow'],
    ['HasPending', 'Pending', 'Pending2'],
  ]);
  // The lead's task became the co-ordinator's: what stays the same (capability, item, kind, status) is not written.
  const [taskWrite] = counting.updates.filter((u) => u.list === KernelLists.workQueue);
  expect(taskWrite!.columns).not.toEqual(expect.arrayContaining(['Capability']));
  expect(taskWrite!.columns).not.toContain('ItemRef');
  expect(taskWrite!.columns).not.toContain('Status');
  expect(taskWrite!.columns).toEqual(expect.arrayContaining(['Audience', 'QueueKey', 'Subject', 'TaskKey']));
  // And what is stored is the whole new state, read afresh.
  const stored = toRecord(await storedItem(ref));
  expect(stored.state.steps.find((s) => s.id === stepId)).toMatchObject({ status: 'decided' });
  expect(stored.pending).toEqual([]);
  expect(stored.state.status).toBe('open');
  await expectEveryoneMatchesTheScan();
});

it('a change compares with what is stored, so a column an older build left otherwise is written again', async () => {
  const { ref, stepId } = await raise();
  // As if an earlier build had worked out the timers' date differently: the state alone would not show it.
  const before = await storedItem(ref);
  const rightDate = before.fields.NextCheckOn;
  await hub.ports.store.update(ConcernLists.concerns, before.id, before.etag, { NextCheckOn: '2099-01-01' });
  // Passing the step on changes no date, so its new state gives the same NextCheckOn as its old one.
  await passToDeputy(ref, stepId);
  await hub.settle();
  expect((await storedItem(ref)).fields.NextCheckOn).toBe(rightDate);
});

it('a step passed to one person is theirs alone; a request for information keeps it, without asking twice', async () => {
  const { ref, stepId } = await raise();
  await passToDeputy(ref, stepId);
  await hub.settle();
  expect(await itemsOf(PERSONA_IDS.deputySafeguardingLead)).toContain(`${ref} ${stepId}`);
  expect(await itemsOf(PERSONA_IDS.safeguardingLead)).not.toContain(`${ref} ${stepId}`);
  await hub.concerns.decide(await as(PERSONA_IDS.deputySafeguardingLead), ref, stepId, {
    decision: 'request-information',
    reason: 'Which club?',
  });
  await hub.settle();
  const deputy = await as(PERSONA_IDS.deputySafeguardingLead);
  const item = (await hub.myWork.queue(deputy)).items.find((i) => i.reference === ref)!;
  expect(item).toMatchObject({ status: 'awaiting-information' });
  // What they may decide is read from the concern when they open it from My work.
  const step = (await hub.concerns.read(deputy, ref)).steps.find((s) => s.id === stepId)!;
  expect(step.allowedDecisions).not.toContain('request-information');
  await expectEveryoneMatchesTheScan();
});

it("an overdue step escalated by the timer joins the escalation target's work, marked escalated", async () => {
  const { ref, stepId } = await raise();
  clock.advanceDays(3); // Thursday: past Wednesday's due date
  await hub.timers.tickAll();
  await hub.settle();
  const coordinator = (await hub.myWork.queue(await as(PERSONA_IDS.coordinator))).items.find(
    (i) => i.reference === ref,
  );
  expect(coordinator).toMatchObject({ stepId, escalated: true, overdue: true });
  expect(await itemsOf(PERSONA_IDS.safeguardingLead)).toContain(`${ref} ${stepId}`);
  await expectEveryoneMatchesTheScan();
});

it('immediate risk comes first, then the due date', async () => {
  const later = await raise();
  clock.advanceDays(1);
  const urgent = await raise(PERSONA_IDS.referrer, true);
  const items = await itemsOf(PERSONA_IDS.safeguardingLead);
  expect(items.indexOf(`${urgent.ref} ${urgent.stepId}`)).toBeLessThan(
    items.indexOf(`${later.ref} ${later.stepId}`),
  );
  await expectEveryoneMatchesTheScan();
});

it("a review recorded leaves the chair's work and the next monthly review takes its place", async () => {
  const chair = await as(PERSONA_IDS.channelChair);
  const before = (await hub.myWork.queue(chair)).reviews.filter((r) => r.reference === 'PRV-2026-0004');
  expect(before).toHaveLength(1);
  await hub.concerns.recordReview(
    chair,
    'PRV-2026-0004',
    before[0]!.reviewId,
    'Engaging well with the mentor.',
  );
  await hub.settle();
  const after = (await hub.myWork.queue(chair)).reviews.filter((r) => r.reference === 'PRV-2026-0004');
  expect(after).toHaveLength(1);
  expect(after[0]!.reviewId).not.toBe(before[0]!.reviewId);
  expect(after[0]!.dueOn > before[0]!.dueOn).toBe(true);
  await expectEveryoneMatchesTheScan();
});

it("closing a concern with follow-up reviews puts them in the reviewers' work, and nothing else of it", async () => {
  const chair = await as(PERSONA_IDS.channelChair);
  const open = (await hub.myWork.queue(chair)).items.find((i) => i.reference === 'PRV-2026-0004')!;
  await hub.concerns.decide(chair, 'PRV-2026-0004', open.stepId, {
    decision: 'close',
    outcome: 'support-completed',
    reason: 'Support complete.',
  });
  await hub.settle();
  const work = await hub.myWork.queue(chair);
  expect(work.items.filter((i) => i.reference === 'PRV-2026-0004')).toEqual([]);
  expect(work.reviews.filter((r) => r.reference === 'PRV-2026-0004').map((r) => r.label)).toEqual([
    '6-month review after closure',
    '12-month review after closure',
  ]);
  await expectEveryoneMatchesTheScan();
});

it('My work reads no concern: a few range queries on the work queue, however many concerns there are', async () => {
  const lead = await as(PERSONA_IDS.safeguardingLead);
  const measure = async () => {
    counting.reset();
    await hub.myWork.queue(lead);
    return Object.fromEntries(counting.calls);
  };
  // One per audience of hers: herself, the safeguarding leads of her agency, and of her sector.
  expect(await measure()).toEqual({ [KernelLists.workQueue]: 3 });
  for (let i = 0; i < 20; i++) await hub.concerns.submit(lead, submission());
  for (let i = 0; i < 20; i++) await hub.concerns.submit(await as(PERSONA_IDS.referrer), submission());
  await hub.settle();
  expect(await measure()).toEqual({ [KernelLists.workQueue]: 3 });
  expect((await hub.myWork.queue(lead)).items.length).toBeGreaterThanOrEqual(20);
});

it('My work pages: every item once, in order, across pages', async () => {
  for (let i = 0; i < MY_WORK_PAGE + 20; i++)
    await hub.concerns.submit(await as(PERSONA_IDS.referrer), submission());
  await hub.settle();
  const lead = await as(PERSONA_IDS.safeguardingLead);
  const pages: WorkItemsResponse[] = [];
  let token: string | undefined;
  do {
    const page = await hub.myWork.queue(lead, token ? { pageToken: token } : {});
    pages.push(page);
    token = page.nextPageToken;
  } while (token && pages.length < 10);
  expect(pages[0]!.items).toHaveLength(MY_WORK_PAGE);
  expect(pages.length).toBeGreaterThan(1);
  const all = pages.flatMap((p) => p.items);
  const expected = await byScanningEveryConcern(lead);
  expect(all.map((i) => `${i.reference} ${i.stepId}`)).toEqual(
    expected.items.map((i) => `${i.reference} ${i.stepId}`),
  );
});

it('a store from before the work queue gets its tasks once, at start', async () => {
  await hub.settle();
  const expected = await Promise.all(DEMO_PEOPLE.map(async (p) => hub.myWork.queue(await as(p.id))));
  // As the store was: no tasks, and no record of a backfill.
  for (const list of [KernelLists.workQueue, KernelLists.counters])
    for await (const item of allItems(hub.ports.store, list, { top: 500 }))
      if (list === KernelLists.workQueue || item.fields.CounterKey === 'work-queue-backfill-concerns')
        await hub.ports.store.delete(list, item.id, item.etag);
  // Removed by hand, not by the queue: seen once its last reads are QUEUE_READ_TTL_MS old.
  clock.current = new Date(clock.current.getTime() + QUEUE_READ_TTL_MS + 1);
  expect(await hub.myWork.queue(await as(PERSONA_IDS.safeguardingLead))).toEqual({ items: [], reviews: [] });
  const again = await createHub({ ...ports(), store: counting.store });
  expect(await Promise.all(DEMO_PEOPLE.map(async (p) => again.myWork.queue(await as(p.id))))).toEqual(
    expected,
  );
  const tasks = (await hub.ports.store.query(KernelLists.workQueue, { top: 5000 })).items.length;
  await createHub({ ...ports(), store: counting.store }); // once: a second start adds nothing
  expect((await hub.ports.store.query(KernelLists.workQueue, { top: 5000 })).items.length).toBe(tasks);
});
