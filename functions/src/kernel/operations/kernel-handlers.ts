/** The kernel's operations, as plain handlers over the hub's services (no HTTP here). */
import type { HealthResponse, KernelOperations, QueueTask } from '@pph/contract';
import type { Hub } from '../../hub';
import type { Actor } from '../auth/actor';
import type { OperationHandlers } from './handler';

/** A capability's part of My work (returns to write or approve…), beside the concerns' steps and reviews. */
export interface MyWorkSource {
  tasks(actor: Actor): Promise<QueueTask[]>;
}

const overdueFirst = (a: QueueTask, b: QueueTask) =>
  Number(b.overdue) - Number(a.overdue) || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0);

/** Everything in the kernel's table but what only a host can answer (the OpenAPI document, the demo sign-in). */
export type KernelHandled = Omit<typeof KernelOperations, 'openapi' | 'devPersonas'>;

export function kernelHandlers(
  hub: Hub,
  info: Omit<HealthResponse, 'status' | 'time'>,
): OperationHandlers<KernelHandled> {
  return {
    health: async () => ({ body: { status: 'ok', ...info, time: hub.ports.clock.now().toISOString() } }),
    me: async ({ actor }) => ({ body: await hub.directory.me(actor) }),
    myQueue: async ({ actor, query }) => {
      // The other capabilities' tasks come whole with the first page; a later page is more steps and reviews.
      if (query.pageToken) return { body: await hub.myWork.queue(actor, { pageToken: query.pageToken }) };
      const [queue, ...parts] = await Promise.all([
        hub.myWork.queue(actor),
        ...hub.myWorkSources.map((s) => s.tasks(actor)),
      ]);
      return { body: { ...queue, tasks: parts.flat().sort(overdueFirst) } };
    },
    verifyAudit: async ({ actor }) => ({ body: await hub.verifyAudit(actor) }),
    undeliverableNotifications: async ({ actor }) => ({
      body: { items: await hub.outbox.undeliverable(actor) },
    }),
    saveConversationReference: async ({ actor, body }) => {
      await hub.conversations.save(actor, body.reference);
      return {};
    },
    recordFirstMessage: async ({ actor }) => ({
      body: { first: await hub.conversations.recordFirstMessage(actor) },
    }),
  };
}
