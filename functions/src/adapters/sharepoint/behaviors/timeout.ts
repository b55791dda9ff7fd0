/**
 * A deadline for each request, retries and their waits included, so a caller is never left waiting on a
 * SharePoint that does not answer. The timer does not keep the process alive (AbortSignal.timeout).
 */
import type { Queryable, TimelinePipe } from '../pnp';

export function Timeout(ms: number): TimelinePipe<Queryable> {
  return (instance) => {
    instance.on.pre(async (url: string, init: RequestInit, result: unknown) => {
      const deadline = AbortSignal.timeout(ms);
      init.signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
      return [url, init, result];
    });
    return instance;
  };
}
