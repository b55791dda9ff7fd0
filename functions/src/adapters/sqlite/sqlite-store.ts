/**
 * The embedded store on SQLite (better-sqlite3, WAL), honouring the SharePoint-list semantics of the Store port:
 * typed columns, a version per row behind an opaque ETag, writes atomic per item, batches whose ops stand or fail
 * one by one (committed together, but never a transaction to rely on), queries only on indexed columns with
 * keyset paging.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ColumnDefinition, ListDefinition } from '../../ports/lists';
import {
  MAX_PAGE_SIZE,
  NOTE_MAX_CHARS,
  StoreError,
  TEXT_MAX_CHARS,
  toStoredDateTime,
  type BatchOp,
  type BatchResult,
  type ColumnValue,
  type Fields,
  type Filter,
  type Item,
  type Page,
  type Query,
  type Store,
} from '../../ports/store';

type Row = Record<string, string | number | null>;
/** A row as SQLite gives it in raw mode: its values in column order. */
type RawRow = (string | number | null)[];

interface ItemReader {
  stmt: Database.Statement;
  /** Where a column sits in the statement's rows (-1: not among them). */
  place: (name: string) => number;
  toItem: (row: RawRow) => Item;
}
interface CommitGroup {
  waiting: { resolve: () => void; reject: (e: unknown) => void }[];
}
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
/**
 * The adapter's own storage format, in `PRAGMA user_version` (list definitions are versioned separately, per list):
 * 1 = text columns compare case-insensitively (indexes and comparisons COLLATE NOCASE), as SharePoint does.
 */
