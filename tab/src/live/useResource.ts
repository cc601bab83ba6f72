import { useCallback, useEffect, useState } from 'react';

export interface Resource<T> {
  /** The last data loaded for the current key; kept while a refresh runs or fails. */
  data: T | null;
  error: unknown;
  /** True while there is nothing to show yet: the first load, or a retry after a failed one. */
  loading: boolean;
  /** Loads again; the current data stays on screen meanwhile. */
  reload(): void;
}

interface State<T> {
  key: string | null;
  data: T | null;
  error: unknown;
  pending: boolean;
}

/**
 * Loads data for `key` (null: nothing to load) and reloads on request. `load` must be
 * stable (useCallback). Responses that arrive after the key changed or a newer request
 * started are dropped.
 */
export function useResource<T>(
  key: string | null,
  load: (key: string, signal: AbortSignal) => Promise<T>,
): Resource<T> {
  const [state, setState] = useState<State<T>>({
    key: null,
    data: null,
    error: null,
    pending: false,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    load(key, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: null, pending: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          key,
          data: previous.key === key ? previous.data : null,
          error,
          pending: false,
        }));
      },
    );
    return () => controller.abort();
  }, [key, load, generation]);

  const reload = useCallback(() => {
    setState((previous) => ({ ...previous, pending: true }));
    setGeneration((n) => n + 1);
  }, []);

  const current = state.key === key;
  const data = current ? state.data : null;
  return {
    data,
    error: current && !(state.pending && data === null) ? state.error : null,
    loading: key !== null && (!current || (state.pending && data === null)),
    reload,
  };
}
