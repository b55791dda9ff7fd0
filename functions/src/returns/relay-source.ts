/**
 * The returns' source for the kernel's relay: a return write leaves its events in the item's Pending column;
 * this brings the return's tasks on the work queue up to its state, lands its audit entries and notifications
 * (recipients resolved from the directory), and then clears Pending with the ETag it read. Every step is keyed
 * or guarded, so a crash between any two writes loses nothing and the next run repeats nothing.
 */
import type { ApprovalRule, ReturnCycleConfig } from '@pph/contract';
import { cycleStatusOn } from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import type { AuditLog } from '../kernel/audit/audit-log';
import { londonDate } from '../kernel/calendar/working-days';
import type { Directory } from '../kernel/directory/directory';
import { appendAuditEvent } from '../kernel/events/audit-event';
import { enqueueNotifications, type OutboxEntry } from '../kernel/events/enqueue';
import { landTogether, type RelaySource } from '../kernel/events/relay';
import type { WorkQueue } from '../kernel/queue/work-queue';
import { retryOnConflict } from '../kernel/store/retry';
import type { HubPorts } from '../ports/hub-ports';
import { ReturnLists } from './lists';
import type { ReturnRecord, ReturnRepository } from './repository';
import type { ReturnNotifyEvent } from './state';
import { RETURNS, returnTasks } from './tasks';

export interface ReturnRelayDeps {
  ports: HubPorts;
  repo: ReturnRepository;
  directory: Directory;
  audit: AuditLog;
  queue: WorkQueue;
  rule: ApprovalRule;
  config: ReturnCycleConfig;
}

export class ReturnRelaySource implements RelaySource {
  readonly item = 'return';

  constructor(private readonly d: ReturnRelayDeps) {}

  pendingIds(): Promise<number[]> {
    return this.d.repo.pendingIds();
  }

  async relayItem(id: number): Promise<number> {
    return retryOnConflict(
      async () => {
        const record = await this.d.repo.byId(id);
        if (!record || record.pending.length === 0) return 0;
        // The tasks and the events at once (on SharePoint, their round trips overlap): audit entries one by
        // one (each is chained to the last), then the notifications of every event in one batch. All keyed,
        // so whichever fails, the run repeated lands only what is missing.
        let everyone: Promise<Actor[]> | undefined;
        const landing = async () => {
          const outbox: OutboxEntry[] = [];
          for (const event of record.pending) {
            if (event.kind === 'audit')
              await appendAuditEvent(this.d.audit, event, `${ReturnLists.returns}/${record.reference}`);
            else
              outbox.push(
                ...(await this.recipients(record, event, () => (everyone ??= this.d.directory.actors()))),
              );
          }
          await enqueueNotifications(this.d.ports.store, outbox);
        };
        await landTogether([this.reconcile(record), landing()]);
        await this.d.repo.clearPending(record);
        return record.pending.length;
      },
      {
        exhausted: () =>
          new Error('The return kept changing while its events were relayed; left for the next run'),
      },
    );
  }

  /** Makes the return's open tasks what its state says (also used when a cycle opens or closes). */
  async reconcile(record: ReturnRecord): Promise<void> {
    const cycle = await this.d.repo.cycle(record.cycleId);
    const partner = (await this.d.directory.partners()).get(record.partnerId);
    const today = londonDate(this.d.ports.clock.now());
    await this.d.queue.reconcile(
      RETURNS,
      record.reference,
      cycle
        ? returnTasks(
            {
              reference: record.reference,
              partnerId: record.partnerId,
              partnerName: partner?.name ?? record.partnerId,
              cycleLabel: cycle.dates.label,
              cycleStatus: cycleStatusOn(cycle.dates, today),
              dueOn: record.dueOn,
              state: record.state,
            },
            this.d.rule,
          )
        : [],
    );
  }

  /** The event's outbox entries: one per recipient, or one undeliverable entry if nobody holds the role. */
  private async recipients(
    record: ReturnRecord,
    event: ReturnNotifyEvent,
    everyone: () => Promise<Actor[]>,
  ): Promise<OutboxEntry[]> {
    const ids = new Set<string>();
    for (const rule of event.to) {
      if (rule.kind === 'person') {
        ids.add(rule.id);
        continue;
      }
      for (const a of await everyone())
        if (
          a.roles.includes(rule.role as Actor['roles'][number]) &&
          (!rule.partnerId || a.partnerId === rule.partnerId)
        )
          ids.add(a.id);
    }
    // Approvers never hear about their own agency's return: they cannot approve it.
    if (event.type === 'return-submitted')
      for (const a of await everyone()) if (a.partnerId === record.partnerId) ids.delete(a.id);
    const holders = ids.size;
    for (const id of event.except ?? []) ids.delete(id);
    const now = this.d.ports.clock.now().toISOString();
    const base = { type: event.type, reference: record.reference, title: event.title, body: event.body, now };
    if (holders === 0) {
      // Nobody holds the role (no return author for that agency): recorded where the co-ordinator sees it.
      const recipientId = `unresolved:${event.key}`;
      return [
        {
          ...base,
          dedupeKey: `${event.key}:${recipientId}`,
          recipientId,
          status: 'undeliverable',
          error: 'Nobody holds the role this notification is for.',
        },
      ];
    }
    return [...ids].map((recipientId) => ({
      ...base,
      dedupeKey: `${event.key}:${recipientId}`,
      recipientId,
      status: 'pending' as const,
    }));
  }
}
