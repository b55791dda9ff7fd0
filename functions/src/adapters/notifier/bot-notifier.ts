import {
  BotNotify,
  BotNotifyResponseSchema,
  ConversationReferenceSchema,
  NO_CONVERSATION_REASON,
} from '@pph/contract';
import type { Logger } from '../../ports/logger';
import type { DeliveryResult, Notification, Notifier } from '../../ports/notifier';

/**
 * Teams delivery: hands each notification, with the recipient's stored conversation reference, to the bot's
 * notify endpoint. No reference means the person never opened the bot: recorded as undeliverable (and shown to
 * the co-ordinator), never dropped. Network trouble and 5xx are retried by the outbox with backoff.
 */
export class BotNotifier implements Notifier {
  constructor(
    private readonly opts: {
      url: string;
      key: string;
      lookup: (personId: string) => Promise<unknown | undefined>;
      logger: Logger;
      timeoutMs?: number;
    },
  ) {}

  async deliver(n: Notification): Promise<DeliveryResult> {
    const stored = await this.opts.lookup(n.recipientId);
    const reference = ConversationReferenceSchema.safeParse(stored);
    if (!reference.success)
      return {
        status: 'undeliverable',
        reason: NO_CONVERSATION_REASON,
      };
    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BotNotify.keyHeader]: this.opts.key },
        body: JSON.stringify({ notification: n, conversationReference: reference.data }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (e) {
      return {
        status: 'retry',
        reason: `The bot could not be reached (${e instanceof Error ? e.name : 'error'}).`,
      };
    }
    const body = BotNotifyResponseSchema.safeParse(await res.json().catch(() => undefined));
    if (res.ok && body.success && body.data.status === 'delivered') return { status: 'delivered' };
    if (res.status === 410 && body.success)
      return {
        status: 'undeliverable',
        reason: body.data.reason ?? 'The Teams conversation no longer exists.',
      };
    this.opts.logger.warn('bot notify failed', { status: res.status, type: n.type, reference: n.reference });
    return { status: 'retry', reason: `The bot answered ${res.status}.` };
  }
}
