/**
 * The one retry-on-conflict loop: SharePoint has no transactions, so every read-modify-write is guarded by an
 * ETag (or a unique column) and tried again on the fresh item when someone else wrote first. Bounded, so a
 * hot item fails loudly instead of spinning.
 */
import { isStoreError, type StoreErrorCode } from '../../ports/store';

export interface RetryOptions {
  /** How many times the operation runs at most (default 10). */
  attempts?: number;
  /** Store error codes that mean "someone else wrote first: read again and retry" (default: conflict). */
  on?: readonly StoreErrorCode[];
  /** What to throw once every attempt lost (default: the last store error). */
  exhausted?: (last: unknown) => Error;
}

/**
 * Runs `op(attempt)` until it succeeds or fails with something that is not a lost race. `op` must read what it
 * changes afresh on each attempt (attempt 0 may reuse what the caller already holds).
 */
export async function retryOnConflict<T>(
  op: (attempt: number) => Promise<T>,
  opts: RetryOptions = {},
): Promise<T> {
  const attempts = opts.attempts ?? 10;
  const codes = opts.on ?? ['conflict'];
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await op(attempt);
    } catch (e) {
      if (!codes.some((c) => isStoreError(e, c))) throw e;
      last = e;
    }
  }
  throw opts.exhausted ? opts.exhausted(last) : last;
}
