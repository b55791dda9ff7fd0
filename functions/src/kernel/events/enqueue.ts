/**
 * Puts a notification in the outbox, once: the unique DedupeKey makes a repeat (a relay cut short and run again,
 * two relays at once) a no-op. OutboxDelivery takes it from there. Several at once go in one batch.
 */
import { KernelLists } from '../lists';
import type { Fields, Store } from '../../ports/store';

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
  const [created] = await enqueueNotifications(store, [e]);
  return created!;
}

/**
 * Puts several notifications in the outbox in one store batch (one $batch on SharePoint). A batch is not a
 * transaction: an entry already there (an earlier, interrupted run) is skipped, and if any other part failed the
 * first such error is thrown once the batch has run, so the caller runs again and the entries that did land are
 * found by their unique key. Per entry: whether this call created it.
 */
export async function enqueueNotifications(
  store: Store,
  entries: readonly OutboxEntry[],
): Promise<boolean[]> {
  if (entries.length === 0) return [];
  const results = await store.batch(
    entries.map((e) => ({ op: 'create' as const, list: KernelLists.outbox, fields: outboxFields(e) })),
  );
  const failed = results.find((r) => !r.ok && r.error.code !== 'unique');
  if (failed && !failed.ok) throw failed.error;
  return results.map((r) => r.ok);
}

function outboxFields(e: OutboxEntry): Fields {
  return {
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
  };
}
