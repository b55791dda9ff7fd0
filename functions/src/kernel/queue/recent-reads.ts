/**
 * The work queue's range reads, kept for a moment. "What waits for me" is read far more often than it changes,
 * and people who share a role in one agency share its range, so one read answers everyone who asks in the next
 * QUEUE_READ_TTL_MS. Every change the queue makes in this process forgets all of them at once (before and after
 * its writes), so here a read never misses a change made in this process; a change made by another instance is
 * seen within QUEUE_READ_TTL_MS. That is safe because the queue is a list of things to do, never a permission:
 * every action checks the item itself (a step already decided is refused with its current view), and the queue
 * already trails the item by its relay.
 */
export const QUEUE_READ_TTL_MS = 1_000;

/**
 * At most this many ranges kept (audiences × pages asked for within the second), then all are dropped and read
 * again: at most 200 pages of a hundred tasks or fewer (a few MB) whatever the load.
 */
const MAX_KEPT = 200;

export class RecentReads<T> {
  private generation = 0;
  private readonly kept = new Map<string, { at: number; value: T }>();

  /** `now`: milliseconds; a clock set back counts as old. */
  constructor(private readonly now: () => number) {}

  /** Something changed (or may have): forget every read, and keep none begun before. */
  changed(): void {
    this.generation++;
    this.kept.clear();
  }

  async read(key: string, load: () => Promise<T>): Promise<T> {
    const at = this.now();
    const hit = this.kept.get(key);
    if (hit && at - hit.at >= 0 && at - hit.at <= QUEUE_READ_TTL_MS) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (this.kept.size >= MAX_KEPT) this.kept.clear();
      this.kept.set(key, { at, value });
    }
    return value;
  }
}
