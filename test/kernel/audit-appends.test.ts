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

/** The store, counting what each list is asked. */
function counting() {
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
  };
  return { store, calls };
}

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
