/** The kernel every capability shares: directory, audit, events (relay, outbox), work queue, timers, registry. */
import type { HubPorts } from '../ports/hub-ports';
import { AuditLog } from './audit/audit-log';
import { KERNEL_ACTIONS } from './auth/kernel-actions';
import { AuthorisationRegistry } from './auth/registry';
import { ConversationReferences } from './conversations/conversation-references';
import { Directory } from './directory/directory';
import { OutboxDelivery } from './events/outbox';
import { Relay } from './events/relay';
import { WorkQueue } from './queue/work-queue';
import { Counters } from './store/counters';
import { Scheduler } from './timers/scheduler';

export interface Kernel {
  ports: HubPorts;
  directory: Directory;
  audit: AuditLog;
  counters: Counters;
  /** Whatever waits for someone, from every capability. */
  workQueue: WorkQueue;
  relay: Relay;
  outbox: OutboxDelivery;
  /** Every capability's timers, run together (`tickAll`). */
  timers: Scheduler;
  /** Every action of every capability, with the roles that may attempt it. */
  authorisation: AuthorisationRegistry;
  conversations: ConversationReferences;
  /** Moves one item's pending events on at once after a write (best effort: the relay timer does it anyway). */
  kickRelay(item: string, id: number): void;
  /** The same, awaited: for a write that answers only once its item's events have moved (failures: logged). */
  relayNow(item: string, id: number): Promise<void>;
  /**
   * Relay pending events, then deliver due notifications: what the timers do every minute. Delivery runs even
   * if the relay failed (its failure is then rethrown, so the timer records it).
   */
  pumpOnce(): Promise<void>;
  /** Resolves once relays kicked by recent writes have finished (tests, shutdown). */
  settle(): Promise<void>;
}

export function createKernel(ports: HubPorts): Kernel {
  const directory = new Directory(ports.store, () => ports.clock.now().getTime(), ports.logger);
  const relay = new Relay(ports.logger);
  const outbox = new OutboxDelivery(ports, directory);
  const authorisation = new AuthorisationRegistry().register(KERNEL_ACTIONS);
  const inFlight = new Set<Promise<unknown>>();
  const audit = new AuditLog(ports.store, ports.auditKey, ports.logger);
  const relayNow = (item: string, id: number): Promise<void> =>
    relay.relayItem(item, id).then(
      () => undefined,
      (e: unknown) =>
        ports.logger.warn('relay deferred to timer', {
          [`${item}Id`]: id,
          error: e instanceof Error ? e.name : 'unknown',
        }),
    );
  return {
    ports,
    directory,
    audit,
    counters: new Counters(ports.store),
    workQueue: new WorkQueue(ports.store, () => ports.clock.now().getTime()),
    relay,
    outbox,
    timers: new Scheduler(ports.logger),
    authorisation,
    conversations: new ConversationReferences(ports, authorisation),
    kickRelay(item, id) {
      const p = relayNow(item, id).finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    relayNow,
    async pumpOnce() {
      // Delivery never waits on the relay: whatever is already in the outbox goes out even if relaying failed.
      let relayFailure: unknown;
      try {
        await relay.runOnce();
      } catch (e) {
        relayFailure = e;
        ports.logger.error('relay run failed', { error: e instanceof Error ? e.name : 'unknown' });
      }
      await outbox.deliverDue();
      if (relayFailure !== undefined) throw relayFailure;
    },
    async settle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      // The relays' appends move the audit checkpoint after them.
      await audit.settled();
    },
  };
}
