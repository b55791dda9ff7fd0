import type { z } from 'zod';
import type { NotificationTypeSchema } from '@pph/contract';

/** A message someone must hear about, as the outbox hands it to a delivery adapter. */
export interface Notification {
  /** Stable across retries: a recipient-side de-duplication key. */
  dedupeKey: string;
  type: NotificationType;
  recipientId: string;
  reference: string;
  /** Plain text safe for the recipient's role (no special-category content). */
  title: string;
  body: string;
  stepId?: string;
  /** For information requests and reminders: which request. */
  requestId?: string;
}

export type NotificationType = z.infer<typeof NotificationTypeSchema>;

export type DeliveryResult =
  | { status: 'delivered' }
  /** No way to reach this person (e.g. no Teams conversation reference): recorded, shown to the co-ordinator. */
  | { status: 'undeliverable'; reason: string }
  | { status: 'retry'; reason: string };

export interface Notifier {
  deliver(n: Notification): Promise<DeliveryResult>;
}