const FORMAT_VERSION = 1;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export async function openSqliteStore(opts: { file: string }): Promise<Store> {
  fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  const db = new Database(opts.file);
  try {
    return new SqliteStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly lists = new Map<string, Map<string, ColumnDefinition>>();

  constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // A checkpoint (copying the WAL into the file, with an fsync) every 40 MB written rather than every 4 MB:
    // under load most of a commit's cost was its share of checkpoints. The WAL is cut back to 64 MB after one.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    db.exec(
      'CREATE TABLE IF NOT EXISTS _lists (name TEXT PRIMARY KEY, version INTEGER NOT NULL, definition TEXT NOT NULL)',
    );
    for (const row of db.prepare('SELECT definition FROM _lists').all() as { definition: string }[]) {
      this.remember(JSON.parse(row.definition) as ListDefinition);
    }
    this.upgradeFormat();
  }

  /**
   * Brings a file written by an earlier version of this adapter up to FORMAT_VERSION, in one transaction: either
   * the whole file is upgraded or nothing changes. Rows are never rewritten.
   */
  private upgradeFormat() {
    const version = () => this.db.pragma('user_version', { simple: true }) as number;
    if (version() >= FORMAT_VERSION) return;
    this.db
      .transaction(() => {
        const from = version(); // again, under the write lock: another process may have upgraded meanwhile
        if (from >= FORMAT_VERSION) return;
        if (from < 1) {
          // Text indexes were binary (case-sensitive): rebuild them COLLATE NOCASE. A unique column holding values
          // that differ only in case cannot be carried over; SharePoint would not hold them either.
          for (const [list, cols] of this.lists)
            for (const c of cols.values()) {
              if (c.type !== 'text' || !(c.unique || c.indexed)) continue;
              const name = indexName(list, c);
              this.db.exec(`DROP INDEX IF EXISTS ${q(name)}`);
              try {
                this.db.exec(indexSql(list, c));
              } catch (e) {
                if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
                throw new StoreError(
                  'unique',
                  `Cannot upgrade the store: column "${c.name}" of "${list}" holds values that differ only in case, ` +
                    'which a case-insensitive unique column (as on SharePoint) cannot hold. Nothing was changed; ' +
                    'make those values distinct and open the store again.',
                  { column: c.name },
                );
              }
            }
        }
        this.db.pragma(`user_version = ${FORMAT_VERSION}`);
      })
      .immediate();
  }

  /** Prepared statements by SQL text: compiling one costs more than running it (SQLite recompiles on schema change). */
  private readonly statements = new Map<string, Database.Statement>();

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size >= 1000) this.statements.clear();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * Statements that return whole items (SELECT *), kept with where each column sits in their rows.
   * Rows come back as arrays: building an object of some thirty properties per row cost more than the rest of
   * a point read. Forgotten when a list's columns change, since `*` then means more of them.
   */
  private readonly readers = new Map<string, ItemReader>();

  private reader(list: string, sql: string): ItemReader {
    let r = this.readers.get(sql);
    if (!r) {
      const columns = this.columns(list);
      if (this.readers.size >= 1000) this.readers.clear();
      const stmt = this.db.prepare(sql).raw(true);
      const place = new Map(stmt.columns().map((c, i) => [c.name, i]));
      const at = (name: string) => place.get(name) ?? -1;
      const [id, version, created, modified] = ['id', '_version', '_created', '_modified'].map(at) as [
        number,
        number,
        number,
        number,
      ];
      const cols = [...columns.values()].map((c) => [c, at(c.name)] as const);
      r = {
        stmt,
        place: at,
        toItem: (row) => {
          const fields: Fields = {};
          for (const [col, i] of cols) fields[col.name] = decode(col, i < 0 ? null : (row[i] ?? null));
          return {
            id: Number(row[id]),
            etag: `"${row[id]},${row[version]}"`,
            created: String(row[created]),
            modified: String(row[modified]),
            fields,
          };
        },
      };
      this.readers.set(sql, r);
    }
    return r;
  }

  private remember(def: ListDefinition) {
    this.lists.set(def.name, new Map(def.columns.map((c) => [c.name, c])));
  }

  async provision(lists: readonly ListDefinition[]): Promise<void> {
    if (this.group) this.commit(this.group);
    const migrate = this.db.transaction((def: ListDefinition) => {
      const known = this.db.prepare('SELECT version, definition FROM _lists WHERE name = ?').get(def.name) as
        { version: number; definition: string } | undefined;
      if (known && known.version >= def.version) return;
      const t = q(def.name);
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${t} (id INTEGER PRIMARY KEY AUTOINCREMENT, _version INTEGER NOT NULL, _created TEXT NOT NULL, _modified TEXT NOT NULL)`,
      );
      const existing = new Set(
        (this.db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name),
      );
      for (const c of def.columns) {
        if (!existing.has(c.name)) this.db.exec(`ALTER TABLE ${t} ADD COLUMN ${q(c.name)} ${sqlType(c)}`);
        if (c.unique || c.indexed) this.db.exec(indexSql(def.name, c));
        // An index no query needs any more only costs every write (a column may stop being indexed).
        else this.db.exec(`DROP INDEX IF EXISTS ${q(indexName(def.name, c))}`);
      }
      this.db
        .prepare(
          'INSERT INTO _lists (name, version, definition) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, definition = excluded.definition',
        )
        .run(def.name, def.version, JSON.stringify(def));
    });
    for (const def of lists) {
      migrate(def);
      this.remember(def);
    }
    this.readers.clear();
  }

  private columns(list: string): Map<string, ColumnDefinition> {
    const cols = this.lists.get(list);
    if (!cols) throw new StoreError('invalid', `Unknown list "${list}".`);
    return cols;
  }

  private toSql(list: string, fields: Fields, creating: boolean): Row {
    const cols = this.columns(list);
    const out: Row = {};
    for (const [name, value] of Object.entries(fields)) {
      const col = cols.get(name);
      if (!col) throw new StoreError('invalid', `List "${list}" has no column "${name}".`);
      out[name] = encode(col, value, list);
    }
    if (creating) {
      for (const col of cols.values()) {
        if (col.required && (out[col.name] === undefined || out[col.name] === null))
          throw new StoreError('invalid', `Column "${col.name}" of "${list}" is required.`);
      }
    } else {
      for (const [name, v] of Object.entries(out))
        if (v === null && cols.get(name)?.required)
          throw new StoreError('invalid', `Column "${name}" of "${list}" is required.`);
    }
    return out;
  }

  private run<T>(list: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const err = e as { code?: string; message?: string };
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const m = /UNIQUE constraint failed: [^.]+\.(\S+)/.exec(err.message ?? '');
        const column = m?.[1]?.replace(/,$/, '') ?? 'unknown';
        throw new StoreError('unique', `A "${list}" item with this ${column} already exists.`, { column });
      }
      throw e;
    }
  }

  async create(list: string, fields: Fields): Promise<Item> {
    return this.committed(() => this.createNow(list, fields));
  }

  private createNow(list: string, fields: Fields): Item {
    const row = this.toSql(list, fields, true);
    const now = toStoredDateTime(new Date().toISOString());
    const names = Object.keys(row);
    return this.run(list, () => {
      // The item as stored is read back by id rather than with RETURNING, which makes SQLite run the statement
      // into a temporary table first: an insert and a point read cost about two thirds as much (measured on the
      // outbox's columns and indexes: 12.8 against 20 µs).
      const { lastInsertRowid } = this.prepare(
        `INSERT INTO ${q(list)} (_version, _created, _modified${names.map((n) => `, ${q(n)}`).join('')}) VALUES (1, ?, ?${names.map(() => ', ?').join('')})`,
      ).run(now, now, ...names.map((n) => row[n]));
      return this.itemById(list, Number(lastInsertRowid))!;
    });
  }

  async get(list: string, id: number): Promise<Item | undefined> {
    return this.afterCommit(this.itemById(list, id));
  }

  private itemById(list: string, id: number): Item | undefined {
    const r = this.reader(list, `SELECT * FROM ${q(list)} WHERE id = ?`);
    const row = r.stmt.get(id) as RawRow | undefined;
    return row ? r.toItem(row) : undefined;
  }

  private versionOf(list: string, id: number, etag: string): number {
    const m = /^"?(\d+),(\d+)"?$/.exec(etag);
    if (!m || Number(m[1]) !== id)
      throw new StoreError('conflict', `The ETag does not belong to item ${id} of "${list}".`);
    return Number(m[2]);
  }

  private missingOrStale(list: string, id: number): never {
    const exists = this.prepare(`SELECT 1 FROM ${q(list)} WHERE id = ?`).get(id);
    if (!exists) throw new StoreError('not-found', `Item ${id} of "${list}" does not exist.`);
    throw new StoreError('conflict', `Item ${id} of "${list}" has changed since it was read.`);
  }

  async update(list: string, id: number, etag: string, fields: Fields): Promise<Item> {
    return this.committed(() => this.updateNow(list, id, etag, fields));
  }

  private updateNow(list: string, id: number, etag: string, fields: Fields): Item {
    const row = this.toSql(list, fields, false);
    const version = this.versionOf(list, id, etag);
    const names = Object.keys(row);
    return this.run(list, () => {
      // Read back by id, as a create is (an update and a point read: 15.5 against 25.7 µs with RETURNING).
      const { changes } = this.prepare(
        `UPDATE ${q(list)} SET _version = _version + 1, _modified = ?${names.map((n) => `, ${q(n)} = ?`).join('')} WHERE id = ? AND _version = ?`,
      ).run(toStoredDateTime(new Date().toISOString()), ...names.map((n) => row[n]), id, version);
      if (changes === 0) this.missingOrStale(list, id);
      return this.itemById(list, id)!;
    });
  }

  async delete(list: string, id: number, etag: string): Promise<void> {
    return this.committed(() => this.deleteNow(list, id, etag));
  }

  private deleteNow(list: string, id: number, etag: string): void {
    this.columns(list);
    const version = this.versionOf(list, id, etag);
    const info = this.prepare(`DELETE FROM ${q(list)} WHERE id = ? AND _version = ?`).run(id, version);
    if (info.changes === 0) this.missingOrStale(list, id);
  }

  async query(list: string, query: Query): Promise<Page> {
    const cols = this.columns(list);
    const top = query.top ?? 100;
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE)
      throw new StoreError('invalid', `Page size must be 1 to ${MAX_PAGE_SIZE}.`);
    const usable = (name: string) => {
      if (name === 'id') return;
      const col = cols.get(name);
      if (!col) throw new StoreError('invalid', `List "${list}" has no column "${name}".`);
      if (!col.indexed && !col.unique)
        throw new StoreError(
          'unindexed',
          `Column "${name}" of "${list}" is not indexed, so it cannot be filtered or ordered on.`,
        );
    };
    const where: string[] = [];
    const args: (string | number | null)[] = [];
    for (const f of query.where ?? []) {
      usable(f.column);
      const [sql, values] = filterSql(f, f.column === 'id' ? undefined : cols.get(f.column)!, list);
      where.push(sql);
      args.push(...values);
    }
    const orderCol = query.orderBy?.column ?? 'id';
    usable(orderCol);
    const only = query.where?.length === 1 && !query.pageToken ? query.where[0]! : undefined;
    if (only?.op === 'eq' && only.value !== null && cols.get(only.column)?.unique) {
      // At most one item. Its id found on the index alone, then its row read by id, costs SQLite about half
      // what reading the whole row through the index does (measured on a concern: 44 against 23 µs).
      const id = this.prepare(`SELECT id FROM ${q(list)} WHERE ${where[0]}`)
        .pluck(true)
        .get(...args) as number | undefined;
      const item = id === undefined ? undefined : this.itemById(list, id);
      return this.afterCommit({ items: item ? [item] : [] });
    }
    // The ordered column as compared: text case-insensitively, as its index and SharePoint order it.
    const oc = orderCol === 'id' ? 'id' : compared(cols.get(orderCol)!);
    const desc = query.orderBy?.descending === true;
    if (query.pageToken) {
      const [v, id] = decodeToken(query.pageToken);
      const cmp = desc ? '<' : '>';
      if (orderCol === 'id') {
        where.push(`id ${cmp} ?`);
        args.push(id);
      } else if (v === null) {
        // NULLs sort first ascending: after a null come larger nulls by id, then all non-nulls.
        where.push(
          desc
            ? `(${q(orderCol)} IS NULL AND id < ?)`
            : `((${q(orderCol)} IS NULL AND id > ?) OR ${q(orderCol)} IS NOT NULL)`,
        );
        args.push(id);
      } else {
        where.push(
          desc
            ? `(${oc} < ? OR (${oc} = ? AND id < ?) OR ${q(orderCol)} IS NULL)`
            : `(${oc} > ? OR (${oc} = ? AND id > ?))`,
        );
        args.push(v, v, id);
      }
    }
    const dir = desc ? 'DESC' : 'ASC';
    const order = orderCol === 'id' ? `id ${dir}` : `${oc} ${dir}, id ${dir}`;
    const sql = `SELECT * FROM ${q(list)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    const r = this.reader(list, sql);
    const rows = r.stmt.all(...args, top + 1) as RawRow[];
    const items = rows.slice(0, top).map(r.toItem);
    const last = rows.length > top ? rows[top - 1] : undefined;
    return this.afterCommit({
      items,
      ...(last
        ? {
            nextPageToken: encodeToken(
              orderCol === 'id' ? null : (last[r.place(orderCol)] ?? null),
              Number(last[r.place('id')]),
            ),
          }
        : {}),
    });
  }

  /**
   * One commit for the whole batch, each op in a savepoint of its own: an op that fails is undone alone and the
   * others stand, as if each had run on its own (which is all the port promises).
   */
  async batch(ops: BatchOp[]): Promise<BatchResult[]> {
    const one = this.db.transaction((op: BatchOp): BatchResult => {
      const item = this.opNow(op);
      return item ? { ok: true, item } : { ok: true };
    });
    return this.committed(() =>
      ops.map((op): BatchResult => {
        try {
          return one(op);
        } catch (e) {
          if (!(e instanceof StoreError)) throw e;
          return { ok: false, error: e };
        }
      }),
    );
  }

  /** All the ops in one savepoint, inside the turn's commit: the first refused undoes the others and rejects. */
  async batchAtomic(ops: BatchOp[]): Promise<(Item | undefined)[]> {
    const all = this.db.transaction((): (Item | undefined)[] => ops.map((op) => this.opNow(op)));
    return this.committed(() => all());
  }

  private opNow(op: BatchOp): Item | undefined {
    if (op.op === 'create') return this.createNow(op.list, op.fields);
    if (op.op === 'update') return this.updateNow(op.list, op.id, op.etag, op.fields);
    this.deleteNow(op.list, op.id, op.etag);
    return undefined;
  }

  /**
   * Group commit: writes made in one turn of the event loop (by any number of requests and relays) run at once,
   * inside one transaction committed when the turn ends, and each resolves only after that commit, so nobody
   * acts on a write that is not yet stored. A write the store refuses (a stale ETag, a unique value) is undone
   * alone, as SQLite undoes a failed statement, and rejects at once; the others stand. If SQLite gives up the
   * whole transaction (a full disk), every write in it is rejected.
   */
  private committed<T>(write: () => T): Promise<T> {
    if (!this.group) {
      this.db.exec('BEGIN');
      const group: CommitGroup = { waiting: [] };
      this.group = group;
      setImmediate(() => this.commit(group));
    }
    const group = this.group;
    let value: T;
    try {
      value = write();
    } catch (e) {
      if (!this.db.inTransaction) this.fail(group, e);
      return Promise.reject(e);
    }
    return this.afterCommit(value);
  }

  private group: CommitGroup | undefined;

  private commit(group: CommitGroup): void {
    if (this.group !== group) return;
    this.group = undefined;
    try {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    } catch (e) {
      return this.fail(group, e);
    }
    for (const w of group.waiting) w.resolve();
  }

  private fail(group: CommitGroup, error: unknown): void {
    if (this.group === group) this.group = undefined;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    for (const w of group.waiting) w.reject(error);
  }

  /**
   * A write, or a read made while writes wait for their commit, answers after that commit: nobody acts on, or
   * is shown, what may not stand.
   */
  private afterCommit<T>(value: T): Promise<T> {
    const group = this.group;
    if (!group) return Promise.resolve(value);
    return new Promise<T>((resolve, reject) => group.waiting.push({ resolve: () => resolve(value), reject }));
  }

  async close(): Promise<void> {
    if (this.group) this.commit(this.group);
    if (this.db.open) this.db.close();
  }
}

function sqlType(c: ColumnDefinition): string {
  return c.type === 'number' ? 'REAL' : c.type === 'boolean' ? 'INTEGER' : 'TEXT';
}

/** A column as compared and ordered: text case-insensitively (SharePoint's collation), everything else as stored. */
function compared(c: ColumnDefinition): string {
  return c.type === 'text' ? `${q(c.name)} COLLATE NOCASE` : q(c.name);
}

function indexName(list: string, c: ColumnDefinition): string {
  return c.unique ? `ux_${list}_${c.name}` : `ix_${list}_${c.name}`;
}

/** Unique columns get a unique index on the column alone; other indexed columns (column, id) for keyset paging. */
function indexSql(list: string, c: ColumnDefinition): string {
  const on = `${q(list)} (${compared(c)}${c.unique ? '' : ', id'})`;
  return `CREATE ${c.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${q(indexName(list, c))} ON ${on}`;
}

/** `filter`: a value to compare with, not to store (a dateTime keeps its fraction of a second). */
function encode(
  col: ColumnDefinition,
  value: ColumnValue,
  list: string,
  filter = false,
): string | number | null {
  if (value === null || value === undefined) return null;
  const bad = () =>
    new StoreError('invalid', `Column "${col.name}" of "${list}" takes ${col.type}, not ${typeof value}.`);
  switch (col.type) {
    case 'text':
    case 'note':
      if (typeof value !== 'string') throw bad();
      if (col.type === 'text' && value.length > TEXT_MAX_CHARS)
        throw new StoreError(
          'invalid',
          `Column "${col.name}" of "${list}" holds at most ${TEXT_MAX_CHARS} characters.`,
        );
      if (col.type === 'note' && value.length > NOTE_MAX_CHARS)
        throw new StoreError(
          'invalid',
          `Column "${col.name}" of "${list}" holds at most ${NOTE_MAX_CHARS} characters (multiple lines of text); this value has ${value.length}.`,
        );
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad();
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad();
      return value ? 1 : 0;
    case 'dateTime':
      if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value)))
        throw new StoreError('invalid', `Column "${col.name}" of "${list}" takes an ISO 8601 date and time.`);
      return filter ? new Date(value).toISOString() : toStoredDateTime(value);
  }
}

