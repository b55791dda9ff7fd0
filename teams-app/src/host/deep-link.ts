/**
 * Which page of the tab a Teams deep link opens: entityId (the tab) with a subEntityId naming the item, as the
 * bot's cards and My work's tasks build them (contract/src/concerns/links.ts, contract/src/returns/links.ts).
 */
import { parseConcernSubEntityId, parseCycleSubEntityId, parseReturnSubEntityId } from '@pph/contract';

export function deepLinkPath(subPageId: string | undefined, pageId?: string): string | undefined {
  if (!subPageId) return undefined;
  const concern = parseConcernSubEntityId(subPageId);
  if (concern) return `/concern?ref=${encodeURIComponent(concern)}`;
  const ret = parseReturnSubEntityId(subPageId);
  if (ret) return `/returns?ref=${encodeURIComponent(ret)}`;
  const cycle = parseCycleSubEntityId(subPageId);
  if (cycle) return `/${pageId === 'dashboard' ? 'dashboard' : 'returns'}?cycle=${encodeURIComponent(cycle)}`;
  return undefined;
}
