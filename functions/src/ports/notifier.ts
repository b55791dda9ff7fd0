import type { Notification } from '@pph/contract';

/** The message shape is the contract's, so the hub and the bot cannot disagree on it. */
export type { Notification, NotificationType } from '@pph/contract';

export type DeliveryResult =
  | { status: 'delivered' }
  /** No way to reach this person (e.g. no Teams conversation reference): recorded, shown to the co-ordinator. */
  | { status: 'undeliverable'; reason: string }
  | { status: 'retry'; reason: string };

export interface Notifier {
  deliver(n: Notification): Promise<DeliveryResult>;
}
