/**
 * The minutes and action-log capability, registered with the kernel: its lists, actions, timer, My work
 * source, services and handlers. It reads meetings through the meetings capability's service, passed to its
 * start by the hub.
 */
import type { Capability, StartedCapability } from '../kernel/capability';
import type { Kernel } from '../kernel/kernel';
import { ActionLog } from './action-log';
import { minutesHandlers } from './handlers';
import { MinutesDemo, type MinutesDemoMeetings } from './demo';
import { MINUTES_LIBRARY, MinutesDocuments } from './documents';
import { MINUTES_LISTS } from './lists';
import type { MeetingsForMinutes } from './meetings';
import { MinutesForPackReader } from './pack';
import { MINUTES_ACTIONS } from './policy';
import { ActionRelaySource } from './relay-source';
import { ActionRepository, MinutesRepository } from './repository';
import { MinutesService } from './service';
import { ActionWork } from './tasks';
import { ActionChaseTimer } from './timers';

export interface MinutesCapabilityServices {
  minutes: MinutesService & Pick<MinutesForPackReader, 'forPack'>;
  actionLog: ActionLog;
  /** The action log's part of My work. */
  actionWork: ActionWork;
  /** The demo minutes for local runs (the local seed calls it, after the meetings' demo). */
  minutesDemo: MinutesDemo;
}

/** What the minutes need from other capabilities. */
export interface MinutesDeps {
  /** The meetings capability's service (its `get`: a meeting as the pack and the minutes read it). */
  meetings: { get: MeetingsForMinutes['find']; list: MinutesDemoMeetings['list'] };
}

type Started = StartedCapability<MinutesCapabilityServices, ReturnType<typeof minutesHandlers>>;

export const minutesCapability: Omit<Capability<MinutesCapabilityServices, Started['handlers']>, 'start'> & {
  start(kernel: Kernel, deps: MinutesDeps): Promise<Started>;
} = {
  name: 'minutes',
  lists: MINUTES_LISTS,
  libraries: [MINUTES_LIBRARY],
  actions: MINUTES_ACTIONS,
  async start(k, deps) {
    const { ports } = k;
    const meetings: MinutesDemoMeetings = {
      find: (id) => deps.meetings.get(id),
      list: (actor) => deps.meetings.list(actor),
    };
    const repo = new MinutesRepository(ports.store);
    const actions = new ActionRepository(ports.store);
    const relaySource = new ActionRelaySource({
      actions,
      queue: k.workQueue,
      audit: k.audit,
      store: ports.store,
      logger: ports.logger,
    });
    k.relay.register(relaySource);
    // A store from before actions were on the work queue: its open actions get their tasks once.
    await k.counters.once('work-queue-backfill-minute-actions', () => relaySource.backfill());
    const actionLog = new ActionLog({
      ports,
      actions,
      counters: k.counters,
      audit: k.audit,
      authorisation: k.authorisation,
      relayNow: (id) => k.relayNow(relaySource.item, id),
    });
    const service = new MinutesService({
      ports,
      repo,
      actions,
      actionLog,
      documents: new MinutesDocuments(ports.documents, () => ports.clock.now()),
      meetings,
      directory: k.directory,
      audit: k.audit,
      authorisation: k.authorisation,
    });
    const pack = new MinutesForPackReader({ repo, actions, actionLog, meetings });
    // One object for the hub: the use cases and the pack's reader (minutes.forPack(meetingId)).
    const minutes = Object.assign(service, { forPack: (id: string) => pack.forPack(id) });
    k.timers.register(new ActionChaseTimer({ ports, actions }));
    const actionWork = new ActionWork({ queue: k.workQueue, clock: ports.clock, logger: ports.logger });
    const minutesDemo = new MinutesDemo({
      minutes: service,
      actionLog,
      meetings,
      directory: k.directory,
      counters: k.counters,
    });
    return {
      services: { minutes, actionLog, actionWork, minutesDemo },
      handlers: minutesHandlers(service, actionLog),
    };
  },
};
