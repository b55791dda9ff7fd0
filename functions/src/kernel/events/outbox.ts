/**
 * Delivers outbox entries through the Notifier: at least once (an entry stays pending until a delivery is
 * recorded), de-duplicated (a Deliveries item per key is checked before sending), retried with backoff, and
 * marked undeliverable — visible to the co-ordinator — when there is no way to reach the person.
 *
 * Overlapping runs (two timers, two instances) must not both send: each entry is claimed with an ETag-guarded
 * write (Status 'sending', NextAttemptAt = end of a lease) before the notifier is called; whoever loses the
 * claim skips it. A worker that dies mid-send leaves the entry 'sending'; once the lease has passed it is due
 * again and the next run claims it (at least once: it may be sent again, with the same de-duplication key).
 */
import { NO_CONVERSATION_REASON } from '@pph/contract';
import { KernelLists } from '../lists';
import type { Notification, NotificationType } from '../../ports/notifier';
import { isStoreError, type Item } from '../../ports/store';
import type { Actor } from '../auth/actor';
import { isPartnershipCoordinator, requireRole } from '../../concerns/policy';
import { forbidden } from '../errors';
import { firstWhere, str } from '../store/paging';
import type { Directory } from '../directory/directory';
import type { HubPorts } from '../../ports/hub-ports';

export const MAX_ATTEMPTS = 8;

/** How long a claim lasts: longer than any one send may take (the bot notifier gives up after 15 s). */
export const SEND_LEASE_MS = 2 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface UndeliverableNotification {
  reference: string;
  recipientId: string;
  recipientName?: string;
  type: string;
  reason: string;
  at: string;
}

export class OutboxDelivery {
  constructor(
    private readonly ports: HubPorts,
    /** Who recipients are, so the co-ordinator can reach them by other means. */
    private readonly directory: Pick<Directory, 'people'>,
  ) {}

  async deliverDue(limit = 100): Promise<{ delivered: number; retried: number; undeliverable: number }> {
    const now = this.ports.clock.now();
    // 'sending' entries whose lease has passed belong to a worker that died mid-send: due again.
    const page = await this.ports.store.query(KernelLists.outbox, {
      where: [
        { column: 'Status', op: 'in', value: ['pending', 'sending'] },
        { column: 'NextAttemptAt', op: 'le', value: now.toISOString() },
      ],
      top: limit,
    });
    const tally = { delivered: 0, retried: 0, undeliverable: 0 };
    let waitingForChat = 0;
    for (const item of page.items) {
      const result = await this.deliverOne(item);
      if (result === 'waiting-for-chat') waitingForChat++;
      if (result) tally[result === 'waiting-for-chat' ? 'undeliverable' : result]++;
    }
    // Expected until people open the bot (a new hub, a new member of staff): one line a run, not one each.
    if (waitingForChat > 0)
      this.ports.logger.info('notifications wait for people who have not opened the bot', {
        count: waitingForChat,
      });
    return tally;
  }

  private async deliverOne(
    due: Item,
  ): Promise<'delivered' | 'retried' | 'undeliverable' | 'waiting-for-chat' | undefined> {
    // Read the clock per entry: a run over many slow sends must not claim with a lease that already ran out.
    const now = this.ports.clock.now();
    const attempts = Number(due.fields.Attempts) + 1;
    // Claim it first: of two overlapping runs, only the one whose ETag-guarded write lands may send. The
    // attempt is counted here, so an entry whose sender keeps dying still runs out of attempts.
    let item: Item;
    try {
      item = await this.ports.store.update(KernelLists.outbox, due.id, due.etag, {
        Status: 'sending',
        Attempts: attempts,
        NextAttemptAt: new Date(now.getTime() + SEND_LEASE_MS).toISOString(),
      });
    } catch (e) {
      if (isStoreError(e, 'conflict')) return undefined; // another worker claimed or finished it
      throw e;
    }
    const key = str(item, 'DedupeKey');
    const update = async (fields: Record<string, string | number | null>) => {
      try {
        await this.ports.store.update(KernelLists.outbox, item.id, item.etag, fields);
      } catch (e) {
        // Our lease ran out and another worker took the entry over: its outcome stands.
        if (!isStoreError(e, 'conflict')) throw e;
      }
    };
    if (await firstWhere(this.ports.store, KernelLists.deliveries, 'DedupeKey', key)) {
      await update({ Status: 'delivered', DeliveredAt: now.toISOString(), LastError: null });
      return undefined;
    }
    const payload = JSON.parse(str(item, 'Payload')) as {
      title: string;
      body: string;
      stepId: string | null;
      requestId?: string | null;
    };
    const notification: Notification = {
      dedupeKey: key,
      type: str(item, 'EventType') as NotificationType,
      recipientId: str(item, 'RecipientId'),
      reference: str(item, 'Reference'),
      title: payload.title,
      body: payload.body,
      ...(payload.stepId ? { stepId: payload.stepId } : {}),
      ...(payload.requestId ? { requestId: payload.requestId } : {}),
    };
    let result;
    try {
      result = await this.ports.notifier.deliver(notification);
    } catch (e) {
      // The error's name only: a message from deep inside may carry data the co-ordinator's list must not show.
      result = {
        status: 'retry' as const,
        reason: `Delivery failed (${e instanceof Error ? e.name : 'error'}).`,
      };
    }
    if (result.status === 'delivered') {
      try {
        await this.ports.store.create(KernelLists.deliveries, { DedupeKey: key, At: now.toISOString() });
      } catch (e) {
        if (!isStoreError(e, 'unique')) throw e;
      }
      await update({
        Status: 'delivered',
        DeliveredAt: now.toISOString(),
        LastError: null,
      });
      return 'delivered';
    }
    if (result.status === 'undeliverable' || attempts >= MAX_ATTEMPTS) {
      await update({ Status: 'undeliverable', LastError: result.reason.slice(0, 250) });
      if (result.status === 'undeliverable' && result.reason === NO_CONVERSATION_REASON)
        return 'waiting-for-chat';
      // The outbox item's id, not its de-duplication key: the key embeds the recipient's object id.
      this.ports.logger.warn('notification undeliverable', {
        outboxItemId: item.id,
        type: str(item, 'EventType'),
        attempts,
      });
      return 'undeliverable';
    }
    await update({
      Status: 'pending',
      NextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      LastError: result.reason.slice(0, 250),
    });
    return 'retried';
  }

  /** What could not be delivered, for the Prevent co-ordinator to follow up by other means. */
  async undeliverable(actor: Actor): Promise<UndeliverableNotification[]> {
    requireRole(actor, 'queue.read');
    if (!isPartnershipCoordinator(actor) && !actor.roles.includes('administrator')) {
      throw forbidden('Only the Prevent co-ordinator or an administrator can see undelivered notifications.');
    }
    const page = await this.ports.store.query(KernelLists.outbox, {
      where: [{ column: 'Status', op: 'eq', value: 'undeliverable' }],
      orderBy: { column: 'id', descending: true },
      top: 200,
    });
    const names = new Map((await this.directory.people()).map((p) => [p.id, p.displayName]));
    const out: UndeliverableNotification[] = [];
    for (const i of page.items) {
      const recipientId = str(i, 'RecipientId');
      const recipientName = names.get(recipientId);
      out.push({
        reference: str(i, 'Reference'),
        recipientId,
        ...(recipientName ? { recipientName } : {}),
        type: str(i, 'EventType'),
        reason: typeof i.fields.LastError === 'string' ? i.fields.LastError : 'unknown',
        at: str(i, 'CreatedAt'),
      });
    }
    return out;
  }
}
