import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
import { PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { KernelLists } from '@pph/functions/kernel/lists';
import { ConcernLists } from '@pph/functions/concerns/lists';
import { isStoreError, type BatchOp } from '@pph/functions/ports/store';
import { startTestHub } from '../support/hub';
import { describeStoreContract, WIDGETS } from './store-contract';

const tempFile = () =>
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pph-store-')), 'nested', 'hub.sqlite');

describeStoreContract('embedded SQLite', async () => {
  const file = tempFile();
  const store = await openSqliteStore({ file });
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(path.dirname(path.dirname(file)), { recursive: true, force: true });
    },
  };
});

describe('SQLite adapter specifics', () => {
  describe('group commit: the writes of one turn of the event loop commit together', () => {
    let file: string;
    let store: Awaited<ReturnType<typeof openSqliteStore>>;
    let other: Database.Database;
    const seenByOther = () =>
      (other.prepare(`SELECT Code FROM "${WIDGETS.name}" ORDER BY id`).all() as { Code: string }[]).map(
        (r) => r.Code,
      );
    beforeEach(async () => {
      file = tempFile();
      store = await openSqliteStore({ file });
      await store.provision([WIDGETS]);
      await store.create(WIDGETS.name, { Code: 'TAKEN' });
      other = new Database(file, { readonly: true });
    });
    afterEach(async () => {
      other.close();
      await store.close();
      fs.rmSync(path.dirname(path.dirname(file)), { recursive: true, force: true });
    });

    it('resolves each write only once it is committed, all of one turn at once', async () => {
      const writes = [
        store.create(WIDGETS.name, { Code: 'A' }),
        store.create(WIDGETS.name, { Code: 'B' }),
        store.batch([{ op: 'create', list: WIDGETS.name, fields: { Code: 'C' } }]),
      ];
      // Made, and seen by this store's own reads, but not yet committed: another connection sees none of them.
      expect(seenByOther()).toEqual(['TAKEN']);
      await Promise.all(writes);
      expect(seenByOther()).toEqual(['TAKEN', 'A', 'B', 'C']);
    });

    it('a write refused in the turn rejects at once, alone; the others commit', async () => {
      const a = store.create(WIDGETS.name, { Code: 'A' });
      const taken = store.create(WIDGETS.name, { Code: 'taken' });
      const c = store.create(WIDGETS.name, { Code: 'C' });
      const refusal = await taken.catch((e: unknown) => e);
      expect(isStoreError(refusal, 'unique')).toBe(true);
      await Promise.all([a, c]);
      expect(seenByOther()).toEqual(['TAKEN', 'A', 'C']);
    });

    it('a read made while writes wait answers after their commit, with them', async () => {
      const write = store.create(WIDGETS.name, { Code: 'A' });
      const read = store.query(WIDGETS.name, { where: [{ column: 'Code', op: 'eq', value: 'A' }] });
      let answered = false;
      void read.then(() => (answered = true));
      for (let tick = 0; tick < 10; tick++) await Promise.resolve();
      expect(answered).toBe(false);
      expect((await read).items).toHaveLength(1);
      expect(seenByOther()).toContain('A');
      await write;
    });

    // The SQLite adapter always offers it (the port leaves it optional).
    const atomic = (ops: BatchOp[]) => store.batchAtomic!(ops);

    it('an all-or-nothing batch stands whole, or a refused op undoes it all; the other writes of the turn stand', async () => {
      const before = store.create(WIDGETS.name, { Code: 'A' });
      const refused = atomic([
        { op: 'create', list: WIDGETS.name, fields: { Code: 'B' } },
        { op: 'create', list: WIDGETS.name, fields: { Code: 'taken' } },
        { op: 'create', list: WIDGETS.name, fields: { Code: 'C' } },
      ]).catch((e: unknown) => e);
      const stood = atomic([
        { op: 'create', list: WIDGETS.name, fields: { Code: 'D' } },
        { op: 'create', list: WIDGETS.name, fields: { Code: 'E', Size: 2 } },
      ]);
      expect(isStoreError(await refused, 'unique')).toBe(true);
      const [d, e] = await stood;
      expect([d?.fields.Code, e?.fields.Size]).toEqual(['D', 2]);
      await before;
      expect(seenByOther()).toEqual(['TAKEN', 'A', 'D', 'E']);
      // Updates and deletes too, each against its ETag: a stale one refuses the whole.
      const stale = atomic([
        { op: 'update', list: WIDGETS.name, id: d!.id, etag: d!.etag, fields: { Size: 5 } },
        { op: 'delete', list: WIDGETS.name, id: e!.id, etag: '"1,9"' },
      ]).catch((err: unknown) => err);
      expect(isStoreError(await stale, 'conflict')).toBe(true);
      expect((await store.get(WIDGETS.name, d!.id))?.fields.Size).toBeNull();
      const done = await atomic([
        { op: 'update', list: WIDGETS.name, id: d!.id, etag: d!.etag, fields: { Size: 5 } },
        { op: 'delete', list: WIDGETS.name, id: e!.id, etag: e!.etag },
      ]);
      expect([done[0]?.fields.Size, done[1]]).toEqual([5, undefined]);
      expect(seenByOther()).toEqual(['TAKEN', 'A', 'D']);
    });

    it('a store closed with writes waiting commits them first', async () => {
      const write = store.create(WIDGETS.name, { Code: 'LAST' });
      await store.close();
      await write;
      expect(seenByOther()).toContain('LAST');
    });
  });

  it('keeps items in a WAL-mode file across a reopen', async () => {
    const file = tempFile();
    const first = await openSqliteStore({ file });
    await first.provision([WIDGETS]);
    const item = await first.create(WIDGETS.name, { Code: 'PERSIST', Active: true });
    await first.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const second = await openSqliteStore({ file });
    expect((await second.get(WIDGETS.name, item.id))?.fields.Code).toBe('PERSIST');
    await second.close();
  });

  it('adds a column when a list version goes up, keeping the rows', async () => {
    const file = tempFile();
    const store = await openSqliteStore({ file });
    await store.provision([WIDGETS]);
    await store.create(WIDGETS.name, { Code: 'OLD' });
    const v2 = {
      ...WIDGETS,
      version: 2,
      columns: [...WIDGETS.columns, { name: 'Weight', type: 'number' as const, indexed: true }],
    };
    await store.provision([v2]);
    const old = (await store.query(WIDGETS.name, { where: [{ column: 'Code', op: 'eq', value: 'OLD' }] }))
      .items[0]!;
    expect(old.fields.Weight).toBeNull();
    await store.update(WIDGETS.name, old.id, old.etag, { Weight: 3 });
    expect(
      (await store.query(WIDGETS.name, { where: [{ column: 'Weight', op: 'eq', value: 3 }] })).items,
    ).toHaveLength(1);
    await store.close();
  });

  it('drops the index of a column a new list version no longer indexes, keeping its values', async () => {
    const file = tempFile();
    const store = await openSqliteStore({ file });
    await store.provision([WIDGETS]);
    await store.create(WIDGETS.name, { Code: 'KEPT', Colour: 'red' });
    const v2 = {
      ...WIDGETS,
      version: 2,
      columns: WIDGETS.columns.map((c) => (c.name === 'Colour' ? { ...c, indexed: false } : c)),
    };
    await store.provision([v2]);
    const refused = await store
      .query(WIDGETS.name, { where: [{ column: 'Colour', op: 'eq', value: 'red' }] })
      .catch((e: unknown) => e);
    expect(isStoreError(refused, 'unindexed')).toBe(true);
    const kept = (await store.query(WIDGETS.name, { where: [{ column: 'Code', op: 'eq', value: 'KEPT' }] }))
      .items[0]!;
    expect(kept.fields.Colour).toBe('red');
    await store.close();
    const raw = new Database(file, { readonly: true });
    const indexes = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
      .pluck()
      .all(WIDGETS.name);
    raw.close();
    expect(indexes).not.toContain('ix_ContractWidgets_Colour');
    expect(indexes).toContain('ix_ContractWidgets_Size');
  });
});

