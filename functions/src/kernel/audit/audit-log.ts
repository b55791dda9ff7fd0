/**
 * Appends to and verifies the hash-chained audit trail kept in the AuditLog list, with its checkpoint (the head)
 * in the AuditHead list.
 */
import { KernelLists } from '../lists';
import { isStoreError, toStoredDateTime, type Fields, type Item, type Store } from '../../ports/store';
import {
  checkLink,
  digestKeyOf,
  digestOf,
  entryHash,
  GENESIS_HASH,
  headMac,
  isCheckpointedEntry,
  keyedDigest,
  type AuditEntry,
  type AuditHead,
} from './chain';
import type { Logger } from '../../ports/logger';
import { allItems, firstWhere, str } from '../store/paging';

const HEAD_KEY = 'audit';

export interface AuditVerification {
  ok: boolean;
  entriesChecked: number;
  firstBroken?: { seq: number; reason: string };
}

export interface AuditRecord {
  eventKey: string;
  at: string;
  actorId: string;
  action: string;
  target: string;
  /** The content's fingerprint from `digestOf(content)`; append keys it before it is stored. */
  digest: string;
}

const toEntry = (item: Item): AuditEntry => ({
  seq: Number(item.fields.Seq),
  eventKey: str(item, 'EventKey'),
  at: str(item, 'At'),
  actorId: str(item, 'ActorId'),
  action: str(item, 'Action'),
  target: str(item, 'Target'),
  digest: str(item, 'Digest'),
  prevHash: str(item, 'PrevHash'),
  hash: str(item, 'Hash'),
});

/** At most this many entries in one write (a burst beyond it takes further turns). */
const MAX_GROUP = 50;

interface Queued {
  record: AuditRecord;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** The newest entry as this process last wrote or read it. */
interface Tail {
  seq: number;
  hash: string;
}

export class AuditLog {
  private readonly digestKey: Buffer;

  constructor(
    private readonly store: Store,
    private readonly key: string,
    private readonly logger?: Logger,
  ) {
    this.digestKey = digestKeyOf(key);
  }

  /** The Digest an entry holds for this content: to match content to the trail (needs the audit key). */
  digestFor(content: unknown): string {
    return keyedDigest(this.digestKey, digestOf(content));
  }

