/**
 * One bad row must not stop everything. An administrator mistypes a role in the People list, or a concern's
 * stored state cannot be read: everyone else's notifications and time limits still go through, the bad row is
 * logged by list item id and problem code only, and the person whose row it is is told to ask the administrator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { ApiPaths, SubmitConcernRequestSchema } from '@pph/contract';
import { createHub } from '@pph/functions/hub';
import { DEMO_PARTNERS, DEMO_PEOPLE } from '@pph/functions/hosts/local/personas';
import { KernelLists } from '@pph/functions/kernel/lists';
import { DIRECTORY_TTL_MS } from '@pph/functions/kernel/directory/directory';
import { ConcernLists } from '@pph/functions/concerns/lists';
import type { Notification, Notifier } from '@pph/functions/ports/notifier';
import { StoreError, type Store } from '@pph/functions/ports/store';
import { submission } from '../support/concerns';
import { PERSONA_IDS, startTestHub, TestClock, type TestHub } from '../support/hub';
import { capturingLogger } from '../support/logs';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';

/** An invented colleague whose People row has a role as a person would type it, not as the hub knows it. */
const MISTYPED = {
  PersonId: '00000000-0000-4000-8000-000000000099',
  DisplayName: 'Ellis Marrable',
  Email: 'ellis.marrable@harbourside.example',
  JobTitle: 'Safeguarding officer',
  PartnerId: 'council',
  Roles: 'Safeguarding Lead',
};

/** Another whose row names an agency that is not in the Partners list. */
const UNKNOWN_AGENCY = {
  ...MISTYPED,
  PersonId: '00000000-0000-4000-8000-000000000098',
  DisplayName: 'Sol Penwithick',
  Email: 'sol.penwithick@harbourside.example',
  PartnerId: 'harbourside-counsil',
  Roles: 'safeguarding-lead',
};

let hub: TestHub;
let logs: ReturnType<typeof capturingLogger>;
beforeEach(async () => {
  logs = capturingLogger();
  hub = await startTestHub({ logger: logs });
  await hub.runTimersOnce(); // the seed's notifications go out first
});
afterEach(async () => hub.close());

const store = () => hub.hub.ports.store;
const concernItem = async (ref: string) =>
  (
    await store().query(ConcernLists.concerns, {
      where: [{ column: 'Reference', op: 'eq', value: ref }],
      top: 1,
    })
  ).items[0]!;
/** A concern whose stored workflow no longer reads (hand-edited in SharePoint, or written by a buggy build). */
async function breakConcern(ref: string, fields: Record<string, string | boolean | null> = {}) {
  const item = await concernItem(ref);
  await store().update(ConcernLists.concerns, item.id, item.etag, { Workflow: '{"steps":"?"}', ...fields });
  return item.id;
}
const logText = () => JSON.stringify(logs.entries);

it('a People row with a role the hub does not know is skipped: notifications still go out', async () => {
  const row = await store().create(KernelLists.people, MISTYPED);
  const other = await store().create(KernelLists.people, UNKNOWN_AGENCY);
  // Rows written straight into the list, as an administrator would in SharePoint: seen once the directory's
  // last read of the lists is DIRECTORY_TTL_MS old.
  hub.clock.current = new Date(hub.clock.current.getTime() + DIRECTORY_TTL_MS + 1);
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;

  await hub.runTimersOnce();

  expect(
    hub.calls
      .filter((n) => n.reference === ref && n.type === 'step-assigned')
      .map((n) => n.recipientId)
      .sort(),
  ).toEqual([PERSONA_IDS.safeguardingLead, PERSONA_IDS.deputySafeguardingLead].sort());
  const personas = await hub.as(PERSONA_IDS.referrer).get('/api/dev/personas');
  expect(personas.status).toBe(200);
  expect(personas.body.items.map((p: { id: string }) => p.id)).not.toContain(MISTYPED.PersonId);

  // Logged once, by item id and problem code; nothing of the person.
  const skipped = logs.entries.filter((e) => e.msg === 'directory row skipped');
  expect(skipped).toEqual([
    {
      level: 'warn',
      msg: 'directory row skipped',
      ctx: { list: KernelLists.people, itemId: row.id, problem: 'roles.0:invalid_value' },
    },
    {
      level: 'warn',
      msg: 'directory row skipped',
      ctx: { list: KernelLists.people, itemId: other.id, problem: 'partnerId:unknown_partner' },
    },
  ]);
  for (const person of [MISTYPED, UNKNOWN_AGENCY])
    for (const value of [person.PersonId, person.DisplayName, person.Email])
      expect(logText()).not.toContain(value);
  expect(logText()).not.toContain(MISTYPED.Roles);
});

