import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '@pph/functions/adapters/sqlite/sqlite-store';
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
});
