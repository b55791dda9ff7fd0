/**
 * The returns' relay: what a submitted return leaves for it (the audit entry, word to every board member who
 * may approve it) goes to the outbox in one store batch, one $batch on SharePoint, beside the return's tasks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReturnContentSchema } from '@pph/contract';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { DEMO_PARTNERS, DEMO_PEOPLE, PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { createHub } from '@pph/functions/hub';
import { KernelLists } from '@pph/functions/kernel/lists';
import type { BatchOp, Fields, Store } from '@pph/functions/ports/store';
import { TestClock } from '../support/hub';
import { collegeContent } from '../support/returns';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-return-relay-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('puts all of a submitted return’s notifications in the outbox in one batch', async () => {
  const real = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  /** Each write to the outbox: how many entries it carried. */
  const outboxWrites: number[] = [];
  // Every other call goes to the store itself, bound to it (its commit group is its own state).
  const store = new Proxy(real, {
    get(target, name, receiver) {
      if (name === 'create')
        return (list: string, fields: Fields) => {
          if (list === KernelLists.outbox) outboxWrites.push(1);
          return target.create(list, fields);
        };
      if (name === 'batch')
        return (ops: BatchOp[]) => {
          const n = ops.filter((o) => o.list === KernelLists.outbox).length;
          if (n) outboxWrites.push(n);
          return target.batch(ops);
        };
      const v: unknown = Reflect.get(target, name, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as Store;
  const hub = await createHub({
    store,
    clock: new TestClock(new Date('2026-12-01T10:00:00Z')),
    logger: silentLogger,
    notifier: { deliver: async () => ({ status: 'delivered' as const }) },
    auditKey: 'test-audit-key-0123456789abcdef0123',
    documents: new MemoryDocumentStore(),
  });
  try {
    for (const p of DEMO_PARTNERS) await hub.directory.upsertPartner(p);
    for (const p of DEMO_PEOPLE) await hub.directory.upsertPerson(p);
    await hub.timers.tickAll(); // opens the quarter's cycle
    await hub.settle();
    const author = await hub.directory.resolve({ userId: PERSONA_IDS.returnAuthor, via: 'dev-persona' });
    const r = (await hub.returns.myReturns(author)).toWrite[0]!;
    outboxWrites.length = 0;
    await hub.returns.submit(author, r.reference, {
      content: ReturnContentSchema.parse(collegeContent()),
      etag: r.etag,
    });
    await hub.settle();
    const approvers = (await hub.ports.store.query(KernelLists.outbox, { top: 500 })).items.filter(
      (o) => o.fields.EventType === 'return-submitted',
    );
    expect(approvers.length).toBeGreaterThan(1);
    expect(outboxWrites).toEqual([approvers.length]);
  } finally {
    await hub.settle();
    await hub.ports.store.close();
  }
});
