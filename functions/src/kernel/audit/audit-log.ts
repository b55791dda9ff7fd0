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

export class AuditLog {
  private readonly digestKey: Buffer;

  constructor(
    private readonly store: Store,
    private readonly key: string,
  ) {
    this.digestKey = digestKeyOf(key);
  }

  /** The Digest an entry holds for this content: to match content to the trail (needs the audit key). */
  digestFor(content: unknown): string {
    return keyedDigest(this.digestKey, digestOf(content));
  }

  /**
   * Appends once per event key, then moves the checkpoint to the new entry. Concurrent appenders race on the
   * unique Seq column and the loser retries on the new tail; a retried event finds its key taken, appends
   * nothing and only makes sure the checkpoint has reached its entry (a crash may have come in between).
   * Appends made in this process go one after another: racing each other on Seq, ten at once made each try
   * five times over.
   */
  append(record: AuditRecord): Promise<void> {
    const run = this.lane.then(() => this.appendOnce(record));
    this.lane = run.catch(() => undefined);
    return run;
  }

  private lane: Promise<unknown> = Promise.resolve();

  private async appendOnce(record: AuditRecord): Promise<void> {
    // The HMAC covers what the store gives back: `At` is a dateTime column, kept to the whole second.
    const at = toStoredDateTime(record.at);
    // Keyed, so that reading the list cannot confirm a guess at short content.
    const digest = keyedDigest(this.digestKey, record.digest);
    for (let attempt = 0; attempt < 50; attempt++) {
      const tail = (
        await this.store.query(KernelLists.audit, { orderBy: { column: 'Seq', descending: true }, top: 1 })
      ).items[0];
      const seq = tail ? Number(tail.fields.Seq) + 1 : 1;
      const prevHash = tail ? str(tail, 'Hash') : GENESIS_HASH;
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
        await this.advanceHead(stored);
        return;
      } catch (e) {
        if (isStoreError(e, 'unique') && e.detail?.column === 'EventKey') {
          const existing = await firstWhere(this.store, KernelLists.audit, 'EventKey', record.eventKey);
          if (existing) await this.advanceHead(toEntry(existing));
          return;
        }
        if (isStoreError(e, 'unique') && e.detail?.column === 'Seq') continue;
        throw e;
      }
    }
    throw new Error('Could not append to the audit trail: too much contention');
  }

  private async readHead(): Promise<{ item: Item; head: AuditHead; genuine: boolean } | undefined> {
    const item = await firstWhere(this.store, KernelLists.auditHead, 'HeadKey', HEAD_KEY);
    if (!item) return undefined;
    const head = { seq: Number(item.fields.Seq), hash: str(item, 'Hash'), since: Number(item.fields.Since) };
    return { item, head, genuine: headMac(this.key, head) === str(item, 'Mac') };
  }

  /**
   * Moves the checkpoint forward to `entry` (never back), guarded by its ETag. A head that fails its HMAC is left
   * as it is for verify to report: re-signing it would launder whatever was written into it.
   */
  private async advanceHead(entry: AuditEntry): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await this.readHead();
      if (current && (!current.genuine || current.head.seq >= entry.seq)) return;
      const head = { seq: entry.seq, hash: entry.hash, since: current?.head.since ?? entry.seq };
      const fields = { Seq: head.seq, Hash: head.hash, Since: head.since, Mac: headMac(this.key, head) };
      try {
        if (current)
          await this.store.update(KernelLists.auditHead, current.item.id, current.item.etag, fields);
        else await this.store.create(KernelLists.auditHead, { HeadKey: HEAD_KEY, ...fields });
        return;
      } catch (e) {
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
