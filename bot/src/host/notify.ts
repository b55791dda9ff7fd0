/**
 * The hub's outbox delivers here: check the shared key, de-duplicate, render for the recipient and send into
 * their stored Teams conversation. The answer tells the outbox whether to retry.
 */
import { timingSafeEqual } from 'node:crypto';
import { BotNotifyRequestSchema, type BotNotifyRequest } from '@pph/contract';
import { ConversationGoneError, type Outgoing } from '../core/types';
import type { PreventBot } from '../core/prevent-bot';

export interface NotifyResult {
  status: number;
  body: { status: 'delivered' | 'undeliverable'; reason?: string } | { error: string };
}

export type SendInto = (reference: BotNotifyRequest['conversationReference'], out: Outgoing) => Promise<void>;

export class NotifyEndpoint {
  /**
   * Recently delivered keys: the outbox delivers at least once, people should hear once. A cache, not the
   * record: the hub's outbox claims each entry (ETag) and checks its Deliveries list before sending, so across
   * restarts and instances it is the hub that de-duplicates. This only catches the outbox's retry of a send
   * whose answer it lost (a worker dying after this bot sent, before the hub recorded it) within one process;
   * losing it on restart re-opens that narrow window only, which the hub cannot close without an operation of
   * its own (see the bot's issue 12 report).
   */
  private readonly delivered = new Map<string, number>();
  /** Sends under way, per key: a repeat that arrives meanwhile waits for the first and shares its result. */
  private readonly inFlight = new Map<string, Promise<NotifyResult>>();

  constructor(
    private readonly bot: PreventBot,
    private readonly key: string,
    private readonly send: SendInto,
    private readonly remember = 10_000,
  ) {}

  async handle(headerKey: string | undefined, body: unknown): Promise<NotifyResult> {
    if (!headerKey || !sameSecret(headerKey, this.key))
      return { status: 401, body: { error: 'Wrong or missing notify key.' } };
    const parsed = BotNotifyRequestSchema.safeParse(body);
    if (!parsed.success)
      return {
        status: 400,
        body: { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
      };
    return this.once(parsed.data);
  }

  /**
   * The one de-duplication: a key already delivered is not sent again, and a repeat that arrives while the first
   * is being sent waits for it and shares its result (a failure too: the outbox retries).
   */
  private once(request: BotNotifyRequest): Promise<NotifyResult> {
    const key = request.notification.dedupeKey;
    if (this.delivered.has(key))
      return Promise.resolve({ status: 200, body: { status: 'delivered', reason: 'duplicate' } });
    const running = this.inFlight.get(key);
    if (running) return running;
    const sending = this.deliver(request).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, sending);
    return sending;
  }

  private async deliver({ notification: n, conversationReference }: BotNotifyRequest): Promise<NotifyResult> {
    const out = await this.bot.renderNotification(n, {
      objectId: n.recipientId,
      channelUserId: conversationReference.user?.id ?? n.recipientId,
    });
    try {
      // Nothing to say (the chat already showed it, e.g. "Concern sent"): delivered, nothing sent.
      if (out.text || out.card) await this.send(conversationReference, out);
    } catch (e) {
      if (e instanceof ConversationGoneError)
        return { status: 410, body: { status: 'undeliverable', reason: e.message } };
      throw e;
    }
    this.delivered.set(n.dedupeKey, Date.now());
    if (this.delivered.size > this.remember) this.delivered.delete(this.delivered.keys().next().value!);
    return { status: 200, body: { status: 'delivered' } };
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
