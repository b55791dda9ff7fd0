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
import { ConcernTimer } from './concerns/timers';
import { Scheduler } from './kernel/timers/scheduler';
import { WorkQueue } from './kernel/queue/work-queue';
import { Counters } from './kernel/store/counters';
import { ConcernRelaySource } from './concerns/relay-source';
import { MyWork } from './concerns/my-work';
import type { ConcernOperations, HealthResponse } from '@pph/contract';
import { concernHandlers } from './concerns/handlers';
import { CONCERN_ACTIONS } from './concerns/policy';
import { RouteCatalogue } from './concerns/routes/route-catalogue';
import type { AuditVerification } from './kernel/audit/audit-log';
import type { Actor } from './kernel/auth/actor';
import { KERNEL_ACTIONS } from './kernel/auth/kernel-actions';
import { AuthorisationRegistry } from './kernel/auth/registry';
import type { OperationHandlers } from './kernel/operations/handler';
import { kernelHandlers, type KernelHandled } from './kernel/operations/kernel-handlers';

/** The operations the hub itself answers: every capability's, and the kernel's less the host-only ones. */
export type HubHandled = KernelHandled & typeof ConcernOperations;

export interface Hub {
  ports: HubPorts;
  directory: Directory;
  routes: RouteRepository;
  audit: AuditLog;
  concerns: ConcernService;
  relay: Relay;
  outbox: OutboxDelivery;
  /** Every capability's timers, run together (`tickAll`). */
  timers: Scheduler;
  /** Whatever waits for someone, from every capability. */
  workQueue: WorkQueue;
  /** "My work": one query on the work queue. */
  myWork: MyWork;
  drafts: Drafts;
  conversations: ConversationReferences;
  /** Every action of every capability, with the roles that may attempt it. */
  authorisation: AuthorisationRegistry;
  /** The handlers of every operation in the contract's table, but those only a host supplies. */
  handlers(info: Omit<HealthResponse, 'status' | 'time'>): OperationHandlers<HubHandled>;
  /** Relay what is pending, then walk the audit chain (administrator). */
  verifyAudit(actor: Actor): Promise<AuditVerification>;
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
  const workQueue = new WorkQueue(ports.store);
  const concernRelay = new ConcernRelaySource({ ports, repo, routes, directory, audit, queue: workQueue });
  const relay = new Relay(ports.logger).register(concernRelay);
  // A store from before the work queue: its concerns get their tasks once (idempotent if cut short).
  await new Counters(ports.store).once('work-queue-backfill-concerns', () => concernRelay.backfill());
  const inFlight = new Set<Promise<unknown>>();
  const kickRelay = (id: number) => {
    const p = relay
      .relayItem(concernRelay.item, id)
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
  const authorisation = new AuthorisationRegistry().register(KERNEL_ACTIONS).register(CONCERN_ACTIONS);
  const concerns = new ConcernService({ ports, repo, routes, directory, audit, kickRelay });
  const drafts = new Drafts(ports);
  const catalogue = new RouteCatalogue(routes);
  const hub: Hub = {
    ports,
    directory,
    routes,
    audit,
    concerns,
    relay,
    outbox,
    timers: new Scheduler(ports.logger).register(new ConcernTimer({ ports, repo, routes, kickRelay })),
    workQueue,
    myWork: new MyWork({ ports, queue: workQueue }),
    drafts,
    conversations: new ConversationReferences(ports, repo),
    authorisation,
    handlers: (info) => ({
      ...kernelHandlers(hub, info),
      ...concernHandlers({ concerns, drafts, catalogue }),
    }),
    async verifyAudit(actor) {
      authorisation.require(actor, 'audit.verify');
      await relay.runOnce();
      return audit.verify();
    },
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
  return hub;
}
