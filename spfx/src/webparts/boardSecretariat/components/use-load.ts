/** Loads something for a view: loading, the value or the error, and a way to load it again. */
import * as React from 'react';

export type Loaded<T> =
  | { state: 'loading'; value?: T }
  | { state: 'ready'; value: T }
  | { state: 'failed'; error: unknown; value?: T };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [loaded, setLoaded] = React.useState<Loaded<T>>({ state: 'loading' });
  const run = React.useRef(0);
  const loadRef = React.useRef(load);
  loadRef.current = load;
  const reload = React.useCallback(() => {
    const mine = ++run.current;
    setLoaded((l) => (l.value !== undefined ? { state: 'loading', value: l.value } : { state: 'loading' }));
    loadRef.current().then(
      (value) => {
        if (mine === run.current) setLoaded({ state: 'ready', value });
      },
      (error: unknown) => {
        if (mine === run.current)
          setLoaded((l) =>
            l.value !== undefined ? { state: 'failed', error, value: l.value } : { state: 'failed', error },
          );
      },
    );
  }, []);
  // The caller names what the load depends on (as useEffect's own deps).
  React.useEffect(reload, deps);
  /** Replaces the value without a round trip (with what a write answered). */
  const set = React.useCallback((value: T) => setLoaded({ state: 'ready', value }), []);
  return { loaded, reload, set };
}
