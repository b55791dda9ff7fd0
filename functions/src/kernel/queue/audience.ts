/**
 * Who a task in the work queue is for, as a string the queue indexes: a named person, or whoever holds a role
 * (anywhere, in one partner agency, or in any agency of a sector). A person's audiences are the handful of
 * strings that match them, so "what waits for me" is one `Audience in [...]` query.
 */
import type { Role, Sector } from '@pph/contract';
import type { Actor } from '../auth/actor';

export type Audience = string;

export const personAudience = (personId: string): Audience => `person:${personId}`;

export type RoleScope = { partnerId: string } | { sector: Sector } | undefined;

export function roleAudience(role: Role, scope?: RoleScope): Audience {
  if (!scope) return `role:${role}`;
  return 'partnerId' in scope
    ? `role:${role}@partner:${scope.partnerId}`
    : `role:${role}@sector:${scope.sector}`;
}

/** Every audience this person belongs to (at most 1 + 3 per role: well within a store's `in` limit). */
export function audiencesOf(actor: Actor): Audience[] {
  const out = [personAudience(actor.id)];
  for (const role of actor.roles)
    out.push(
      roleAudience(role),
      roleAudience(role, { partnerId: actor.partnerId }),
      roleAudience(role, { sector: actor.partnerSector }),
    );
  return out;
}
