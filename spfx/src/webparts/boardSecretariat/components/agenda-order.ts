/** Where an agenda item goes when moved one place up or down, and the list as it looks after a move. */
export interface Ordered {
  id: string;
  position: number;
}

/** The 1-based position an item moves to, or undefined when it cannot move that way (first, last, unknown). */
export function positionAfterStep(
  items: readonly Ordered[],
  itemId: string,
  step: -1 | 1,
): number | undefined {
  const index = items.findIndex((i) => i.id === itemId);
  if (index < 0) return undefined;
  const to = index + step;
  return to < 0 || to >= items.length ? undefined : to + 1;
}

/** The items with `itemId` moved to the 1-based `position`, renumbered (what the hub will answer, shown at once). */
export function moveTo<T extends Ordered>(items: readonly T[], itemId: string, position: number): T[] {
  const from = items.findIndex((i) => i.id === itemId);
  if (from < 0) return [...items];
  const rest = items.filter((i) => i.id !== itemId);
  const at = Math.max(0, Math.min(rest.length, position - 1));
  rest.splice(at, 0, items[from] as T);
  return rest.map((i, n) => ({ ...i, position: n + 1 }));
}
