/**
 * The one place that wires the hub: the kernel, then each capability registered with it (its lists provisioned,
 * its actions in the registry, its services started). Every host (HTTP, timers, the bot's API) calls this object.
 */
import type { HealthResponse } from '@pph/contract';
import { concernCapability, type ConcernCapabilityServices } from './concerns/capability';
import { returnCapability, type ReturnCapabilityServices } from './returns/capability';
import { meetingCapability, type MeetingCapabilityServices } from './meetings/capability';
import { minutesCapability, type MinutesCapabilityServices } from './minutes/capability';
import { packCapability, type PackCapabilityServices } from './packs/capability';
import type { AuditVerification } from './kernel/audit/audit-log';
import type { Actor } from './kernel/auth/actor';
import { createKernel, type Kernel } from './kernel/kernel';
import { KERNEL_LISTS } from './kernel/lists';
import { kernelHandlers, type KernelHandled, type MyWorkSource } from './kernel/operations/kernel-handlers';
import type { OperationHandlers } from './kernel/operations/handler';
import type { HubPorts } from './ports/hub-ports';
import type {
  ConcernOperations,
  MeetingOperations,
  MinutesOperations,
  PackOperations,
  ReturnOperations,
} from '@pph/contract';

/** Every capability of the hub: a new one is one more entry here and one more start below. */
export const CAPABILITIES = [
  concernCapability,
  returnCapability,
  meetingCapability,
  minutesCapability,
  packCapability,
] as const;

/** The operations the hub itself answers: every capability's, and the kernel's less the host-only ones. */
export type HubHandled = KernelHandled &
  typeof ConcernOperations &
  typeof ReturnOperations &
  typeof MeetingOperations &
  typeof MinutesOperations &
  typeof PackOperations;

export interface Hub
  extends
    Kernel,
    ConcernCapabilityServices,
    ReturnCapabilityServices,
    MeetingCapabilityServices,
    MinutesCapabilityServices,
    PackCapabilityServices {
  /** Each capability's part of My work beyond the concerns' steps and reviews. */
  myWorkSources: readonly MyWorkSource[];
  /** The handlers of every operation in the contract's table, but those only a host supplies. */
  handlers(info: Omit<HealthResponse, 'status' | 'time'>): OperationHandlers<HubHandled>;
  /** Relay what is pending, then walk the audit chain (administrator). */
  verifyAudit(actor: Actor): Promise<AuditVerification>;
}

export async function createHub(ports: HubPorts): Promise<Hub> {
  await ports.store.provision([...KERNEL_LISTS, ...CAPABILITIES.flatMap((c) => c.lists)]);
  const kernel = createKernel(ports);
  for (const c of CAPABILITIES) kernel.authorisation.register(c.actions);
  const concerns = await concernCapability.start(kernel);
  const returns = await returnCapability.start(kernel);
  const meetings = await meetingCapability.start(kernel);
  const minutes = await minutesCapability.start(kernel, { meetings: meetings.services.meetings });
  const packs = await packCapability.start(kernel, {
    meetings: meetings.services.meetings,
    minutes: minutes.services.minutes,
    returns: returns.services.returns,
    concernStatistics: concerns.services.concernStatistics,
    ...(ports.converter ? { converter: ports.converter } : {}),
  });
  const hub: Hub = {
    ...kernel,
    ...concerns.services,
    ...returns.services,
    ...meetings.services,
    ...minutes.services,
    ...packs.services,
    myWorkSources: [returns.services.returnWork, minutes.services.actionWork],
    handlers: (info) => ({
      ...kernelHandlers(hub, info),
      ...concerns.handlers,
      ...returns.handlers,
      ...meetings.handlers,
      ...minutes.handlers,
      ...packs.handlers,
    }),
    async verifyAudit(actor) {
      kernel.authorisation.require(actor, 'audit.verify');
      await kernel.relay.runOnce();
      return kernel.audit.verify();
    },
  };
  return hub;
}
