import type { Logger } from '../../ports/logger';
import type { Notification, Notifier } from '../../ports/notifier';

/**
 * Local stand-in for Teams delivery: logs that a notification went out (its type and the concern reference
 * only: never the recipient, whose object id is personal data, nor the text) and keeps what it delivered so
 * tests and the local console can see it. De-duplicates on the key, as a real recipient-side consumer must.
 */
export class LogNotifier implements Notifier {
  readonly delivered: Notification[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  async deliver(n: Notification) {
    if (!this.seen.has(n.dedupeKey)) {
      this.seen.add(n.dedupeKey);
      this.delivered.push(n);
      this.logger.info('notification delivered', { type: n.type, reference: n.reference });
    }
    return { status: 'delivered' as const };
  }
}
