/**
 * The audit trail's hash chain: each entry's hash is an HMAC over its own fields and the previous entry's hash,
 * keyed by a secret from configuration, so an edit, a deletion or a re-ordering breaks the chain and someone
 * with write access to the list alone cannot forge a consistent one.
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
  /** SHA-256 of the change's content, so the content can later be matched without being stored here. */
  digest: string;
}

export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function digestOf(content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(content ?? null))
    .digest('hex');
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
