/**
 * A draft saved as it is typed: a second after the last keystroke (one save at a time, the latest content, the
 * ETag of the last answer). A 409 stops saving and says who changed what, so nothing is saved over someone
 * else's change unless the person chooses to. What was typed is also kept in this browser until the hub has it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ReturnContentInput, type ReturnView } from '@pph/contract';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'failed'; error: unknown }
  | { kind: 'conflict'; message: string; parts: string[] };

const DELAY_MS = 1000;
const RETRY_MS = 5000;

export function useAutosave(opts: {
  etag: string;
  save: (content: ReturnContentInput, etag: string) => Promise<ReturnView>;
  onSaved: (view: ReturnView) => void;
}) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const etag = useRef(opts.etag);
  const latest = useRef<ReturnContentInput | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | undefined>(undefined);
  const stopped = useRef(false);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  /** Saves what is waiting, if anything, and then whatever was typed meanwhile. */
  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (running.current) await running.current;
    const content = latest.current;
    if (!content || stopped.current) return;
    latest.current = undefined;
    setState({ kind: 'saving' });
    running.current = (async () => {
      try {
        const view = await optsRef.current.save(content, etag.current);
        etag.current = view.etag;
        optsRef.current.onSaved(view);
        // The hub's time of the save (the browser's clock may disagree with it).
        setState(
          latest.current
            ? { kind: 'pending' }
            : { kind: 'saved', at: view.updatedAt ?? new Date().toISOString() },
        );
      } catch (e) {
        latest.current ??= content; // not saved: try it again with the next change (or flush)
        if (e instanceof ApiError && e.status === 409) {
          stopped.current = true;
          setState({
            kind: 'conflict',
            message: e.message,
            parts: e.fieldErrors.map((f) => f.path),
          });
        } else {
          setState({ kind: 'failed', error: e });
          // The hub did not answer, or failed: try again shortly, as well as with the next change. A refusal
          // (400, 403, 413) would be refused again: it waits for the next change.
          const refused = e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429;
          clearTimeout(timer.current);
          if (!refused) timer.current = setTimeout(() => void flush(), RETRY_MS);
        }
      } finally {
        running.current = undefined;
      }
    })();
    await running.current;
    if (latest.current && !stopped.current) return flush();
  }, []);

  const change = useCallback(
    (content: ReturnContentInput) => {
      latest.current = content;
      if (stopped.current) return;
      setState({ kind: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DELAY_MS);
    },
    [flush],
  );

  /** After a conflict: go on saving from this ETag (the person chose to). */
  const resume = useCallback((fromEtag: string, content?: ReturnContentInput) => {
    etag.current = fromEtag;
    stopped.current = false;
    latest.current = content;
    setState({ kind: 'idle' });
  }, []);

  /** The ETag the next write must carry (a submission after the last save). */
  const currentEtag = () => etag.current;

  useEffect(() => () => clearTimeout(timer.current), []);
  return { state, change, flush, resume, currentEtag };
}
