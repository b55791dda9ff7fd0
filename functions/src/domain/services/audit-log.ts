/** Appends to and verifies the hash-chained audit trail kept in the AuditLog list. */
import { Lists } from '../../ports/lists';
import { isStoreError, toStoredDateTime, type Item, type Store } from '../../ports/store';
import {
  checkLink,
  digestKeyOf,
  digestOf,
  entryHash,
  GENESIS_HASH,
  keyedDigest,
  type AuditEntry,
} from '../audit/chain';
import { allItems, str } from './paging';

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
   * Appends once per event key. Concurrent appenders race on the unique Seq column and the loser retries on
   * the new tail; a retried event finds its key taken and stops (no duplicate entry).
   */
  async append(record: AuditRecord): Promise<void> {
    // The HMAC covers what the store gives back: `At` is a dateTime column, kept to the whole second.
    const at = toStoredDateTime(record.at);
    // Keyed, so that reading the list cannot confirm a guess at short content.
    const digest = keyedDigest(this.digestKey, record.digest);
    for (let attempt = 0; attempt < 50; attempt++) {
      const tail = (
        await this.store.query(Lists.audit, { orderBy: { column: 'Seq', descending: true }, top: 1 })
      ).items[0];
      const seq = tail ? Number(tail.fields.Seq) + 1 : 1;
      const prevHash = tail ? str(tail, 'Hash') : GENESIS_HASH;
      const fields = { seq, ...record, at, digest };
      try {
        const created = await this.store.create(Lists.audit, {
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
        return;
      } catch (e) {
        if (isStoreError(e, 'unique') && e.detail?.column === 'EventKey') return;
        if (isStoreError(e, 'unique') && e.detail?.column === 'Seq') continue;
        throw e;
      }
    }
    throw new Error('Could not append to the audit trail: too much contention');
  }

  async verify(): Promise<{
    ok: boolean;
    entriesChecked: number;
    firstBroken?: { seq: number; reason: string };
  }> {
    let previous: AuditEntry | undefined;
    let count = 0;
    for await (const item of allItems(this.store, Lists.audit, { orderBy: { column: 'Seq' }, top: 1000 })) {
      const entry = toEntry(item);
      const check = checkLink(this.key, entry, previous);
      if (!check.ok)
        return { ok: false, entriesChecked: count, firstBroken: { seq: check.seq, reason: check.reason } };
      previous = entry;
      count++;
    }
    return { ok: true, entriesChecked: count };
  }
}