function decode(col: ColumnDefinition, value: string | number | null): ColumnValue {
  if (value === null) return null;
  if (col.type === 'boolean') return value === 1;
  if (col.type === 'number') return Number(value);
  return String(value);
}

function filterSql(
  f: Filter,
  col: ColumnDefinition | undefined,
  list: string,
): [string, (string | number | null)[]] {
  const name = col ? compared(col) : q(f.column);
  const enc = (v: ColumnValue) => (col ? encode(col, v, list, true) : typeof v === 'number' ? v : Number(v));
  if (f.op === 'in') {
    if (!Array.isArray(f.value) || f.value.length === 0 || f.value.length > 100)
      throw new StoreError('invalid', '"in" takes a list of 1 to 100 values.');
    return [`${name} IN (${f.value.map(() => '?').join(', ')})`, f.value.map(enc)];
  }
  if (Array.isArray(f.value)) throw new StoreError('invalid', `"${f.op}" takes a single value.`);
  if (f.value === null) {
    if (f.op === 'eq') return [`${name} IS NULL`, []];
    if (f.op === 'ne') return [`${name} IS NOT NULL`, []];
    throw new StoreError('invalid', `"${f.op}" cannot compare with null.`);
  }
  const ops = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;
  if (f.op === 'ne') return [`(${name} != ? OR ${name} IS NULL)`, [enc(f.value)]];
  return [`${name} ${ops[f.op]} ?`, [enc(f.value)]];
}

function encodeToken(value: string | number | null, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeToken(token: string): [string | number | null, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      (Array.isArray(parsed) &&
        parsed.length === 2 &&
        Number.isInteger(parsed[1]) &&
        ['string', 'number'].includes(typeof parsed[0])) ||
      (Array.isArray(parsed) && parsed[0] === null && Number.isInteger(parsed[1]))
    ) {
      return parsed as [string | number | null, number];
    }
  } catch {
    /* fall through */
  }
  throw new StoreError('invalid', 'That page token is not one this store issued.');
}
