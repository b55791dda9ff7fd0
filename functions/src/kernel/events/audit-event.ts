/**
 * An audit entry raised with a change and appended later by the relay. Its key makes the append idempotent: a
 * relay cut short and run again finds the key taken and appends nothing twice.
 */
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';

export interface AuditEvent {
  key: string;
  at: string;
  actorId: string;
  action: string;
  /** `digestOf(content)`: the content itself never reaches the trail. */
  digest: string;
}

/** An audit entry as a capability keeps it among an item's pending events, until the relay appends it. */
export const AuditPendingEventSchema = z.object({
  kind: z.literal('audit'),
  key: z.string(),
  at: z.string(),
  actorId: z.string(),
  action: z.string(),
  digest: z.string(),
}) satisfies z.ZodType<AuditEvent & { kind: 'audit' }>;

/** Appends `event` to the audit trail against `target` (e.g. `Concerns/PRV-2026-0001`), once per key. */
export function appendAuditEvent(audit: AuditLog, event: AuditEvent, target: string): Promise<void> {
  return audit.append({
    eventKey: event.key,
    at: event.at,
    actorId: event.actorId,
    action: event.action,
    target,
    digest: event.digest,
  });
}
