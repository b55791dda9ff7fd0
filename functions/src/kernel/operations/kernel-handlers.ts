/** The kernel's operations, as plain handlers over the hub's services (no HTTP here). */
import type { HealthResponse, KernelOperations } from '@pph/contract';
import type { Hub } from '../../hub';
import type { OperationHandlers } from './handler';

/** Everything in the kernel's table but what only a host can answer (the OpenAPI document, the demo sign-in). */
export type KernelHandled = Omit<typeof KernelOperations, 'openapi' | 'devPersonas'>;

export function kernelHandlers(
  hub: Hub,
  info: Omit<HealthResponse, 'status' | 'time'>,
): OperationHandlers<KernelHandled> {
  return {
    health: async () => ({ body: { status: 'ok', ...info, time: hub.ports.clock.now().toISOString() } }),
    me: async ({ actor }) => ({ body: await hub.directory.me(actor) }),
    myQueue: async ({ actor }) => ({ body: await hub.myWork.queue(actor) }),
    verifyAudit: async ({ actor }) => ({ body: await hub.verifyAudit(actor) }),
    undeliverableNotifications: async ({ actor }) => ({
      body: { items: await hub.outbox.undeliverable(actor) },
    }),
    saveConversationReference: async ({ actor, body }) => {
      await hub.conversations.save(actor, body.reference);
      return {};
    },
  };
}