  /**
   * Appends once per event key and resolves once the entry is stored; the checkpoint then moves to it, mostly
   * after the answer (see `checkpoint`). Concurrent appenders race on the unique Seq column and the loser retries on
   * the new tail; a retried event finds its key taken, appends nothing and only makes sure the checkpoint
   * reaches its entry (a crash may have come in between). Appends made in this process go one after another:
   * racing each other on Seq, ten at once made each try five times over. Those that queue up while one is
   * written go next as one group (see `appendGroup`).
   */
  append(record: AuditRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ record, resolve, reject });
      // The first to queue takes the next turn on the lane for all who queue behind it before that turn.
      if (this.queued.length === 1) this.takeNextTurn();
    });
  }

  /** Puts the next group of queued appends (at most MAX_GROUP) on the lane, after whatever is on it. */
  private takeNextTurn(): void {
    this.lane = this.lane
      .then(() => this.appendGroup(this.queued.splice(0, MAX_GROUP)))
      .catch(() => undefined);
  }

  private lane: Promise<unknown> = Promise.resolve();
  private readonly queued: Queued[] = [];

  /**
   * Appends a group as one chained write where the store can make it all-or-nothing (`batchAtomic`): under
   * load one commit carries many entries, where one entry per commit made the trail the pace of every relay.
   * Anything refused (an event already appended, another instance's entry in the way) writes none of the
   * group, which then goes one by one through `appendOnce`, so the chain never skips an entry.
   */
  private async appendGroup(group: Queued[]): Promise<void> {
    // Queued behind this turn already: the next turn takes them (and so never more than MAX_GROUP at once).
    if (this.queued.length > 0) this.takeNextTurn();
    if (group.length > 1 && this.store.batchAtomic) {
      const created = await this.writeChained(group.map((g) => g.record)).catch(() => undefined);
      if (created) {
        try {
          const stored = created.map((item) => toEntry(item!));
          for (const e of stored) this.checkStored(e);
          const last = stored[stored.length - 1]!;
          this.tail = { seq: last.seq, hash: last.hash };
          await this.checkpoint(last, stored[0]!.seq);
          for (const g of group) g.resolve();
        } catch (e) {
          for (const g of group) g.reject(e);
        }
        return;
      }
      // Nothing of the group was written (or, after a failed commit, whether it was is unknown): one by one,
      // where an entry that did land is found by its key.
    }
    for (const g of group) {
      try {
        await this.appendOnce(g.record);
        g.resolve();
      } catch (e) {
        g.reject(e);
      }
    }
  }

  /** The records chained after the tail in one all-or-nothing write: the items as stored. */
  private async writeChained(records: AuditRecord[]): Promise<(Item | undefined)[]> {
    let tail = this.tail ?? (await this.readTail());
    this.tail = undefined;
    const ops = records.map((record) => {
      const fields = this.linkAfter(tail, record);
      tail = { seq: fields.Seq, hash: fields.Hash };
      return { op: 'create' as const, list: KernelLists.audit, fields };
    });
    return this.store.batchAtomic!(ops);
  }

  /** Fail loudly now rather than at the next verify if the store changed a value as it wrote it. */
  private checkStored(stored: AuditEntry): void {
    if (entryHash(this.key, stored, stored.prevHash) !== stored.hash)
      throw new Error(
        `The store altered audit entry ${stored.seq} as it wrote it; the chain would not verify.`,
      );
  }

  /**
   * The tail this process last wrote, so the next append is one write rather than a read and a write. It is a
   * guess, never trusted: another instance's newer entry makes the write fail on the unique Seq, and the tail
   * is then read again; entries removed from the end leave the next one chained to what was removed, a gap
   * that verify names. Forgotten after any failure, when whether the write stood is unknown.
   */
  private tail: Tail | undefined;

  private async readTail(): Promise<Tail | undefined> {
    const item = (
      await this.store.query(KernelLists.audit, { orderBy: { column: 'Seq', descending: true }, top: 1 })
    ).items[0];
    return item && { seq: Number(item.fields.Seq), hash: str(item, 'Hash') };
  }

  /** The entry's columns as the next link after `tail`. */
  private linkAfter(tail: Tail | undefined, record: AuditRecord): Fields & { Seq: number; Hash: string } {
    // The HMAC covers what the store gives back: `At` is a dateTime column, kept to the whole second.
    const at = toStoredDateTime(record.at);
    // Keyed, so that reading the list cannot confirm a guess at short content.
    const digest = keyedDigest(this.digestKey, record.digest);
    const seq = tail ? tail.seq + 1 : 1;
    const prevHash = tail?.hash ?? GENESIS_HASH;
    const hash = entryHash(this.key, { seq, ...record, at, digest }, prevHash);
    return {
      Seq: seq,
      EventKey: record.eventKey,
      At: at,
      ActorId: record.actorId,
      Action: record.action,
      Target: record.target,
      Digest: digest,
      PrevHash: prevHash,
      Hash: hash,
    };
  }

  private async appendOnce(record: AuditRecord): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const tail = this.tail ?? (await this.readTail());
      this.tail = undefined;
      try {
        const created = await this.store.create(KernelLists.audit, this.linkAfter(tail, record));
        const stored = toEntry(created);
        this.checkStored(stored);
        this.tail = { seq: stored.seq, hash: stored.hash };
        return await this.checkpoint(stored);
      } catch (e) {
        if (isStoreError(e, 'unique') && e.detail?.column === 'EventKey') {
          const existing = await firstWhere(this.store, KernelLists.audit, 'EventKey', record.eventKey);
          if (existing) await this.checkpoint(toEntry(existing));
          return;
        }
        if (isStoreError(e, 'unique') && e.detail?.column === 'Seq') continue;
        throw e;
      }
    }
    throw new Error('Could not append to the audit trail: too much contention');
  }

  /** The newest entry the checkpoint should reach, and the background run moving it there (one at a time). */
  private headTarget: AuditEntry | undefined;
  private headRun: Promise<void> | undefined;
  /** The oldest of those entries: where a checkpoint that does not exist yet begins (its `since`). */
  private headFrom: number | undefined;
  /** The head as this process last wrote or read it: its ETag makes the next move one write. */
  private knownHead: { item: Item; head: AuditHead } | undefined;

  /**
   * Moves the checkpoint to `entry` in the background, one move at a time, begun once the appends queued by then
   * have run: a burst of appends moves it once or twice. A failed move is logged and left to the next append.
   */
  private moveHeadLater(entry: AuditEntry, from: number): void {
    if (!this.headTarget || entry.seq > this.headTarget.seq) this.headTarget = entry;
    if (this.headFrom === undefined || from < this.headFrom) this.headFrom = from;
    if (this.headRun) return;
    const queued = this.lane;
    this.headRun = (async () => {
      await queued;
      try {
        for (;;) {
          const moved = this.headTarget!;
          await this.advanceHead(moved, this.headFrom ?? moved.seq);
          this.headFrom = this.headTarget === moved ? undefined : moved.seq + 1;
          // Done in the same turn as the check, so a later append starts a move of its own.
          if (this.headTarget === moved) return void (this.headRun = undefined);
        }
      } catch (e) {
        this.headRun = undefined;
        this.knownHead = undefined;
        this.logger?.warn('audit checkpoint not moved; the next append moves it', {
          error: e instanceof Error ? e.name : 'unknown',
        });
      }
    })();
  }

  /**
   * After an append: a caller does not wait for the checkpoint while this process knows a genuine one exists,
   * since until it lands the checkpoint only lags the tail, which verify accepts (as after a crash between the
   * two writes), and the next append moves it. Without one known (the trail's first entry, a restart, a failed
   * move) the append moves it itself and fails with it, so that its event is relayed again: entries with no
   * checkpoint at all would read as entries cut off.
   */
  private async checkpoint(entry: AuditEntry, from = entry.seq): Promise<void> {
    if (this.knownHead) return this.moveHeadLater(entry, from);
    await this.advanceHead(entry, Math.min(this.headFrom ?? from, from));
  }

  /** Resolves once the checkpoint has been moved (or failed to move) for every append so far. */
  async settled(): Promise<void> {
    while (this.headRun) await this.headRun;
  }

  private async readHead(): Promise<{ item: Item; head: AuditHead; genuine: boolean } | undefined> {
    const item = await firstWhere(this.store, KernelLists.auditHead, 'HeadKey', HEAD_KEY);
    if (!item) return undefined;
    const head = { seq: Number(item.fields.Seq), hash: str(item, 'Hash'), since: Number(item.fields.Since) };
    return { item, head, genuine: headMac(this.key, head) === str(item, 'Mac') };
  }

  /**
   * Moves the checkpoint forward to `entry` (never back), guarded by its ETag: first as this process last saw
   * it, read again if it has moved since. A head that fails its HMAC is left as it is for verify to report:
   * re-signing it would launder whatever was written into it.
   */
  private async advanceHead(entry: AuditEntry, from: number): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = this.knownHead ? { ...this.knownHead, genuine: true } : await this.readHead();
      if (current && (!current.genuine || current.head.seq >= entry.seq)) {
        this.knownHead = current.genuine ? current : undefined;
        return;
      }
      const head = { seq: entry.seq, hash: entry.hash, since: current?.head.since ?? from };
      const fields = { Seq: head.seq, Hash: head.hash, Since: head.since, Mac: headMac(this.key, head) };
      try {
        const item = current
          ? await this.store.update(KernelLists.auditHead, current.item.id, current.item.etag, fields)
          : await this.store.create(KernelLists.auditHead, { HeadKey: HEAD_KEY, ...fields });
        this.knownHead = { item, head };
        return;
      } catch (e) {
        // Moved or removed since this process saw it: read it again.
        this.knownHead = undefined;
        if (isStoreError(e, 'conflict') || isStoreError(e, 'not-found')) continue;
        if (isStoreError(e, 'unique') && e.detail?.column === 'HeadKey') continue;
        throw e;
      }
    }
    throw new Error('Could not move the audit checkpoint: too much contention');
  }

  /**
   * Walks the chain and checks it against the checkpoint, naming the first break: an altered, missing or
   * misplaced entry; a checkpoint that is missing, altered or does not match its entry; entries cut off the end
   * (the tail is behind the checkpoint); a checkpoint re-created after entries that had one. A checkpoint that
   * lags behind the tail is accepted: a crash between appending and moving it leaves it so.
   */
  async verify(): Promise<AuditVerification> {
    // This process's appends have their checkpoint first (another instance's may lag, as after a crash).
    await this.settled();
    // The head first: an append during the walk can then only put the tail ahead of it, which is allowed.
    const current = await this.readHead();
    let previous: AuditEntry | undefined;
    let count = 0;
    let hashAtHead: string | undefined;
    let checkpointedBeforeSince = false;
    let anyCheckpointed = false;
    for await (const item of allItems(this.store, KernelLists.audit, {
      orderBy: { column: 'Seq' },
      top: 1000,
    })) {
      const entry = toEntry(item);
      const check = checkLink(this.key, entry, previous);
      if (!check.ok) return broken(count, check.seq, check.reason);
      if (current && entry.seq === current.head.seq) hashAtHead = entry.hash;
      if (isCheckpointedEntry(entry)) {
        anyCheckpointed = true;
        if (current && entry.seq < current.head.since) checkpointedBeforeSince = true;
      }
      previous = entry;
      count++;
    }
    const last = previous?.seq ?? 0;
    if (!current) {
      // A trail written before checkpoints existed has none until its next append; any other trail must.
      return anyCheckpointed
        ? broken(
            count,
            last + 1,
            `The audit checkpoint is missing: entries after ${last} may have been removed.`,
          )
        : { ok: true, entriesChecked: count };
    }
    const { head, genuine } = current;
    if (!genuine) return broken(count, last + 1, 'The audit checkpoint has been altered.');
    if (head.seq > last)
      return broken(
        count,
        last + 1,
        `Entries after ${last} are missing: the checkpoint is at entry ${head.seq}.`,
      );
    if (hashAtHead !== head.hash)
      return broken(count, head.seq, `Entry ${head.seq} does not match the checkpoint.`);
    if (checkpointedBeforeSince)
      return broken(
        count,
        head.since,
        `The audit checkpoint was re-created at entry ${head.since}: entries before it may have been removed.`,
      );
    return { ok: true, entriesChecked: count };
  }
}

const broken = (entriesChecked: number, seq: number, reason: string): AuditVerification => ({
  ok: false,
  entriesChecked,
  firstBroken: { seq, reason },
});
