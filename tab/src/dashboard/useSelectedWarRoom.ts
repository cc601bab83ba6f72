import { useCallback, useEffect, useState } from 'react';

const PARAM = 'warRoom';

function requestedFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get(PARAM);
}

function urlWith(id: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set(PARAM, id);
  return url.toString();
}

/**
 * The selected war room, remembered in `?warRoom=<id>` so a reload or a shared link
 * keeps it. Falls back to the first war room when none (or an unknown one) is asked for.
 */
export function useSelectedWarRoom(
  ids: readonly string[] | null,
): [selectedId: string | null, select: (id: string) => void] {
  const [requested, setRequested] = useState(requestedFromUrl);

  useEffect(() => {
    const onPopState = () => setRequested(requestedFromUrl());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const selected =
    ids === null
      ? requested
      : requested !== null && ids.includes(requested)
        ? requested
        : (ids[0] ?? null);

  useEffect(() => {
    if (ids !== null && selected !== null && selected !== requestedFromUrl()) {
      window.history.replaceState(window.history.state, '', urlWith(selected));
    }
  }, [ids, selected]);

  const select = useCallback((id: string) => {
    if (id === requestedFromUrl()) return;
    window.history.pushState(window.history.state, '', urlWith(id));
    setRequested(id);
  }, []);

  return [selected, select];
}