/**
 * Files written by the adapter before text became case-insensitive (storage format 0, commit 35206d9); see
 * fixtures/README.md for how they were made. Existing data/hub.sqlite files must keep working.
 */
describe('SQLite files from earlier versions', () => {
  const copyOf = (fixture: string) => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(path.join(__dirname, 'fixtures', fixture), file);
    return file;
  };
  const rawCounts = (file: string) => {
    const db = new Database(file, { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const counts = Object.fromEntries(
      tables.map((t) => [
        t.name,
        (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n,
      ]),
    );
    db.close();
    return counts;
  };

  it('upgrades a seeded hub file to case-insensitive text, keeping every row', async () => {
    const file = copyOf('hub-format0-seeded.sqlite');
    const before = rawCounts(file);
    const store = await openSqliteStore({ file });
    expect(rawCounts(file)).toEqual(before);
    const upper = PERSONA_IDS.referrer.toUpperCase();
    const person = await store.query(KernelLists.people, {
      where: [{ column: 'PersonId', op: 'eq', value: upper }],
    });
    expect(person.items.map((i) => i.fields.PersonId)).toEqual([PERSONA_IDS.referrer]);
    const ref = await store.query(ConcernLists.concerns, {
      where: [{ column: 'Reference', op: 'eq', value: 'prv-2026-0001' }],
    });
    expect(ref.items.map((i) => i.fields.Reference)).toEqual(['PRV-2026-0001']);
    let err: unknown;
    try {
      await store.create(KernelLists.counters, {
        CounterKey: String(
          (await store.query(KernelLists.counters, { top: 1 })).items[0]!.fields.CounterKey,
        ).toUpperCase(),
        Value: 1,
      });
    } catch (e) {
      err = e;
    }
    expect(isStoreError(err, 'unique') && err.detail?.column).toBe('CounterKey');
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    const indexes = raw
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all() as { name: string; sql: string }[];
    raw.close();
    expect(indexes.find((i) => i.name === 'ux_People_PersonId')?.sql).toContain('COLLATE NOCASE');
    expect(indexes.find((i) => i.name === 'ix_Concerns_Status')?.sql).toContain('COLLATE NOCASE');
    expect(indexes.find((i) => i.name === 'ix_Concerns_SubmittedAt')?.sql).not.toContain('NOCASE');
    // Opening again changes nothing.
    await (await openSqliteStore({ file })).close();
    expect(rawCounts(file)).toEqual(before);
  });

  it('runs the hub on an upgraded file: concerns readable, audit trail intact', async () => {
    const file = copyOf('hub-format0-seeded.sqlite');
    const legacyStore = await openSqliteStore({ file });
    const last = await legacyStore.query(KernelLists.audit, {
      orderBy: { column: 'Seq', descending: true },
      top: 1,
    });
    const legacyLastSeq = Number(last.items[0]?.fields.Seq);
    await legacyStore.close();
    const hub = await startTestHub({ dataDir: path.dirname(file) });
    try {
      expect(hub.seeded).toBe(false);
      const admin = hub.as(PERSONA_IDS.administrator);
      // A trail from before checkpoints verifies; its first append since (whatever the hub did at start, e.g. a
      // capability's first cycle opening, or this read) starts the checkpoint.
      const legacy = (await admin.get('/api/audit/verify')).body;
      expect(legacy).toMatchObject({ ok: true });
      const lead = hub.as(PERSONA_IDS.safeguardingLead);
      expect((await lead.get('/api/concerns/PRV-2026-0001')).status).toBe(200);
      expect((await lead.get('/api/me/queue')).status).toBe(200);
      const verify = (await admin.get('/api/audit/verify')).body;
      expect(verify).toMatchObject({ ok: true, entriesChecked: legacy.entriesChecked + 1 });
      const head = await hub.hub.ports.store.query(KernelLists.auditHead, { top: 1 });
      expect(head.items[0]?.fields).toMatchObject({
        Seq: verify.entriesChecked,
        Since: legacyLastSeq + 1,
      });
    } finally {
      await hub.close();
    }
  });

  it('refuses to upgrade a file whose unique text column holds values differing only in case, changing nothing', async () => {
    const file = copyOf('widgets-format0-case-duplicates.sqlite');
    let err: unknown;
    try {
      await openSqliteStore({ file });
    } catch (e) {
      err = e;
    }
    expect(isStoreError(err, 'unique') && err.detail?.column).toBe('Code');
    expect((err as Error).message).toMatch(/differ only in case.*Nothing was changed/);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare('SELECT Code FROM ContractWidgets ORDER BY id').all()).toEqual([
      { Code: 'dup' },
      { Code: 'DUP' },
    ]);
    expect(
      raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'ux_ContractWidgets_Code'").get(),
    ).toBeDefined();
    raw.close();
  });

  it('answers a case-insensitive text filter from its index, not a scan', async () => {
    const file = tempFile();
    const store = await openSqliteStore({ file });
    await store.provision([WIDGETS]);
    await store.close();
    const raw = new Database(file, { readonly: true });
    const plan = (sql: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(
      plan(
        `SELECT * FROM ContractWidgets WHERE "Colour" COLLATE NOCASE = 'red' ORDER BY "Colour" COLLATE NOCASE, id`,
      ),
    ).toMatch(/USING INDEX ix_ContractWidgets_Colour/);
    expect(plan(`SELECT * FROM ContractWidgets WHERE "Code" COLLATE NOCASE = 'a'`)).toMatch(
      /USING INDEX ux_ContractWidgets_Code/,
    );
    raw.close();
  });
});
