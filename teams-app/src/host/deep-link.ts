/** Which page a Teams deep link (entityId + subEntityId, see contract/src/concerns/links.ts) should open. */
import { parseConcernSubEntityId } from '@pph/contract';

export function deepLinkPath(subPageId: string | undefined): string | undefined {
  if (!subPageId) return undefined;
  const reference = parseConcernSubEntityId(subPageId);
  return reference ? `/concern?ref=${encodeURIComponent(reference)}` : undefined;
}
