/**
 * A capability plugs into the kernel on its own: a made-up "returns" capability, written here without touching
 * any concerns file, gets its list provisioned, its actions into the registry, its timer into the scheduler and
 * its tasks into the one work queue beside the concern ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Capability } from '@pph/functions/kernel/capability';
import { createKernel } from '@pph/functions/kernel/kernel';
import { KERNEL_LISTS } from '@pph/functions/kernel/lists';
import { roleAudience } from '@pph/functions/kernel/queue/audience';
import { concernCapability } from '@pph/functions/concerns/capability';
import { col } from '@pph/functions/ports/lists';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import type { Store } from '@pph/functions/ports/store';
import type { Actor } from '@pph/functions/kernel/auth/actor';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';

let store: Store;
let dir: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-capability-'));
  store = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ticks: string[] = [];
const returnsCapability: Capability<{ count(): Promise<number> }, Record<string, never>> = {
  name: 'returns',
  lists: [
    {
      name: 'PartnerReturns',
      version: 1,
      columns: [col('ReturnKey', 'text', { indexed: true, unique: true })],
    },
  ],
  actions: {
    'return.submit': { roles: ['return-author'], refused: 'Only a return author submits returns.' },
  },
  async start(k) {
    k.timers.register({
      name: 'return-reminders',
      run: async () => (ticks.push('returns'), { checked: 1, changed: 0 }),
    });
    await k.workQueue.reconcile('returns', 'RET-2026-Q3-college', [
      {
        kind: 'return-write',
        subject: 'q3',
        audience: roleAudience('return-author', { partnerId: 'college' }),
        dueOn: '2026-10-15',
        priority: 1,
        tieBreak: 'college',
        summary: { title: 'Quarter 3 return' },
      },
    ]);
    return {
      services: { count: async () => (await k.ports.store.query('PartnerReturns', {})).items.length },
      handlers: {},
    };
  },
};

it('a second capability registers its list, actions, timer and tasks with the kernel beside the concerns', async () => {
  const ports = {
    store,
    clock: { now: () => new Date('2026-10-01T09:00:00Z') },
    logger: silentLogger,
    notifier: { deliver: async () => ({ status: 'delivered' as const }) },
    auditKey: 'x'.repeat(40),
    documents: new MemoryDocumentStore(),
  };
  const capabilities = [concernCapability, returnsCapability];
  await store.provision([...KERNEL_LISTS, ...capabilities.flatMap((c) => c.lists)]);
  const kernel = createKernel(ports);
  for (const c of capabilities) kernel.authorisation.register(c.actions);
  await concernCapability.start(kernel);
  const returns = await returnsCapability.start(kernel);

  await store.create('PartnerReturns', { ReturnKey: 'RET-1' });
  expect(await returns.services.count()).toBe(1);

  const author: Actor = {
    id: 'a1',
    displayName: 'Author',
    partnerId: 'college',
    partnerSector: 'further-education',
    roles: ['return-author'],
  };
  expect(kernel.authorisation.mayAttempt(author, 'return.submit')).toBe(true);
  expect(kernel.authorisation.mayAttempt(author, 'concern.submit')).toBe(false);
  expect(() =>
    kernel.authorisation.register({ 'return.submit': returnsCapability.actions['return.submit']! }),
  ).toThrow(/twice/);

  expect(kernel.timers.names).toEqual(['concern-time-limits', 'return-reminders']);
  await kernel.timers.tickAll();
  expect(ticks).toEqual(['returns']);

  const page = await kernel.workQueue.openFor([roleAudience('return-author', { partnerId: 'college' })]);
  expect(page.tasks.map((t) => [t.capability, t.itemRef, t.kind])).toEqual([
    ['returns', 'RET-2026-Q3-college', 'return-write'],
  ]);
});
