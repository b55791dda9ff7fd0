/**
 * SharePoint has no transactions, so the hub must survive a crash between any two writes. For every write
 * position in "submit, relay, deliver" (and in a decision, a reassignment, and a timer's escalation), crash there,
 * restart on the same store, let the client retry, and check that the notifications that reach people are exactly
 * those of a run without a crash, that the hub itself sent nothing twice except the one send a crash may have cut
 * off before it was recorded, and that the work queue holds exactly the tasks of a run without a crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { createHub } from '@pph/functions/hub';
import { toRecord } from '@pph/functions/concerns/repository';
import { DomainError } from '@pph/functions/kernel/errors';
import { SEND_LEASE_MS } from '@pph/functions/kernel/events/outbox';
import { DEMO_PARTNERS, DEMO_PEOPLE, PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { KernelLists } from '@pph/functions/kernel/lists';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { SubmitConcernRequestSchema } from '@pph/contract';
import type { Notification, Notifier } from '@pph/functions/ports/notifier';
import { submission } from '../support/concerns';
import { crashAndRetry } from '../support/crashing-store';
import { TestClock } from '../support/hub';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';

class RecordingNotifier implements Notifier {
  readonly calls: Notification[] = [];
  async deliver(n: Notification) {
    this.calls.push(n);
    return { status: 'delivered' as const };
  }
}

/**
 * A crash may burn a reference number (a concern's, or a return's when the returns timer opens a quarter): gaps,
 * never repeats. So references are compared without their numbers.
 */
const unnumbered = (s: string) =>
  s.replace(/PRV-\d{4}-\d{4}/g, 'REF').replace(/RTN-\d{4}-\d{2}-Q\d-\d{4}/g, 'RTN');

/** What people saw, with references normalised. */
const seen = (calls: Notification[]) =>
  [...new Set(calls.map((n) => `${n.type} → ${n.recipientId} ${unnumbered(n.dedupeKey)}`))].sort();

const start = new Date('2026-11-23T10:00:00Z');
const body = SubmitConcernRequestSchema.parse(submission({}, 'crash-test-idempotency-key-0001'));

type Hub = Awaited<ReturnType<typeof createHub>>;
const as = (hub: Hub, id: string) => hub.directory.resolve({ userId: id, via: 'dev-persona' });

/**
 * What the person (or timer) does, in the life that may crash and again, as a retry, in the next. `before`
 * runs first without any crash, to bring the concern to where the scenario starts.
 */
interface Scenario {
  before?: (hub: Hub, clock: TestClock) => Promise<void>;
  act: (hub: Hub, clock: TestClock) => Promise<void>;
}

const submitOnce = async (hub: Hub) => {
  await hub.concerns.submit(await as(hub, PERSONA_IDS.referrer), body);
};
const forwardFirstStep = async (hub: Hub) => {
  const lead = await as(hub, PERSONA_IDS.safeguardingLead);
  const ref = (await hub.concerns.myConcerns(await as(hub, PERSONA_IDS.referrer))).items[0]!.reference;
  try {
    await hub.concerns.decide(lead, ref, 's1', { decision: 'forward' });
  } catch (e) {
    // The retry of a decision that did land: refused as already decided, which changes nothing.
    if (!(e instanceof DomainError && e.code === 'conflict')) throw e;
  }
};

const SCENARIOS: Record<string, Scenario> = {
  'submit a concern': { act: submitOnce },
  'decide a step': { before: submitOnce, act: forwardFirstStep },
  'pass a step to someone else': {
    before: submitOnce,
    act: async (hub) => {
      const item = (await hub.ports.store.query(ConcernLists.concerns, { top: 1 })).items[0]!;
      const { reference: ref, state } = toRecord(item);
      // The client retries only what did not land (a second pass to the same person would be a new one).
      if (state.steps[0]!.assigneeId === PERSONA_IDS.deputySafeguardingLead) return;
      await hub.concerns.assign(
        await as(hub, PERSONA_IDS.coordinator),
        ref,
        's1',
        PERSONA_IDS.deputySafeguardingLead,
        'Away this week',
      );
    },
  },
  'a timer escalating an overdue step': {
    before: async (hub, clock) => {
      await submitOnce(hub);
      // Other capabilities' timers do their work of the day first (the returns timer opens the quarter).
      await hub.timers.tickAll();
      clock.current = new Date('2026-11-26T10:00:00Z'); // past Wednesday's due date
    },
    act: async (hub) => {
      await hub.timers.tickAll();
    },
  },
};

