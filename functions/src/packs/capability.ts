/**
 * The board pack capability, registered with the kernel: its lists, actions, the build job (with a timer step
 * for hosts where a build cannot run in the request's process), services and handlers. It reads the meetings,
 * the minutes, the returns and the concern statistics through the services the hub passes to its start.
 */
import type { Capability, StartedCapability } from '../kernel/capability';
import type { Kernel } from '../kernel/kernel';
import type { PaperConverter } from '../ports/paper-converter';
import { compilePack } from './compile/compile-pack';
import { packHandlers, type StatisticsReader } from './handlers';
import { PACK_LIBRARY, PackJobs, type PackSources } from './job';
import { PACK_LISTS } from './lists';
import { PACK_ACTIONS } from './policy';
import { PackRepository } from './repository';
import { PackService } from './service';

export interface PackCapabilityServices {
  packs: PackService;
  /** The build job: `runDue` is the timer step; `settle` waits for in-process builds (tests, shutdown). */
  packJobs: PackJobs;
}

export interface PackDependencies extends PackSources {
  concernStatistics: PackSources['concernStatistics'] & StatisticsReader;
  /** Converts Word papers to PDF when one is available (LibreOffice locally, Graph on SharePoint). */
  converter?: PaperConverter;
}

type Started = StartedCapability<PackCapabilityServices, ReturnType<typeof packHandlers>>;

export const packCapability: Omit<Capability<PackCapabilityServices, Started['handlers']>, 'start'> & {
  start(kernel: Kernel, deps: PackDependencies): Promise<Started>;
} = {
  name: 'packs',
  lists: PACK_LISTS,
  libraries: [PACK_LIBRARY],
  actions: PACK_ACTIONS,
  async start(k, deps) {
    const repo = new PackRepository(k.ports.store);
    const jobs = new PackJobs({
      ports: k.ports,
      repo,
      sources: deps,
      actorOf: async (id) => (await k.directory.actors()).find((a) => a.id === id),
      compile: compilePack,
      ...(deps.converter ? { converter: deps.converter } : {}),
    });
    k.timers.register({ name: 'pack-builds', run: () => jobs.runDue() });
    const packs = new PackService({
      ports: k.ports,
      repo,
      jobs,
      sources: deps,
      authorisation: k.authorisation,
      audit: k.audit,
      counters: k.counters,
    });
    return {
      services: { packs, packJobs: jobs },
      handlers: packHandlers(packs, deps.concernStatistics),
    };
  },
};
