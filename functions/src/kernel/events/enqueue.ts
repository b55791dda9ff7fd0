/**
 * Puts a notification in the outbox, once: the unique DedupeKey makes a repeat (a relay cut short and run again,
 * two relays at once) a no-op. OutboxDelivery takes it from there.
 */
import { KernelLists } from '../lists';
import { isStoreError, type Store } from '../../ports/store';

export interface OutboxEntry {
  /** Unique per notification and recipient; also the key the recipient's side de-duplicates on. */
  dedupeKey: string;
  type: string;
  recipientId: string;
  /** The item it is about (e.g. a concern's reference), for the undeliverable list. */
  reference: string;
  title: string;
  body: string;
  stepId?: string;
  requestId?: string;
  /** 'undeliverable' records at once what can reach nobody, where the co-ordinator sees it. */
  status: 'pending' | 'undeliverable';
  error?: string;
  now: string;
}

/** Whether this call created the entry (false: it was already there). */
export async function enqueueNotification(store: Store, e: OutboxEntry): Promise<boolean> {
  try {
    await store.create(KernelLists.outbox, {
      DedupeKey: e.dedupeKey,
      EventType: e.type,
      RecipientId: e.recipientId,
      Reference: e.reference,
      Payload: JSON.stringify({
        title: e.title,
        body: e.body,
        stepId: e.stepId ?? null,
        requestId: e.requestId ?? null,
      }),
      Status: e.status,
      Attempts: 0,
      NextAttemptAt: e.now,
      LastError: e.error ?? null,
      CreatedAt: e.now,
      DeliveredAt: null,
    });
    return true;
  } catch (err) {
    if (isStoreError(err, 'unique')) return false; // already in the outbox from an earlier, interrupted run
    throw err;
  }
}
