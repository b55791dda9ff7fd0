/**
 * The directory answers every request from one read of the People and Partners lists, read again once
 * DIRECTORY_TTL_MS old: a change made through it applies at once, a change made straight in the list (as an
 * administrator makes it in SharePoint) within the TTL, and a person not in the last read is looked up at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Partner, Person } from '@pph/contract';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { DIRECTORY_TTL_MS, Directory } from '@pph/functions/kernel/directory/directory';
import { KERNEL_LISTS, KernelLists } from '@pph/functions/kernel/lists';
import type { Store } from '@pph/functions/ports/store';

const COUNCIL: Partner = {
  id: 'council',
  name: 'Harbourside Council',
  sector: 'local-authority',
  owesQuarterlyReturns: true,
};
const LEAD: Person = {
  id: '00000000-0000-4000-8000-0000000000a1',
  displayName: 'Rowan Tregarthen',
  email: 'rowan.tregarthen@harbourside.example',
  partnerId: 'council',
  roles: ['safeguarding-lead', 'referrer'],
};
const principal = (userId: string) => ({ userId, via: 'dev-persona' as const });

let dir: string;
let store: Store;
let now: number;
let queries: string[];
let directory: Directory;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-dir-'));
  const real = await openSqliteStore({ file: path.join(dir, 'hub.sqlite') });
  await real.provision(KERNEL_LISTS);
  queries = [];
  // Counts the reads, so a test can tell a remembered answer from a fresh one.
  store = Object.assign(Object.create(real) as Store, {
    query: (list: string, q: Parameters<Store['query']>[1]) => {
      queries.push(list);
      return real.query(list, q);
    },
  });
  now = Date.parse('2026-11-23T10:00:00Z');
  directory = new Directory(store, () => now, silentLogger);
  await directory.upsertPartner(COUNCIL);
  await directory.upsertPerson(LEAD);
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowOf = async (id: string) =>
  (await store.query(KernelLists.people, { where: [{ column: 'PersonId', op: 'eq', value: id }], top: 1 }))
    .items[0]!;

it('resolves many requests from one read of the lists', async () => {
  await directory.resolve(principal(LEAD.id));
  queries = [];
  for (let i = 0; i < 20; i++) {
    expect((await directory.resolve(principal(LEAD.id))).roles).toContain('safeguarding-lead');
    await directory.me(await directory.resolve(principal(LEAD.id)));
    expect(await directory.isRegistered(LEAD.id)).toBe(true);
    await directory.actors();
  }
  expect(queries).toEqual([]);
  now += DIRECTORY_TTL_MS + 1;
  await directory.resolve(principal(LEAD.id));
  expect(queries).toEqual([KernelLists.partners, KernelLists.people]);
});

it('a role removed through the directory stops being authorised at once', async () => {
  expect((await directory.resolve(principal(LEAD.id))).roles).toEqual(['safeguarding-lead', 'referrer']);
  await directory.upsertPerson({ ...LEAD, roles: ['referrer'] });
  expect((await directory.resolve(principal(LEAD.id))).roles).toEqual(['referrer']);
  expect((await directory.actors()).find((a) => a.id === LEAD.id)?.roles).toEqual(['referrer']);
});

it('a role removed straight in the list stops being authorised within DIRECTORY_TTL_MS', async () => {
  await directory.resolve(principal(LEAD.id));
  const row = await rowOf(LEAD.id);
  await store.update(KernelLists.people, row.id, row.etag, { Roles: 'referrer' });
  now += DIRECTORY_TTL_MS;
  // Still the last read (at most DIRECTORY_TTL_MS old)...
  expect((await directory.resolve(principal(LEAD.id))).roles).toContain('safeguarding-lead');
  now += 1;
  // ...and no longer once it is older.
  expect((await directory.resolve(principal(LEAD.id))).roles).toEqual(['referrer']);
});

it('a person removed straight from the list is refused within DIRECTORY_TTL_MS, and from every answer', async () => {
  await directory.resolve(principal(LEAD.id));
  const row = await rowOf(LEAD.id);
  await store.delete(KernelLists.people, row.id, row.etag);
  now += DIRECTORY_TTL_MS + 1;
  await expect(directory.resolve(principal(LEAD.id))).rejects.toMatchObject({
    code: 'forbidden',
    message: expect.stringMatching(/not registered/),
  });
  expect(await directory.isRegistered(LEAD.id)).toBe(false);
  expect(await directory.actors()).toEqual([]);
  expect(await directory.people()).toEqual([]);
});

it('a clock set back counts as an old read', async () => {
  await directory.resolve(principal(LEAD.id));
  const row = await rowOf(LEAD.id);
  await store.update(KernelLists.people, row.id, row.etag, { Roles: 'referrer' });
  now -= 1;
  expect((await directory.resolve(principal(LEAD.id))).roles).toEqual(['referrer']);
});

it('someone added straight to the list since the last read is let in at once', async () => {
  await directory.resolve(principal(LEAD.id));
  const deputy = { ...LEAD, id: '00000000-0000-4000-8000-0000000000a2', email: 'deputy@harbourside.example' };
  await store.create(KernelLists.people, {
    PersonId: deputy.id,
    DisplayName: deputy.displayName,
    Email: deputy.email,
    PartnerId: deputy.partnerId,
    Roles: 'safeguarding-lead',
  });
  expect((await directory.resolve(principal(deputy.id))).id).toBe(deputy.id);
  // Someone nobody registered is refused, and asked about again each time (a refusal is never remembered).
  await expect(directory.resolve(principal('nobody'))).rejects.toMatchObject({ code: 'forbidden' });
});

it('an agency changed through the directory applies at once', async () => {
  expect((await directory.resolve(principal(LEAD.id))).partnerSector).toBe('local-authority');
  await directory.upsertPartner({ ...COUNCIL, sector: 'health' });
  expect((await directory.resolve(principal(LEAD.id))).partnerSector).toBe('health');
});

it('a read that began before a change is not kept', async () => {
  // The first read is slow; a role is removed while it is under way.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const real = store.query.bind(store);
  store.query = async (list, q) => {
    if (list === KernelLists.people && !q.where) await gate; // the whole list's read, not a look-up
    return real(list, q);
  };
  const first = directory.resolve(principal(LEAD.id));
  const changed = directory.upsertPerson({ ...LEAD, roles: ['referrer'] });
  release();
  await Promise.all([first, changed]);
  expect((await directory.resolve(principal(LEAD.id))).roles).toEqual(['referrer']);
});
