/**
 * The action log's source for the kernel's relay: every write of an action marks it pending and carries what it
 * raised (its audit entry, a new action's notice), in that same write; this makes the action's task on the work
 * queue what its state says, lands the audit entries and notices, and then clears the mark with the ETag it read.
 * The reconcile is idempotent, each entry and notice is keyed and the clear is guarded, so a crash between any two
 * writes loses nothing and the next run repeats nothing; an action written again meanwhile is read again.
 */
import type { AuditLog } from '../kernel/audit/audit-log';
import { appendAuditEvent } from '../kernel/events/audit-event';
import { enqueueNotification } from '../kernel/events/enqueue';
import type { RelaySource } from '../kernel/events/relay';
import type { WorkQueue } from '../kernel/queue/work-queue';
import { retryOnConflict } from '../kernel/store/retry';
import type { Logger } from '../ports/logger';
import type { Store } from '../ports/store';
import { MinutesLists } from './lists';
import type { ActionRecord, ActionRepository } from './repository';
import { MINUTES, actionTasks } from './tasks';

export interface ActionRelayDeps {
  actions: ActionRepository;
  queue: WorkQueue;
  audit: AuditLog;
  store: Store;
  logger: Logger;
}

export class ActionRelaySource implements RelaySource {
  readonly item = 'minute-action';

  constructor(private readonly d: ActionRelayDeps) {}

  pendingIds(): Promise<number[]> {
    return this.d.actions.pendingIds();
  }

  relayItem(id: number): Promise<number> {
    return retryOnConflict(
      async () => {
        const r = await this.d.actions.byItemId(id);
        if (!r || !r.hasPending) return 0;
        await this.d.queue.reconcile(MINUTES, r.actionId, actionTasks(r));
        await this.land(r);
        await this.d.actions.clearPending(r);
        return 1 + r.pending.length;
      },
      {
        exhausted: () =>
          new Error('The action kept changing while its task was brought up to date; left for the next run'),
      },
    );
  }

  private async land(r: ActionRecord) {
    for (const event of r.pending) {
      if (event.kind === 'audit')
        await appendAuditEvent(this.d.audit, event, `${MinutesLists.actions}/${r.actionId}`);
      else
        await enqueueNotification(this.d.store, {
          dedupeKey: event.dedupeKey,
          type: event.type,
          recipientId: event.recipientId,
          reference: r.actionId,
          title: event.title,
          body: event.body,
          status: 'pending',
          now: event.at,
        });
    }
  }

  /**
   * Gives every action its task from its current state: for a store written before actions were on the work
   * queue. Idempotent; an action that cannot be read is logged and left out.
   */
  async backfill(): Promise<number> {
    let done = 0;
    for (const r of await this.d.actions.withStatus(['open', 'in-progress'])) {
      try {
        await this.d.queue.reconcile(MINUTES, r.actionId, actionTasks(r));
        done++;
      } catch (e) {
        this.d.logger.error('work-queue backfill failed for action', {
          actionItemId: r.id,
          error: e instanceof Error ? e.name : 'unknown',
        });
      }
    }
    return done;
  }
}
