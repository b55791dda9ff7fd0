/**
 * Moves the events a concern write left in its Pending column on to the audit trail and the outbox, then clears
 * them from the concern. Built for a crash between any two writes: audit appends and outbox creates are keyed
 * and unique, so doing a step twice does nothing twice, and events are cleared only after they have landed.
 */
import type { RouteDefinition } from '@pph/contract';
import { KernelLists } from '../lists';
import { ConcernLists } from '../../concerns/lists';
import { isStoreError } from '../../ports/store';
import type { Actor } from '../auth/actor';
import { partnerMatches, type ConcernFacts } from '../../concerns/policy';
import { stepDefinition } from '../../concerns/workflow/engine';
import type { NotifyEvent, PendingEvent, Recipient } from '../../concerns/workflow/state';
import type { AuditLog } from '../audit/audit-log';
import { toRecord, type ConcernRecord, type ConcernRepository } from '../../concerns/repository';
import type { Directory } from '../directory/directory';
import { allItems } from '../store/paging';
import type { HubPorts } from '../../ports/hub-ports';
import type { RouteRepository } from '../../concerns/routes/route-repository';

export class Relay {
  constructor(
    private readonly d: {
      ports: HubPorts;
      repo: ConcernRepository;
      routes: RouteRepository;
      directory: Directory;
      audit: AuditLog;
    },
  ) {}

  /**
   * Relays every concern that has pending events. Safe to run twice at once: the second does nothing twice.
   * One concern that cannot be relayed (a row that will not parse, a route that is missing) is logged and left
   * with its pending events for the next run; the others still go through.
   */
  async runOnce(): Promise<number> {
    let moved = 0;
    const ids: number[] = [];
    for await (const item of allItems(this.d.ports.store, ConcernLists.concerns, {
      where: [{ column: 'HasPending', op: 'eq', value: true }],
      top: 200,
    }))
      ids.push(item.id);
    for (const id of ids) {
      try {
        moved += await this.relayConcern(id);
      } catch (e) {
        // Ids and error names only: messages from deep inside may carry data we must not log.
        this.d.ports.logger.error('relay failed for concern', {
          concernId: id,
          error: e instanceof Error ? e.name : 'unknown',
        });
      }
    }
    return moved;
  }

  async relayConcern(id: number): Promise<number> {
    let record = await this.d.repo.byId(id);
    if (!record || record.pending.length === 0) return 0;
    const done = new Set<string>();
    for (const event of record.pending) {
      await this.deliverToLists(record, event);
      done.add(event.key);
    }
    // Clear what landed; a concurrent write may have added events meanwhile, which stay for the next run.
    for (let attempt = 0; attempt < 10 && record; attempt++) {
      const remaining = record.pending.filter((e) => !done.has(e.key));
      try {
        await this.d.repo.commit(record, record.state, remaining);
        return done.size;
      } catch (e) {
        if (!isStoreError(e, 'conflict')) throw e;
        record = await this.d.repo.byId(id);
      }
    }
    return done.size;
  }

  private async deliverToLists(record: ConcernRecord, event: PendingEvent): Promise<void> {
    if (event.kind === 'audit') {
      await this.d.audit.append({
        eventKey: event.key,
        at: event.at,
        actorId: event.actorId,
        action: event.action,
        target: `${ConcernLists.concerns}/${record.reference}`,
        digest: event.digest,
      });
      return;
    }
    const route = await this.d.routes.get(record.routeId, record.routeVersion);
    const { recipients, holders } = await this.resolve(route, record, event);
    const now = this.d.ports.clock.now().toISOString();
    if (holders === 0) {
      // Nobody holds the role in that agency: record it where the co-ordinator sees it, never drop it.
      await this.createOutbox(
        event,
        record.reference,
        `unresolved:${event.key}`,
        now,
        'undeliverable',
        'Nobody holds the role this notification is for.',
      );
      return;
    }
    for (const personId of recipients)
      await this.createOutbox(event, record.reference, personId, now, 'pending');
  }

  private async createOutbox(
    event: NotifyEvent,
    reference: string,
    recipientId: string,
    now: string,
    status: 'pending' | 'undeliverable',
    error?: string,
  ) {
    try {
      await this.d.ports.store.create(KernelLists.outbox, {
        DedupeKey: `${event.key}:${recipientId}`,
        EventType: event.type,
        RecipientId: recipientId,
        Reference: reference,
        Payload: JSON.stringify({
          title: event.title,
          body: event.body,
          stepId: event.stepId ?? null,
          requestId: event.requestId ?? null,
        }),
        Status: status,
        Attempts: 0,
        NextAttemptAt: now,
        LastError: error ?? null,
        CreatedAt: now,
        DeliveredAt: null,
      });
    } catch (e) {
      if (!isStoreError(e, 'unique')) throw e; // already in the outbox from an earlier, interrupted run
    }
  }

  private async resolve(
    route: RouteDefinition,
    record: ConcernRecord,
    event: NotifyEvent,
  ): Promise<{ recipients: string[]; holders: number }> {
    const ids = new Set<string>();
    const facts: ConcernFacts = {
      reference: record.reference,
      referrerId: record.referrerId,
      referrerPartnerId: record.referrerPartnerId,
      route,
      state: record.state,
    };
    let actors: Actor[] | undefined;
    for (const r of event.recipients as Recipient[]) {
      if (r.kind === 'person') {
        ids.add(r.id);
        continue;
      }
      actors ??= await this.d.directory.actors();
      const def = stepDefinition(route, { stageIndex: r.stageIndex, stepKey: r.stepKey });
      const decider = r.escalation ? def.escalateTo : def.decidedBy;
      // The referrer never gets cards for their own concern's steps.
      for (const a of actors)
        if (a.id !== record.referrerId && partnerMatches(a, decider, facts)) ids.add(a.id);
    }
    // Who the event is for, before those who need not hear it (the decider of a "decided") are left out.
    const holders = ids.size;
    for (const id of event.except ?? []) ids.delete(id);
    return { recipients: [...ids], holders };
  }
}

export { toRecord };
