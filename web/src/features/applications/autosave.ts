// Saving a draft as the team types: changes are collected for a moment and sent to the API's
// draft (not to local storage), one save at a time and in order, so the newest text always wins
// and a reload loses nothing that the status line called saved.
import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export function useAutosave<Values>(
  getValues: () => Values,
  save: (values: Values) => Promise<void>,
  delayMs = 700,
) {
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<Promise<boolean> | null>(null);
  // The latest callbacks, so flush() stays one function for the life of the form: an effect that
  // depends on it must not run again on every keystroke.
  const saveRef = useRef(save);
  saveRef.current = save;
  const valuesRef = useRef(getValues);
  valuesRef.current = getValues;

  /** Sends what is not saved yet; resolves true when everything typed so far is saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    while (inflight.current) await inflight.current;
    if (!dirty.current) return true;
    dirty.current = false;
    setState('saving');
    const run = saveRef
      .current(valuesRef.current())
      .then(() => {
        setSavedAt(new Date());
        setError(null);
        setState(dirty.current ? 'pending' : 'saved');
        return true;
      })
      .catch((cause: unknown) => {
        dirty.current = true;
        setError(cause);
        setState('failed');
        return false;
      })
      .finally(() => {
        inflight.current = null;
      });
    inflight.current = run;
    const ok = await run;
    return ok && !dirty.current ? true : ok ? flush() : false;
  }, []);

  /** Marks the form changed and saves shortly after the typing stops. */
  const changed = useCallback(() => {
    dirty.current = true;
    setState((s) => (s === 'saving' ? s : 'pending'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delayMs);
  }, [flush, delayMs]);

  useEffect(() => {
    // Leaving with unsaved text asks first; the save already under way still completes.
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current || inflight.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      clearTimeout(timer.current);
    };
  }, []);

  useEffect(
    () => () => {
      // Leaving the page within the app: what was typed last is still sent.
      if (dirty.current) void flush();
    },
    [flush],
  );

  return { state, savedAt, error, changed, flush };
}
