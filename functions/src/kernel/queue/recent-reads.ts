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
  private readonly kept = new Map<string, { at: number; value: Promise<T> }>();

  /** `now`: milliseconds; a clock set back counts as old. */
  constructor(private readonly now: () => number) {}

  /** Something changed (or may have): forget every read, those still under way too. */
  changed(): void {
    this.kept.clear();
  }

  /**
   * A read of `key` kept from the last QUEUE_READ_TTL_MS, or begun then and still under way (so the parts of one
   * My work, or many people at once, share it), or else a new one. A failed read is not kept.
   */
  read(key: string, load: () => Promise<T>): Promise<T> {
    const at = this.now();
    const hit = this.kept.get(key);
    if (hit && at - hit.at >= 0 && at - hit.at <= QUEUE_READ_TTL_MS) return hit.value;
    const value = load();
    if (this.kept.size >= MAX_KEPT) this.kept.clear();
    const entry = { at, value };
    this.kept.set(key, entry);
    value.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return value;
  }
}
