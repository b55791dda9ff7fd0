/**
 * Audit appends made at once in one process do not race each other for the next place in the chain; an append
 * after this process's own is one write; an instance that fell behind another finds the new tail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { AuditLog } from '@pph/functions/kernel/audit/audit-log';
import { KERNEL_LISTS, KernelLists } from '@pph/functions/kernel/lists';
import type { Store } from '@pph/functions/ports/store';

let dir: string;
let inner: Store;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-audit-'));
  inner = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  await inner.provision(KERNEL_LISTS);
});
afterEach(async () => {
  await inner.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const entry = (audit: AuditLog, i: number | string) => ({
  eventKey: `event-${i}`,
  at: '2026-11-23T10:00:00Z',
  actorId: 'someone',
  action: 'test.append',
  target: 'Tests/1',
  digest: audit.digestFor({ i }),
});

/** The store, counting what each list is asked; `atomic` also offers its all-or-nothing batches. */
function counting(atomic?: { before?: () => Promise<void> }) {
  const calls: string[] = [];
  const store: Store = {
    kind: inner.kind,
    provision: (l) => inner.provision(l),
    get: (l, id) => (calls.push(`get ${l}`), inner.get(l, id)),
    update: (l, id, e, f) => (calls.push(`update ${l}`), inner.update(l, id, e, f)),
    delete: (l, id, e) => (calls.push(`delete ${l}`), inner.delete(l, id, e)),
    query: (l, q) => (calls.push(`query ${l}`), inner.query(l, q)),
    batch: (ops) => inner.batch(ops),
    close: () => inner.close(),
    create: (l, f) => (calls.push(`create ${l}`), inner.create(l, f)),
    ...(atomic
      ? {
          batchAtomic: async (ops) => {
            calls.push(`batchAtomic ${ops.map((o) => o.list).join(',')}`);
            await atomic.before?.();
            return inner.batchAtomic!(ops);
          },
        }
      : {}),
  };
  return { store, calls };
}

const trail = async () =>
  (await inner.query(KernelLists.audit, { orderBy: { column: 'Seq' }, top: 100 })).items.map((e) => ({
    seq: e.fields.Seq,
    key: e.fields.EventKey,
  }));

it('an append after this process wrote the tail is one write; the checkpoint follows with one more', async () => {
  const { store, calls } = counting();
  const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
  await audit.append(entry(audit, 1));
  await audit.settled();
  calls.length = 0;
  await audit.append(entry(audit, 2));
  expect(calls).toEqual([`create ${KernelLists.audit}`]);
  await audit.settled();
  expect(calls).toEqual([`create ${KernelLists.audit}`, `update ${KernelLists.auditHead}`]);
  expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 2 });
});

it('a burst of appends moves the checkpoint once or twice, not once per entry', async () => {
  const { store, calls } = counting();
  const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
  await Promise.all(Array.from({ length: 20 }, (_, i) => audit.append(entry(audit, i))));
  await audit.settled();
  const headWrites = calls.filter((c) => c.endsWith(KernelLists.auditHead) && !c.startsWith('query'));
  expect(headWrites.length).toBeLessThanOrEqual(3);
  const head = await inner.query(KernelLists.auditHead, { top: 1 });
  expect(head.items[0]?.fields.Seq).toBe(20);
  expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 20 });
});

it('two instances appending in turn each find the tail the other wrote, and the chain verifies', async () => {
  const a = new AuditLog(inner, 'test-audit-key-0123456789abcdef0123');
  const b = new AuditLog(inner, 'test-audit-key-0123456789abcdef0123');
  for (let i = 0; i < 6; i++) {
    await (i % 3 === 0 ? b : a).append(entry(a, i));
    await Promise.all([(i % 3 === 1 ? b : a).append(entry(a, `${i}-x`)), b.append(entry(a, `${i}-y`))]);
  }
  await Promise.all([a.settled(), b.settled()]);
  const all = await inner.query(KernelLists.audit, { orderBy: { column: 'Seq' }, top: 100 });
  expect(all.items.map((e) => e.fields.Seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  expect(new Set(all.items.map((e) => e.fields.EventKey)).size).toBe(18);
  expect(await a.verify()).toEqual({ ok: true, entriesChecked: 18 });
  const head = await inner.query(KernelLists.auditHead, { top: 1 });
  expect(head.items[0]?.fields.Seq).toBe(18);
});

it('ten appends at once each write their entry once, and the chain verifies', async () => {
  const { store, calls } = counting();
  const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
  await Promise.all(Array.from({ length: 10 }, (_, i) => audit.append(entry(audit, i))));
  const tries = calls.filter((c) => c === `create ${KernelLists.audit}`).length;
  expect(tries).toBe(10);
  expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 10 });
});

describe('on a store with all-or-nothing batches', () => {
  it('appends that queue while one is written go together in one write, chained in order', async () => {
    const { store, calls } = counting({});
    const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.append(entry(audit, i))));
    await audit.settled();
    const writes = calls.filter((c) => c.includes(KernelLists.audit) && !c.startsWith('query'));
    // Queued in one turn, before the lane's first: all twenty in one write.
    expect(writes).toEqual([`batchAtomic ${Array(20).fill(KernelLists.audit)}`]);
    expect((await trail()).map((e) => e.key)).toEqual(Array.from({ length: 20 }, (_, i) => `event-${i}`));
    expect((await inner.query(KernelLists.auditHead, { top: 1 })).items[0]?.fields.Seq).toBe(20);
    expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 20 });
  });

  it('a group holding an event already appended writes none of it, then each once: no repeat, no gap', async () => {
    const { store, calls } = counting({});
    const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
    await audit.append(entry(audit, 'done'));
    // A relay run again after a crash: its event is in the trail already, and two new ones queue with it.
    await Promise.all([
      audit.append(entry(audit, 'first')),
      audit.append(entry(audit, 'done')),
      audit.append(entry(audit, 'later')),
    ]);
    expect(calls.filter((c) => c.startsWith('batchAtomic'))).toHaveLength(1);
    expect(await trail()).toEqual([
      { seq: 1, key: 'event-done' },
      { seq: 2, key: 'event-first' },
      { seq: 3, key: 'event-later' },
    ]);
    expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 3 });
  });

  it('another instance appending first makes the group go one by one, each on the new tail', async () => {
    const other = new AuditLog(inner, 'test-audit-key-0123456789abcdef0123');
    let raced = false;
    const { store } = counting({
      before: async () => {
        if (raced) return;
        raced = true;
        await other.append(entry(other, 'elsewhere'));
      },
    });
    const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
    await audit.append(entry(audit, 0));
    await Promise.all([1, 2, 3, 4].map((i) => audit.append(entry(audit, i))));
    await Promise.all([audit.settled(), other.settled()]);
    const keys = (await trail()).map((e) => e.key);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    expect(keys).toContain('event-elsewhere');
    expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 6 });
  });

  it('a group the store fails part-way leaves nothing of it, and its appends are refused or landed whole', async () => {
    let failNext = true;
    const { store } = counting({
      before: async () => {
        if (!failNext) return;
        failNext = false;
        throw new Error('disk I/O error');
      },
    });
    const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
    await audit.append(entry(audit, 0));
    await Promise.all([1, 2, 3].map((i) => audit.append(entry(audit, i))));
    expect((await trail()).map((e) => e.key)).toEqual([0, 1, 2, 3].map((i) => `event-${i}`));
    expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 4 });
  });
});
