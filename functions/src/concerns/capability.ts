/** The concern capability, registered with the kernel: its lists, actions, services, relay source and timers. */
import type { Capability } from '../kernel/capability';
import { concernHandlers } from './handlers';
import { concernLateNotices } from './late-notices';
import { CONCERN_LISTS } from './lists';
import { MyWork } from './my-work';
import { CONCERN_ACTIONS } from './policy';
import { ConcernRelaySource } from './relay-source';
import { ConcernRepository } from './repository';
import { DEFAULT_ROUTE } from './routes/default-route';
import { RouteCatalogue } from './routes/route-catalogue';
import { RouteRepository } from './routes/route-repository';
import { ConcernService } from './service';
import { Drafts } from './drafts';
import { CONCERN_STATISTICS_ACTIONS, ConcernStatisticsService } from './statistics';
import { ConcernTimer } from './timers';

export interface ConcernCapabilityServices {
  concerns: ConcernService;
  routes: RouteRepository;
  drafts: Drafts;
  /** "My work": one query on the work queue (concern steps and reviews). */
  myWork: MyWork;
  /** Anonymised, suppressed counts of concerns for a period (the board pack's statistics). */
  concernStatistics: ConcernStatisticsService;
}

export const concernCapability: Capability<ConcernCapabilityServices, ReturnType<typeof concernHandlers>> = {
  name: 'concerns',
  lists: CONCERN_LISTS,
  actions: { ...CONCERN_ACTIONS, ...CONCERN_STATISTICS_ACTIONS },
  async start(k) {
    const { ports, directory, audit, workQueue: queue } = k;
    const routes = new RouteRepository(ports.store);
    await routes.publish(DEFAULT_ROUTE);
    const repo = new ConcernRepository(ports.store);
    const relaySource = new ConcernRelaySource({ ports, repo, routes, directory, audit, queue });
    k.relay.register(relaySource);
    // A store from before the work queue: its concerns get their tasks once (idempotent if cut short).
    await k.counters.once('work-queue-backfill-concerns', () => relaySource.backfill());
    const kickRelay = (id: number) => k.kickRelay(relaySource.item, id);
    k.timers.register(new ConcernTimer({ ports, repo, routes, kickRelay }));
    k.conversations.registerLateNoticeJudge(concernLateNotices(repo));
    const concerns = new ConcernService({ ports, repo, routes, directory, audit, kickRelay });
    const drafts = new Drafts(ports);
    const myWork = new MyWork({ ports, queue });
    const concernStatistics = new ConcernStatisticsService({
      store: ports.store,
      directory,
      clock: ports.clock,
      authorisation: k.authorisation,
    });
    return {
      services: { concerns, routes, drafts, myWork, concernStatistics },
      handlers: concernHandlers({ concerns, drafts, catalogue: new RouteCatalogue(routes) }),
    };
  },
};
