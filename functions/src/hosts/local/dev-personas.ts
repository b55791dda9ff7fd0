/** The local host's demo sign-in list: who you can be with the x-dev-persona header. Never served in Azure. */
import type { PersonasResponse } from '@pph/contract';
import type { Hub } from '../../hub';

export async function listDevPersonas(hub: Hub): Promise<PersonasResponse> {
  const partners = await hub.directory.partners();
  const people = await hub.directory.people();
  return {
    items: people.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      roles: p.roles,
      partnerName: partners.get(p.partnerId)?.name ?? p.partnerId,
    })),
  };
}
