/** The agenda's rules as pure functions: the standing items of a Board meeting, where new items go, moving one. */
import { STANDING_ITEMS, type MeetingKind } from '@pph/contract';
import type { StoredItem } from './state';

export const itemId = (n: number) => `ITM-${String(n).padStart(4, '0')}`;

/** A Board meeting starts with the standing items; other meetings with an empty agenda. */
export function standingAgenda(kind: MeetingKind): StoredItem[] {
  if (kind !== 'prevent-board') return [];
  return STANDING_ITEMS.map((s, i) => ({
    id: itemId(i + 1),
    title: s.title,
    standing: s.key,
    restricted: false,
    clearedFor: [],
    papers: [],
  }));
}

/** Inserts at a 1-based position; without one, before any other business (last when there is none). */
export function insertItem(agenda: readonly StoredItem[], item: StoredItem, position?: number): StoredItem[] {
  const aob = agenda.findIndex((i) => i.standing === 'any-other-business');
  const at =
    position === undefined
      ? aob >= 0
        ? aob
        : agenda.length
      : Math.min(Math.max(position - 1, 0), agenda.length);
  return [...agenda.slice(0, at), item, ...agenda.slice(at)];
}

/** Moves an item to a 1-based position (past the end: last). */
export function moveItem(agenda: readonly StoredItem[], id: string, position: number): StoredItem[] {
  const from = agenda.findIndex((i) => i.id === id);
  if (from < 0) return [...agenda];
  const rest = agenda.filter((i) => i.id !== id);
  const at = Math.min(Math.max(position - 1, 0), rest.length);
  return [...rest.slice(0, at), agenda[from]!, ...rest.slice(at)];
}