it('the person whose row is mistyped is told to ask the administrator (403)', async () => {
  await store().create(KernelLists.people, MISTYPED);
  const res = await hub.as(MISTYPED.PersonId).get('/api/me/queue');
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
  expect(res.body.error.message).toMatch(/administrator/);
  expect(res.body.error.fieldErrors).toBeUndefined();
});

it('a concern the relay cannot read is logged and left; other concerns are relayed and delivered', async () => {
  // Not due for the timers: this is about the relay alone.
  const brokenId = await breakConcern('PRV-2026-0001', { HasPending: true, NextCheckOn: null });
  // Another concern with an event still to relay (as a crash between its write and its relay leaves it).
  const good = await concernItem('PRV-2026-0006');
  const event = {
    kind: 'notify',
    key: 'PRV-2026-0006:test-relay-isolation',
    type: 'note-added',
    recipients: [{ kind: 'person', id: PERSONA_IDS.coordinator }],
    title: 'PRV-2026-0006: a note was added',
    body: 'A note was added.',
  };
  await store().update(ConcernLists.concerns, good.id, good.etag, {
    Pending: JSON.stringify([event]),
    HasPending: true,
  });

  await hub.runTimersOnce();

  expect(hub.calls.map((n) => n.dedupeKey)).toContain(`${event.key}:${PERSONA_IDS.coordinator}`);
  expect((await concernItem('PRV-2026-0006')).fields.HasPending).toBe(false);
  expect((await concernItem('PRV-2026-0001')).fields.HasPending).toBe(true); // kept for the next run
  expect(logs.entries).toContainEqual({
    level: 'error',
    msg: 'relay failed for concern',
    ctx: { concernId: brokenId, error: 'ZodError' },
  });
});

it('a concern the timers cannot read is logged and skipped; other concerns still get their reminders', async () => {
  const brokenId = await breakConcern('PRV-2026-0001', { NextCheckOn: '2026-11-01' });
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  await hub.runTimersOnce();
  hub.clock.advanceDays(1); // Tuesday: the reminder a working day before the limit

  await expect(hub.hub.timers.tickAll()).resolves.toMatchObject({ changed: 1 });
  await hub.runTimersOnce();

  expect(hub.calls.filter((n) => n.reference === ref && n.type === 'due-soon')).toHaveLength(2);
  expect(logs.entries).toContainEqual({
    level: 'error',
    msg: 'time limits failed for concern',
    ctx: { concernId: brokenId, error: 'ZodError' },
  });
});

it('pumpOnce delivers what is in the outbox even when the relay run fails', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-pump-'));
  const inner = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  let concernsUnreadable = false;
  const flaky: Store = Object.assign(Object.create(inner) as Store, {
    kind: inner.kind,
    query: (list: string, q: Parameters<Store['query']>[1]) => {
      if (concernsUnreadable && list === ConcernLists.concerns)
        return Promise.reject(new StoreError('throttled', 'busy', { retryAfterSeconds: 5 }));
      return inner.query(list, q);
    },
  });
  const calls: Notification[] = [];
  const notifier: Notifier = {
    deliver: async (n) => {
      calls.push(n);
      return { status: 'delivered' };
    },
  };
  const pumpLogs = capturingLogger();
  const h = await createHub({
    store: flaky,
    clock: new TestClock(new Date('2026-11-23T10:00:00Z')),
    logger: pumpLogs,
    notifier,
    auditKey: 'test-audit-key-0123456789abcdef0123',
    documents: new MemoryDocumentStore(),
  });
  try {
    for (const p of DEMO_PARTNERS) await h.directory.upsertPartner(p);
    for (const p of DEMO_PEOPLE) await h.directory.upsertPerson(p);
    const referrer = await h.directory.resolve({ userId: PERSONA_IDS.referrer, via: 'dev-persona' });
    await h.concerns.submit(referrer, SubmitConcernRequestSchema.parse(submission()));
    await h.settle(); // relayed into the outbox, not yet delivered
    expect(calls).toHaveLength(0);

    concernsUnreadable = true;
    await expect(h.pumpOnce()).rejects.toThrow(StoreError);

    expect(calls.map((n) => n.type).sort()).toEqual(['concern-submitted', 'step-assigned', 'step-assigned']);
    expect(pumpLogs.entries).toContainEqual({
      level: 'error',
      msg: 'relay run failed',
      ctx: { error: 'StoreError' },
    });
  } finally {
    await inner.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
