import type { LocalHub } from './hub';

/** The demo personas, one per line, for the start-up banner of `npm start`. */
export async function personaLines(hub: LocalHub): Promise<string[]> {
  const partners = await hub.hub.directory.partners();
  const people = await hub.hub.directory.people();
  return people.map(
    (p) =>
      `  ${p.id}  ${p.displayName.padEnd(18)} ${p.roles.join(', ').padEnd(42)} ${partners.get(p.partnerId)?.name ?? ''}`,
  );
}
