import { useEffect } from 'react';

/** How often the dashboard polls while live updates are not wired up yet. */
export const REFRESH_INTERVAL_MS = 10_000;

/**
 * Calls `refresh` whenever the data behind the dashboard may have changed.
 *
 * Seam for live updates: today this polls every 10 s (and at once when the tab becomes
 * visible again). When the server's events endpoint (`/api/v1/war-rooms/:id/events`,
 * server-sent events) lands, subscribe to it here with an `EventSource` and call
 * `refresh` per event, keeping a slow poll as fallback; callers stay unchanged.
 */
export function useLiveRefresh(refresh: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_INTERVAL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh, enabled]);
}
