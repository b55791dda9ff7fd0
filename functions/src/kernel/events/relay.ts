/**
 * Moves the events that writes left on their items (audit entries, notifications, work-queue changes) on to the
 * kernel's lists, for every capability that registers a source. Each source is built for a crash between any two
 * writes: what it lands is keyed and unique, so doing a step twice does nothing twice, and events are cleared
 * from an item only after they have landed.
 */
import type { Logger } from '../../ports/logger';
import type { Store } from '../../ports/store';
import { allItems } from '../store/paging';

export interface RelaySource {
  /** What an item is called in logs ('concern' logs "relay failed for concern" with `concernId`). */
  readonly item: string;
  /** The ids of items with events waiting (an indexed query, e.g. HasPending eq true). */
  pendingIds(): Promise<number[]>;
  /** Moves one item's events on and clears them; returns how many moved. Safe to repeat and to overlap. */
  relayItem(id: number): Promise<number>;
}

/** The ids of a list's items marked `HasPending` (an indexed boolean column): what most sources' pendingIds are. */
export async function idsWithPending(store: Store, list: string): Promise<number[]> {
  const ids: number[] = [];
  for await (const item of allItems(store, list, {
    where: [{ column: 'HasPending', op: 'eq', value: true }],
    top: 500,
  }))
    ids.push(item.id);
  return ids;
}

/**
 * Runs an item's landings side by side and waits for every one to end before throwing the first failure: a
 * retry must never start while a part of the failed run is still writing (Promise.all would let it).
 */
export async function landTogether(landings: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(landings)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export class Relay {
  private readonly sources = new Map<string, RelaySource>();
  /** The relay now running (or queued) per item in this process, so two never race on one item here. */
  private readonly lanes = new Map<string, Promise<number>>();

  constructor(private readonly logger: Logger) {}

  register(source: RelaySource): this {
    if (this.sources.has(source.item))
      throw new Error(`A relay source for ${source.item} is already registered.`);
    this.sources.set(source.item, source);
    return this;
  }

  /**
   * Relays every item of every source that has events waiting. Safe to run twice at once: the second does
   * nothing twice. An item that cannot be relayed (a row that will not parse, a route that is missing) is logged
   * and left with its events for the next run; the others still go through.
   */
  async runOnce(): Promise<number> {
    let moved = 0;
    for (const source of this.sources.values()) {
      for (const id of await source.pendingIds()) {
        try {
          moved += await this.relayItem(source.item, id);
        } catch (e) {
          // Ids and error names only: messages from deep inside may carry data we must not log.
          this.logger.error(`relay failed for ${source.item}`, {
            [`${source.item}Id`]: id,
            error: e instanceof Error ? e.name : 'unknown',
          });
        }
      }
    }
    return moved;
  }

  /**
   * Relays one item now (a write kicks this). In this process relays of one item run one after another: a
   * relay queued behind a running one starts only when it ends, so it reads what that one left.
   */
  relayItem(item: string, id: number): Promise<number> {
    const source = this.sources.get(item);
    if (!source) return Promise.reject(new Error(`No relay source for ${item}.`));
    const key = `${item}/${id}`;
    const before = this.lanes.get(key);
    const run = (before ? before.catch(() => 0) : Promise.resolve(0)).then(() => source.relayItem(id));
    this.lanes.set(key, run);
    const forget = () => {
      if (this.lanes.get(key) === run) this.lanes.delete(key);
    };
    run.then(forget, forget);
    return run;
  }
}
