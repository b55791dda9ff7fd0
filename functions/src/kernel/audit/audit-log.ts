/**
 * Appends to and verifies the hash-chained audit trail kept in the AuditLog list, with its checkpoint (the head)
 * in the AuditHead list.
 */
import { KernelLists } from '../lists';
import { isStoreError, toStoredDateTime, type Item, type Store } from '../../ports/store';
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
   * racing each other on Seq, ten at once made each try five times over.
   */
  append(record: AuditRecord): Promise<void> {
    const run = this.lane.then(() => this.appendOnce(record));
    this.lane = run.catch(() => undefined);
    return run;
  }

  private lane: Promise<unknown> = Promise.resolve();

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

  private async appendOnce(record: AuditRecord): Promise<void> {
    // The HMAC covers what the store gives back: `At` is a dateTime column, kept to the whole second.
    const at = toStoredDateTime(record.at);
    // Keyed, so that reading the list cannot confirm a guess at short content.
    const digest = keyedDigest(this.digestKey, record.digest);
    for (let attempt = 0; attempt < 50; attempt++) {
      const tail = this.tail ?? (await this.readTail());
      this.tail = undefined;
      const seq = tail ? tail.seq + 1 : 1;
      const prevHash = tail?.hash ?? GENESIS_HASH;
      const fields = { seq, ...record, at, digest };
      try {
        const created = await this.store.create(KernelLists.audit, {
          Seq: seq,
          EventKey: record.eventKey,
          At: at,
          ActorId: record.actorId,
          Action: record.action,
          Target: record.target,
          Digest: digest,
          PrevHash: prevHash,
          Hash: entryHash(this.key, fields, prevHash),
        });
        // Fail loudly now rather than at the next verify if the store changed a value as it wrote it.
        const stored = toEntry(created);
        if (entryHash(this.key, stored, stored.prevHash) !== stored.hash)
          throw new Error(`The store altered audit entry ${seq} as it wrote it; the chain would not verify.`);
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
  private moveHeadLater(entry: AuditEntry): void {
    if (!this.headTarget || entry.seq > this.headTarget.seq) this.headTarget = entry;
    if (this.headFrom === undefined || entry.seq < this.headFrom) this.headFrom = entry.seq;
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
  private async checkpoint(entry: AuditEntry): Promise<void> {
    if (this.knownHead) return this.moveHeadLater(entry);
    await this.advanceHead(entry, Math.min(this.headFrom ?? entry.seq, entry.seq));
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
