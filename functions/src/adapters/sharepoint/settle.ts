/** A promise's outcome as a value, attached at once: parts of a $batch settle while the batch is still running. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
