/**
 * The meetings capability, registered with the kernel: its list, actions, timer, services and handlers. The
 * quorum rule and the invitations adapter are configuration: by default the contract's rule, and .ics files in
 * the document library (production passes the Graph adapter, adapters/calendar/graph-invites.ts).
 */
import { DEFAULT_QUORUM_RULE, type QuorumRule } from '@pph/contract';
import type { Capability } from '../kernel/capability';
import type { HubPorts } from '../ports/hub-ports';
import type { MeetingInvites } from '../ports/meeting-invites';
import { IcsFileInvites, INVITATIONS_LIBRARY } from '../adapters/calendar/ics-invites';
import type { Organiser } from '../adapters/calendar/ics';
import { MeetingDemo } from './demo';
import { meetingHandlers } from './handlers';
import { MEETING_LISTS } from './lists';
import { MEETING_ACTIONS } from './policy';
import { MeetingRepository } from './repository';
import { MeetingService, PAPERS_LIBRARY } from './service';
import { MeetingTimer } from './timers';

export interface MeetingCapabilityServices {
  meetings: MeetingService;
  /** The demo Board for local runs (the local seed calls it). */
  meetingsDemo: MeetingDemo;
}

export interface MeetingsOptions {
  quorum?: QuorumRule;
  /** Who invitations come from (the secretariat's mailbox). */
  organiser?: Organiser;
  /** The calendar: .ics files by default. */
  invites?: (ports: HubPorts) => MeetingInvites;
}

export const DEFAULT_ORGANISER: Organiser = {
  name: 'Prevent Partnership secretariat',
  email: 'prevent-secretariat@partnership.example',
};

export function meetingsCapability(
  opts: MeetingsOptions = {},
): Capability<MeetingCapabilityServices, ReturnType<typeof meetingHandlers>> {
  const organiser = opts.organiser ?? DEFAULT_ORGANISER;
  return {
    name: 'meetings',
    lists: MEETING_LISTS,
    // The invitations library holds the .ics files, unused where Graph sends the invitations.
    libraries: [PAPERS_LIBRARY, INVITATIONS_LIBRARY],
    actions: MEETING_ACTIONS,
    async start(k) {
      const { ports } = k;
      const repo = new MeetingRepository(ports.store);
      const meetings = new MeetingService({
        ports,
        repo,
        directory: k.directory,
        audit: k.audit,
        authorisation: k.authorisation,
        counters: k.counters,
        invites: opts.invites
          ? opts.invites(ports)
          : (ports.invites ?? new IcsFileInvites(ports.documents, organiser)),
        organiser,
        quorum: opts.quorum ?? DEFAULT_QUORUM_RULE,
      });
      k.timers.register(new MeetingTimer({ ports, repo, service: meetings }));
      const meetingsDemo = new MeetingDemo({
        repo,
        directory: k.directory,
        counters: k.counters,
        documents: ports.documents,
      });
      return { services: { meetings, meetingsDemo }, handlers: meetingHandlers(meetings) };
    },
  };
}

export const meetingCapability = meetingsCapability();
