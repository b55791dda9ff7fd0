/** A store that dies part-way: the crash-injection tests' way of cutting a change short at every write. */
import type { Store } from '@pph/functions/ports/store';

export class Crash extends Error {}

/** Once armed, lets `budget` writes through, then fails every call as a dead process would. */
export function crashingStore(
  inner: Store,
  budget: number,
): Store & { crashed: () => boolean; arm: () => void } {
  let writes = 0;
  let dead = false;
  let armed = false;
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>, isWrite: boolean) =>
    async (...a: A): Promise<R> => {
      if (dead) throw new Crash('process is dead');
      if (armed && isWrite && ++writes > budget) {
        dead = true;
        throw new Crash(`crashed before write ${writes}`);
      }
      return fn(...a);
    };
  return {
    kind: inner.kind,
    provision: guard(inner.provision.bind(inner), false),
    create: guard(inner.create.bind(inner), true),
    get: guard(inner.get.bind(inner), false),
    update: guard(inner.update.bind(inner), true),
    delete: guard(inner.delete.bind(inner), true),
    query: guard(inner.query.bind(inner), false),
    batch: guard(inner.batch.bind(inner), true),
    // All or nothing where the store offers it: one write, so a crash lands before the whole of it.
    ...(inner.batchAtomic ? { batchAtomic: guard(inner.batchAtomic.bind(inner), true) } : {}),
    close: () => inner.close(),
    crashed: () => dead,
    arm: () => {
      armed = true;
    },
  };
}

interface Life {
  settle(): Promise<unknown>;
  pumpOnce(): Promise<unknown>;
}

/**
 * Two lives of a hub on one store file: the first acts on a store that dies after `budget` writes; the second,
 * started after `restart` (e.g. past any lease the dead process held), does what a client or the timer would: the
 * same act again, then a settle and two pumps of the relay and the outbox. The caller reads the second and closes it.
 */
export async function crashAndRetry<H extends Life>(o: {
  open: () => Promise<Store>;
  budget: number;
  hub: (store: Store) => Promise<H>;
  act: (hub: H) => Promise<void>;
  restart: () => void;
}): Promise<{ crashed: boolean; second: H }> {
  const store = crashingStore(await o.open(), o.budget);
  const first = await o.hub(store);
  store.arm();
  try {
    await o.act(first);
    await first.settle();
    await first.pumpOnce();
  } catch (e) {
    if (!(e instanceof Crash)) throw e;
  }
  await first.settle();
  const crashed = store.crashed();
  await store.close();

  o.restart();
  const second = await o.hub(await o.open());
  await o.act(second);
  await second.settle();
  await second.pumpOnce();
  await second.pumpOnce();
  return { crashed, second };
}