async function run(budget: number, scenario: Scenario) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-crash-'));
  const file = path.join(dir, 'hub.sqlite');
  const notifier = new RecordingNotifier();
  const clock = new TestClock(start);
  const ports = {
    clock,
    logger: silentLogger,
    notifier,
    auditKey: 'test-audit-key-0123456789abcdef0123',
    documents: new MemoryDocumentStore(),
  };
  const setup = await createHub({ ...ports, store: await openSqliteStore({ file }) });
  for (const p of DEMO_PARTNERS) await setup.directory.upsertPartner(p);
  for (const p of DEMO_PEOPLE) await setup.directory.upsertPerson(p);
  if (scenario.before) {
    await scenario.before(setup, clock);
    await setup.settle();
    await setup.pumpOnce();
  }
  await setup.ports.store.close();
  const sentBefore = notifier.calls.length;

  // The second life starts after any claim the dead process held on an outbox entry has lapsed.
  const { crashed, second } = await crashAndRetry({
    open: () => openSqliteStore({ file }),
    budget,
    hub: (store) => createHub({ ...ports, store }),
    act: (hub) => scenario.act(hub, clock),
    restart: () => {
      clock.current = new Date(clock.current.getTime() + SEND_LEASE_MS + 1000);
    },
  });
  const concerns = (await second.ports.store.query(ConcernLists.concerns, { top: 10 })).items;
  const pendingLeft = concerns.filter((c) => c.fields.HasPending === true).length;
  const outboxPending = (
    await second.ports.store.query(KernelLists.outbox, {
      where: [{ column: 'Status', op: 'in', value: ['pending', 'sending'] }],
      top: 100,
    })
  ).items.length;
  const audit = await second.audit.verify();
  const actions = (await second.ports.store.query(KernelLists.audit, { top: 1000 })).items
    .map((e) => String(e.fields.Action))
    .filter((a) => a !== 'concern.read')
    .sort();
  const state = concerns[0] ? toRecord(concerns[0]).state : undefined;
  // Every task with what it shows; a crash may burn a reference number, so references are normalised.
  const tasks = (await second.ports.store.query(KernelLists.workQueue, { top: 1000 })).items
    .map((t) =>
      [t.fields.TaskKey, t.fields.Status, t.fields.DueOn, t.fields.QueueKey, t.fields.Summary]
        .map((v) =>
          unnumbered(String(v))
            // A submission retried after a crash is made later.
            .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME'),
        )
        .join(' '),
    )
    .sort();
  await second.ports.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const calls = notifier.calls.slice(sentBefore);
  return {
    crashed,
    seen: seen(calls),
    repeats: calls.length - new Set(calls.map((n) => n.dedupeKey)).size,
    concerns: concerns.length,
    pendingLeft,
    outboxPending,
    audit,
    actions,
    steps: state?.steps.map((s) => `${s.stepKey}:${s.status}${s.escalated ? ':escalated' : ''}`),
    tasks,
  };
}

describe.each(Object.entries(SCENARIOS))('a crash during "%s"', (_name, scenario) => {
  it('loses and duplicates nothing whichever write the crash hits', async () => {
    const baseline = await run(Number.MAX_SAFE_INTEGER, scenario);
    expect(baseline.crashed).toBe(false);
    expect(baseline.seen.length).toBeGreaterThanOrEqual(1);
    expect(baseline.repeats).toBe(0);
    expect(baseline.tasks.length).toBeGreaterThanOrEqual(1);
    let budget = 0;
    for (; ; budget++) {
      const r = await run(budget, scenario);
      expect({
        budget,
        concerns: r.concerns,
        seen: r.seen,
        pendingLeft: r.pendingLeft,
        outboxPending: r.outboxPending,
        auditOk: r.audit.ok,
        actions: r.actions,
        steps: r.steps,
        tasks: r.tasks,
        // At least once: a crash between a send and its record may send that one again, nothing else.
        atMostOneRepeat: r.repeats <= 1,
      }).toEqual({
        budget,
        concerns: 1,
        seen: baseline.seen,
        pendingLeft: 0,
        outboxPending: 0,
        auditOk: true,
        actions: baseline.actions,
        steps: baseline.steps,
        tasks: baseline.tasks,
        atMostOneRepeat: true,
      });
      if (!r.crashed) break;
    }
    expect(budget).toBeGreaterThan(3); // the flow really has that many writes to crash between
  }, 120_000);
});
