/**
 * One log line per SharePoint round trip that went wrong or was slow: the method, the REST resource without its
 * query (filters hold values such as person ids), the status and the time taken. Nothing of a body.
 */
import type { Logger } from '../../../ports/logger';
import type { Queryable, TimelinePipe } from '../pnp';
import { errorName } from '../failure';
import { wrapSend } from './send';

export interface RequestLoggingOptions {
  logger: Logger;
  /** Successful requests slower than this are logged too (default 2 s). */
  slowMs?: number;
}

/** Answers, not faults (a missing item, a duplicate value, a stale ETag), and throttling, which Throttling logs. */
const EXPECTED = new Set([404, 409, 412, 429, 503]);

/** `/sites/hub/_api/web/lists/getByTitle('Concerns')/items(12)` → `web/lists/getByTitle('Concerns')/items(12)`. */
export const resourceOf = (url: URL) => decodeURIComponent(url.pathname).replace(/^.*?\/_api\//, '');

export function RequestLogging(opts: RequestLoggingOptions): TimelinePipe<Queryable> {
  const slowMs = opts.slowMs ?? 2_000;
  return (instance) =>
    wrapSend(
      instance,
      (inner) =>
        async function (this: unknown, url, init) {
          const started = Date.now();
          const ctx = () => ({
            method: init.method ?? 'GET',
            resource: resourceOf(url),
            ms: Date.now() - started,
          });
          try {
            const response = await inner.call(this, url, init);
            if (response.status >= 400 && !EXPECTED.has(response.status))
              opts.logger.warn('sharepoint request failed', { ...ctx(), status: response.status });
            else if (Date.now() - started > slowMs)
              opts.logger.warn('sharepoint request slow', { ...ctx(), status: response.status });
            return response;
          } catch (e) {
            opts.logger.error('sharepoint request did not complete', {
              ...ctx(),
              error: errorName(e),
            });
            throw e;
          }
        },
    );
}
