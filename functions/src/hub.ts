/** Composes the domain services over the ports: the one object every host (HTTP, timers, bot API) calls. */
import { KERNEL_LISTS } from './kernel/lists';
import { CONCERN_LISTS } from './concerns/lists';
import { DEFAULT_ROUTE } from './concerns/routes/default-route';
import { AuditLog } from './kernel/audit/audit-log';
import { ConcernRepository } from './concerns/repository';
import { ConcernService } from './concerns/service';
import { Directory } from './kernel/directory/directory';
import { ConversationReferences, Drafts } from './concerns/drafts';
import { OutboxDelivery } from './kernel/events/outbox';
import type { HubPorts } from './ports/hub-ports';
import { Relay } from './kernel/events/relay';
import { RouteRepository } from './concerns/routes/route-repository';
import { Timers } from './concerns/timers';

export interface Hub {
  ports: HubPorts;
  directory: Directory;
  routes: RouteRepository;
  audit: AuditLog;
  concerns: ConcernService;
  relay: Relay;
  outbox: OutboxDelivery;
  timers: Timers;
  drafts: Drafts;
  conversations: ConversationReferences;
  /**
   * Relay pending events, then deliver due notifications: what the timers do every minute. Delivery runs even
   * if the relay failed (its failure is then rethrown, so the timer records it).
   */
  pumpOnce(): Promise<void>;
  /** Resolves once relays kicked by recent writes have finished (tests, shutdown). */
  settle(): Promise<void>;
}

export async function createHub(ports: HubPorts): Promise<Hub> {
  await ports.store.provision([...KERNEL_LISTS, ...CONCERN_LISTS]);
  const routes = new RouteRepository(ports.store);
  await routes.publish(DEFAULT_ROUTE);
  const directory = new Directory(ports.store, () => ports.clock.now().getTime(), ports.logger);
  const audit = new AuditLog(ports.store, ports.auditKey);
  const repo = new ConcernRepository(ports.store);
  const relay = new Relay({ ports, repo, routes, directory, audit });
  const inFlight = new Set<Promise<unknown>>();
  const kickRelay = (id: number) => {
    const p = relay
      .relayConcern(id)
      .catch((e: unknown) =>
        ports.logger.warn('relay deferred to timer', {
          concernId: id,
          error: e instanceof Error ? e.name : 'unknown',
        }),
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const outbox = new OutboxDelivery(ports, directory);
  return {
    ports,
    directory,
    routes,
    audit,
    concerns: new ConcernService({ ports, repo, routes, directory, audit, kickRelay }),
    relay,
    outbox,
    timers: new Timers({ ports, repo, routes, kickRelay }),
    drafts: new Drafts(ports),
    conversations: new ConversationReferences(ports, repo),
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
    },
  };
}
