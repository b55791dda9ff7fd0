/** Audit appends made at once in one process do not race each other for the next place in the chain. */
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

it('ten appends at once each write their entry once, and the chain verifies', async () => {
  let tries = 0;
  const store: Store = {
    kind: inner.kind,
    provision: (l) => inner.provision(l),
    get: (l, id) => inner.get(l, id),
    update: (l, id, e, f) => inner.update(l, id, e, f),
    delete: (l, id, e) => inner.delete(l, id, e),
    query: (l, q) => inner.query(l, q),
    batch: (ops) => inner.batch(ops),
    close: () => inner.close(),
    create: (l, f) => {
      if (l === KernelLists.audit) tries++;
      return inner.create(l, f);
    },
  };
  const audit = new AuditLog(store, 'test-audit-key-0123456789abcdef0123');
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      audit.append({
        eventKey: `event-${i}`,
        at: '2026-11-23T10:00:00Z',
        actorId: 'someone',
        action: 'test.append',
        target: 'Tests/1',
        digest: audit.digestFor({ i }),
      }),
    ),
  );
  expect(tries).toBe(10);
  expect(await audit.verify()).toEqual({ ok: true, entriesChecked: 10 });
});
