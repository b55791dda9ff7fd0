/**
 * The audit trail's hash chain: each entry's hash is an HMAC over its own fields and the previous entry's hash,
 * keyed by a secret from configuration, so an edit, a deletion or a re-ordering breaks the chain and someone
 * with write access to the list alone cannot forge a consistent one. Digests of content are keyed too (with a key
 * derived from the same secret), so someone who can read the list cannot confirm a guess at a short note or reason.
 *
 * The chain alone cannot show that entries were cut off its end, so a checkpoint (the head: the latest seq and hash,
 * HMAC-protected) is kept in a separate item. Appending and moving the head are two writes with no transaction
 * between them, so the head may lag behind the tail but must never be ahead of it.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AuditFields {
  seq: number;
  eventKey: string;
  at: string;
  actorId: string;
  action: string;
  /** Which item: list name and reference or id, never content. */
  target: string;
  /**
   * Keyed digest of the change's content (`keyedDigest`), so the content can later be matched by someone holding
   * the key without being stored here. Entries written before digests were keyed hold a plain SHA-256.
   */
  digest: string;
}

export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The content's unkeyed fingerprint (SHA-256 of its JSON), as services hand it to `AuditLog.append`, which keys it
 * (`keyedDigest`) before anything is stored in the audit list. On its own it can confirm a guess at short content:
 * never store or log it outside the record it fingerprints.
 */
export function digestOf(content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(content ?? null))
    .digest('hex');
}

const KEYED_DIGEST_PREFIX = 'hmac1:';

/** Whether an entry was written by code that keeps a checkpoint (keyed digests and the checkpoint came together). */
export const isCheckpointedEntry = (entry: AuditFields): boolean =>
  entry.digest.startsWith(KEYED_DIGEST_PREFIX);

/** The key for content digests, derived from the audit key so that it is never the chain's own key. */
export function digestKeyOf(auditKey: string): Buffer {
  return createHmac('sha256', auditKey).update('pph.audit.digest-key.v1').digest();
}

/** What the audit list stores for a content fingerprint from `digestOf`: an HMAC of it, marked as keyed. */
export function keyedDigest(digestKey: Buffer, fingerprint: string): string {
  return KEYED_DIGEST_PREFIX + createHmac('sha256', digestKey).update(fingerprint).digest('hex');
}

export function entryHash(key: string, fields: AuditFields, prevHash: string): string {
  const canonical = JSON.stringify([
    fields.seq,
    fields.eventKey,
    fields.at,
    fields.actorId,
    fields.action,
    fields.target,
    fields.digest,
    prevHash,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export type ChainCheck = { ok: true } | { ok: false; seq: number; reason: string };

/** Checks one link given the entry before it (undefined for the first). */
export function checkLink(key: string, entry: AuditEntry, previous: AuditEntry | undefined): ChainCheck {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq)
    return { ok: false, seq: expectedSeq, reason: `Entry ${expectedSeq} is missing.` };
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev)
    return {
      ok: false,
      seq: entry.seq,
      reason: `Entry ${entry.seq} does not follow entry ${entry.seq - 1}.`,
    };
  if (entryHash(key, entry, entry.prevHash) !== entry.hash)
    return { ok: false, seq: entry.seq, reason: `Entry ${entry.seq} has been altered.` };
  return { ok: true };
}

/**
 * The checkpoint: the entry the head last moved to, and the entry it was first created at (`since`, 1 for a trail
 * that always had one; later for a trail from before checkpoints, or one whose head was deleted and re-created).
 */
export interface AuditHead {
  seq: number;
  hash: string;
  since: number;
}

export function headMac(key: string, head: AuditHead): string {
  // A labelled array, so it can never collide with an entry's canonical form (which starts with a number).
  const canonical = JSON.stringify(['pph.audit.head.v1', head.seq, head.hash, head.since]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}
