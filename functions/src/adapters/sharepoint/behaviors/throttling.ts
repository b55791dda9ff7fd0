/**
 * 429 and 503 retried, as Microsoft's SharePoint throttling guidance asks: wait what Retry-After says (or back
 * off exponentially without one) and try again, a bounded number of times within a bounded wait. Both answers
 * mean SharePoint did nothing with the request, so a retried write is not applied twice. When the bound is
 * reached the last answer goes back to the caller, who reports "throttled" with the time to wait.
 */
import type { Logger } from '../../../ports/logger';
import { retryAfterSeconds } from '../errors';
import type { Queryable, TimelinePipe } from '../pnp';
import { wrapSend } from './send';

export interface ThrottlingOptions {
  /** Attempts in all, the first included (default 6). */
  maxAttempts?: number;
  /** The most time spent waiting across the retries of one request (default 30 s). */
  maxTotalWaitMs?: number;
  /** Back-off without Retry-After: first wait, doubled each time (default 500 ms). */
  baseDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger?: Logger;
}

export const THROTTLED = new Set([429, 503]);

export function Throttling(opts: ThrottlingOptions = {}): TimelinePipe<Queryable> {
  const maxAttempts = opts.maxAttempts ?? 6;
  const maxTotalWaitMs = opts.maxTotalWaitMs ?? 30_000;
  const base = opts.baseDelayMs ?? 500;
  const sleep = opts.sleep ?? abortableSleep;
  return (instance) =>
    wrapSend(
      instance,
      (inner) =>
        async function (this: unknown, url, init) {
          let waited = 0;
          for (let attempt = 1; ; attempt++) {
            const response = await inner.call(this, url, init);
            if (!THROTTLED.has(response.status)) return response;
            const afterSeconds = retryAfterSeconds(response.headers.get('retry-after'));
            const wait = afterSeconds !== undefined ? afterSeconds * 1000 : base * 2 ** (attempt - 1);
            if (attempt >= maxAttempts || waited + wait > maxTotalWaitMs) {
              opts.logger?.warn('sharepoint throttling: giving up', {
                status: response.status,
                attempts: attempt,
                waitedMs: waited,
              });
              return response;
            }
            await response.arrayBuffer().catch(() => undefined);
            opts.logger?.warn('sharepoint throttling: waiting to retry', {
              status: response.status,
              attempt,
              waitMs: wait,
              retryAfter: afterSeconds !== undefined,
            });
            await sleep(wait, init.signal ?? undefined);
            waited += wait;
          }
        },
    );
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
