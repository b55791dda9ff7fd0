/**
 * Sending as PnPjs behaviours: `Fetch` makes the one HTTP call, and `wrapSend` lets the behaviours applied after
 * it (throttling, logging) wrap whatever sends now, so each HTTP round trip passes through all of them.
 */
import type { Queryable, TimelinePipe } from '../pnp';

export type SendFn = (this: unknown, url: URL, init: RequestInit) => Promise<Response>;

export function Fetch(fetchImpl: typeof fetch = fetch): TimelinePipe<Queryable> {
  return (instance) => {
    instance.on.send.replace(async (url: URL, init: RequestInit) => fetchImpl(url.toString(), init));
    return instance;
  };
}

/** Replaces the send observer with `wrap(current)`; the current one must exist (apply `Fetch` first). */
export function wrapSend(instance: Queryable, wrap: (inner: SendFn) => SendFn): Queryable {
  const [inner] = instance.on.send.toArray() as SendFn[];
  if (!inner) throw new Error('A send behaviour must come after Fetch().');
  instance.on.send.replace(wrap(inner));
  return instance;
}
