/**
 * The concerns' source for the kernel's relay: a concern write leaves its events in the item's Pending column;
 * this turns them into audit entries and outbox entries (recipients resolved from the directory), brings the
 * concern's tasks on the work queue up to its current state, and then clears Pending. Every step is keyed or
 * guarded, so a crash between any two writes loses nothing and the next run repeats nothing.
 */
import { ConcernLists } from './lists';
import type { Actor } from '../kernel/auth/actor';
import type { AuditLog } from '../kernel/audit/audit-log';
import type { Directory } from '../kernel/directory/directory';
import { appendAuditEvent } from '../kernel/events/audit-event';
import { enqueueNotifications, type OutboxEntry } from '../kernel/events/enqueue';
import { idsWithPending, landTogether, type RelaySource } from '../kernel/events/relay';
import type { WorkQueue } from '../kernel/queue/work-queue';
import { allItems } from '../kernel/store/paging';
import { retryOnConflict } from '../kernel/store/retry';
import type { HubPorts } from '../ports/hub-ports';
import { CONCERNS, concernTasks } from './my-work';
import { partnerMatches, type ConcernFacts } from './policy';
import { toRecord, type ConcernRecord, type ConcernRepository } from './repository';
import type { RouteRepository } from './routes/route-repository';
import { stepDefinition } from './workflow/engine';
import type { NotifyEvent, PendingEvent } from './workflow/state';

export interface ConcernRelayDeps {
  ports: HubPorts;
  repo: ConcernRepository;
  routes: RouteRepository;
  directory: Directory;
  audit: AuditLog;
  queue: WorkQueue;
}

/**
 * How long one read of who holds which role serves the relays that follow it. A burst of decisions shares a
 * read of the People list; someone added to (or removed from) the directory is seen by the relays after that.
 */
export const DIRECTORY_READ_SERVES_MS = 2_000;

export class ConcernRelaySource implements RelaySource {
  readonly item = 'concern';
  private everyone?: { at: number; actors: Promise<Actor[]> };

  constructor(private readonly d: ConcernRelayDeps) {}

  /** Everyone who can act, read afresh when the last read is older than DIRECTORY_READ_SERVES_MS (wall clock). */
  private actors(): Promise<Actor[]> {
    const now = Date.now();
    if (!this.everyone || now - this.everyone.at > DIRECTORY_READ_SERVES_MS) {
      const actors = this.d.directory.actors();
      this.everyone = { at: now, actors };
      // A failed read is not kept: the next relay reads again.
      actors.catch(() => {
        if (this.everyone?.actors === actors) this.everyone = undefined;
      });
    }
    return this.everyone.actors;
  }

  pendingIds(): Promise<number[]> {
    return idsWithPending(this.d.ports.store, ConcernLists.concerns);
  }

  /**
   * Lands every pending event of the concern, reconciles its tasks, then clears the events with the ETag they
   * were read with. If the concern changed meanwhile, the whole run is repeated on the fresh record: what
   * already landed is found there and not landed twice, and the tasks follow the newest state.
   */
  async relayItem(id: number): Promise<number> {
    return retryOnConflict(
      async () => {
        const record = await this.d.repo.byId(id);
        if (!record || record.pending.length === 0) return 0;
        const facts = await this.facts(record);
        // My work and the events at once (their writes share commits and round trips): audit entries one by
        // one (each is chained to the last), then the notifications of all events in one batch. Each is
        // keyed, so whichever fails, the run repeated lands only what is missing.
        const landing = async () => {
          const outbox: OutboxEntry[] = [];
          for (const event of record.pending)
            outbox.push(...(await this.land(facts, event, () => this.actors())));
          await enqueueNotifications(this.d.ports.store, outbox);
        };
        await landTogether([
          this.d.queue.reconcile(CONCERNS, record.reference, concernTasks(facts, record)),
          landing(),
        ]);
        await this.d.repo.clearPending(record);
        return record.pending.length;
      },
      {
        exhausted: () =>
          new Error('The concern kept changing while its events were relayed; left for the next run'),
      },
    );
  }

  /**
   * Gives every concern its tasks from its current state: for a store written before the work queue existed.
   * Idempotent; a concern that cannot be read is logged and left out.
   */
  async backfill(): Promise<number> {
    let done = 0;
    for (const where of [
      { column: 'Status', op: 'eq' as const, value: 'open' },
      { column: 'HasScheduledReviews', op: 'eq' as const, value: true },
    ]) {
      for await (const item of allItems(this.d.ports.store, ConcernLists.concerns, {
        where: [where],
        top: 500,
      })) {
        try {
          const record = toRecord(item);
          await this.d.queue.reconcile(
            CONCERNS,
            record.reference,
            concernTasks(await this.facts(record), record),
          );
          done++;
        } catch (e) {
          this.d.ports.logger.error('work-queue backfill failed for concern', {
            concernId: item.id,
            error: e instanceof Error ? e.name : 'unknown',
          });
        }
      }
    }
    return done;
  }

  private async facts(record: ConcernRecord): Promise<ConcernFacts> {
    return {
      reference: record.reference,
      referrerId: record.referrerId,
      referrerPartnerId: record.referrerPartnerId,
      route: await this.d.routes.get(record.routeId, record.routeVersion),
      state: record.state,
    };
  }

  /** Appends an audit event; for a notification, returns its outbox entries (one per recipient). */
  private async land(
    facts: ConcernFacts,
    event: PendingEvent,
    everyone: () => Promise<Actor[]>,
  ): Promise<OutboxEntry[]> {
    if (event.kind === 'audit') {
      await appendAuditEvent(this.d.audit, event, `${ConcernLists.concerns}/${facts.reference}`);
      return [];
    }
    const { recipients, holders } = await this.resolve(facts, event, everyone);
    const base = { type: event.type, reference: facts.reference, title: event.title, body: event.body };
    const ids = {
      ...(event.stepId ? { stepId: event.stepId } : {}),
      ...(event.requestId ? { requestId: event.requestId } : {}),
    };
    const now = this.d.ports.clock.now().toISOString();
    if (holders === 0) {
      // Nobody holds the role in that agency: record it where the co-ordinator sees it, never drop it.
      const recipientId = `unresolved:${event.key}`;
      return [
        {
          ...base,
          ...ids,
          dedupeKey: `${event.key}:${recipientId}`,
          recipientId,
          status: 'undeliverable',
          error: 'Nobody holds the role this notification is for.',
          now,
        },
      ];
    }
    return recipients.map((recipientId) => ({
      ...base,
      ...ids,
      dedupeKey: `${event.key}:${recipientId}`,
      recipientId,
      status: 'pending' as const,
      now,
    }));
  }

  private async resolve(
    facts: ConcernFacts,
    event: NotifyEvent,
    everyone: () => Promise<Actor[]>,
  ): Promise<{ recipients: string[]; holders: number }> {
    const ids = new Set<string>();
    for (const r of event.recipients) {
      if (r.kind === 'person') {
        ids.add(r.id);
        continue;
      }
      const def = stepDefinition(facts.route, { stageIndex: r.stageIndex, stepKey: r.stepKey });
      const decider = r.escalation ? def.escalateTo : def.decidedBy;
      // The referrer never gets cards for their own concern's steps.
      for (const a of await everyone())
        if (a.id !== facts.referrerId && partnerMatches(a, decider, facts)) ids.add(a.id);
    }
    // Who the event is for, before those who need not hear it (the decider of a "decided") are left out.
    const holders = ids.size;
    for (const id of event.except ?? []) ids.delete(id);
    return { recipients: [...ids], holders };
  }
}
