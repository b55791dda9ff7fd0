import type { Role, Sector } from '@pph/contract';

/** A signed-in person as the domain sees them: resolved from the directory, never from client input. */
export interface Actor {
  id: string;
  displayName: string;
  partnerId: string;
  partnerSector: Sector;
  roles: readonly Role[];
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
