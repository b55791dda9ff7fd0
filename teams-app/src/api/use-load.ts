/** Loads something from the hub for a page: loading, the value or the error, and a way to load it again. */
import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading'; value?: T }
  | { state: 'ready'; value: T }
  | { state: 'failed'; error: unknown; value?: T };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const run = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => {
    const mine = ++run.current;
    setLoaded((l) => ({ state: 'loading', ...(l.value !== undefined ? { value: l.value } : {}) }));
    loadRef.current().then(
      (value) => mine === run.current && setLoaded({ state: 'ready', value }),
      (error: unknown) =>
        mine === run.current &&
        setLoaded((l) => ({ state: 'failed', error, ...(l.value !== undefined ? { value: l.value } : {}) })),
    );
  }, []);
  // The caller names what the load depends on (as useEffect's own deps).
  useEffect(reload, deps);
  /** Replaces the value without a round trip (e.g. with what a write answered). */
  const set = useCallback((value: T) => setLoaded({ state: 'ready', value }), []);
  return { loaded, reload, set };
}
