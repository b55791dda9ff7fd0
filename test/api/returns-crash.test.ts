/**
 * A return survives a crash between any two writes, as a concern does (outbox-crash.test.ts): for every write
 * position of "open a cycle", "submit", "approve" and "remind", crash there, restart on the same store, let the
 * client (or the timer) try again, and check that people hear exactly what they hear without a crash, the audit
 * trail holds the same entries and verifies, nothing is left pending, and the work queue holds the same tasks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReturnContentSchema } from '@pph/contract';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { createHub } from '@pph/functions/hub';
import { DomainError } from '@pph/functions/kernel/errors';
import { SEND_LEASE_MS } from '@pph/functions/kernel/events/outbox';
import { DEMO_PARTNERS, DEMO_PEOPLE, PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { KernelLists } from '@pph/functions/kernel/lists';
import { ReturnLists } from '@pph/functions/returns/lists';
import type { Notification, Notifier } from '@pph/functions/ports/notifier';
import { crashAndRetry } from '../support/crashing-store';
import { TestClock } from '../support/hub';
import { collegeContent } from '../support/returns';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';

class RecordingNotifier implements Notifier {
  readonly calls: Notification[] = [];
  async deliver(n: Notification) {
    this.calls.push(n);
    return { status: 'delivered' as const };
  }
}

/** A crash may burn a return number: references are normalised. */
const norm = (s: string) =>
  s
    .replace(/RTN-\d{4}-\d{2}-Q\d-\d{4}/g, 'REF')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}(?=:0{8})/g, 'KEY');
const seen = (calls: Notification[]) =>
  [...new Set(calls.map((n) => `${n.type} → ${n.recipientId} ${norm(n.reference)}`))].sort();

type Hub = Awaited<ReturnType<typeof createHub>>;
const as = (hub: Hub, id: string) => hub.directory.resolve({ userId: id, via: 'dev-persona' });

const collegeReturn = async (hub: Hub) => {
  const elliot = await as(hub, PERSONA_IDS.returnAuthor);
  return (await hub.returns.myReturns(elliot)).toWrite[0]!;
};

/** A retry of a change that did land is refused as stale (the return moved on): it changes nothing. */
const retryable = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'conflict')) throw e;
  }
};

interface Scenario {
  before?: (hub: Hub, clock: TestClock) => Promise<void>;
  act: (hub: Hub, clock: TestClock) => Promise<void>;
}

const openCycle = async (hub: Hub) => {
  await hub.timers.tickAll();
};
const submit = async (hub: Hub) => {
  const elliot = await as(hub, PERSONA_IDS.returnAuthor);
  const r = await collegeReturn(hub);
  if (r.status === 'submitted') return;
  await retryable(() =>
    hub.returns.submit(elliot, r.reference, {
      content: ReturnContentSchema.parse(collegeContent()),
      etag: r.etag,
    }),
  );
};

/**
 * A trail that has its checkpoint already. (On a brand-new trail, a crash between the very first entry and the
 * checkpoint's creation, followed by another append, reads as a re-created checkpoint: the kernel's audit log
 * cannot tell that from a deleted one. That is the kernel's to settle, not the returns'.)
 */
const anAuditedStart = async (hub: Hub) => {
  await hub.audit.append({
    eventKey: 'setup',
    at: '2026-12-01T09:00:00Z',
    actorId: 'setup',
    action: 'setup',
    target: 'Setup/1',
    digest: 'x',
  });
};

const SCENARIOS: Record<string, Scenario> = {
  'a timer opening a cycle': { before: anAuditedStart, act: openCycle },
  'submit a return': { before: openCycle, act: submit },
  'approve a return': {
    before: async (hub) => {
      await openCycle(hub);
      await submit(hub);
    },
    act: async (hub) => {
      const rowan = await as(hub, PERSONA_IDS.boardMember);
      const r = await collegeReturn(hub);
      if (r.status === 'approved') return;
      await retryable(() => hub.returns.approve(rowan, r.reference, { etag: r.etag }));
    },
  },
  'a timer sending reminders': {
    before: async (hub, clock) => {
      await openCycle(hub);
      clock.current = new Date('2027-01-07T09:00:00Z');
    },
    act: async (hub) => {
      await hub.timers.tickAll();
    },
  },
};

async function run(budget: number, scenario: Scenario) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-return-crash-'));
  const file = path.join(dir, 'hub.sqlite');
  const notifier = new RecordingNotifier();
  const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
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

  const { crashed, second } = await crashAndRetry({
    open: () => openSqliteStore({ file }),
    budget,
    hub: (store) => createHub({ ...ports, store }),
    act: (hub) => scenario.act(hub, clock),
    restart: () => {
      clock.current = new Date(clock.current.getTime() + SEND_LEASE_MS + 1000);
    },
  });
  const q = (list: string) => second.ports.store.query(list, { top: 5000 }).then((p) => p.items);
  const returns = await q(ReturnLists.returns);
  const outboxPending = (await q(KernelLists.outbox)).filter((o) =>
    ['pending', 'sending'].includes(String(o.fields.Status)),
  ).length;
  const audit = await second.audit.verify();
  const actions = (await q(KernelLists.audit))
    .map((e) => `${e.fields.Action} ${norm(String(e.fields.Target))}`)
    .sort();
  const tasks = (await q(KernelLists.workQueue))
    .filter((t) => t.fields.Capability === 'returns')
    .map((t) => norm(`${t.fields.Kind} ${t.fields.Audience} ${t.fields.DueOn} ${t.fields.Summary}`))
    .sort();
  const statuses = returns.map((r) => `${r.fields.PartnerId}:${r.fields.Status}`).sort();
  await second.ports.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const calls = notifier.calls.slice(sentBefore);
  return {
    crashed,
    seen: seen(calls),
    repeats: calls.length - new Set(calls.map((n) => n.dedupeKey)).size,
    returns: returns.length,
    pendingLeft: returns.filter((r) => r.fields.HasPending === true).length,
    outboxPending,
    audit,
    actions,
    statuses,
    tasks,
  };
}

describe.each(Object.entries(SCENARIOS))('a crash during "%s"', (_name, scenario) => {
  it('loses and duplicates nothing whichever write the crash hits', async () => {
    const baseline = await run(Number.MAX_SAFE_INTEGER, scenario);
    expect(baseline.crashed).toBe(false);
    expect(baseline.seen.length).toBeGreaterThanOrEqual(1);
    expect(baseline.repeats).toBe(0);
    let budget = 0;
    for (; ; budget++) {
      const r = await run(budget, scenario);
      expect({
        budget,
        returns: r.returns,
        seen: r.seen,
        pendingLeft: r.pendingLeft,
        outboxPending: r.outboxPending,
        auditOk: r.audit.ok,
        actions: r.actions,
        statuses: r.statuses,
        tasks: r.tasks,
        atMostOneRepeat: r.repeats <= 1,
      }).toEqual({
        budget,
        returns: 7,
        seen: baseline.seen,
        pendingLeft: 0,
        outboxPending: 0,
        auditOk: true,
        actions: baseline.actions,
        statuses: baseline.statuses,
        tasks: baseline.tasks,
        atMostOneRepeat: true,
      });
      if (!r.crashed) break;
    }
    expect(budget).toBeGreaterThan(3);
  }, 300_000);
});
