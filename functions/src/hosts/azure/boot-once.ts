/**
 * Memoises an asynchronous boot: callers share one attempt while it runs and its result once it succeeds. A
 * failed attempt is forgotten, so the next invocation boots again (a store that was briefly unreachable at
 * cold start must not leave the function app failing every request until it is recycled).
 */
export function bootOnce<T>(boot: () => Promise<T>): () => Promise<T> {
  let ready: Promise<T> | undefined;
  return () => {
    if (!ready) {
      const attempt = Promise.resolve().then(boot);
      ready = attempt;
      attempt.catch(() => {
        if (ready === attempt) ready = undefined;
      });
    }
    return ready;
  };
}
