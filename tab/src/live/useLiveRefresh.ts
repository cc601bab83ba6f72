import { useEffect } from 'react';

/** How often the war-room list is looked at while no war room is followed live. */
export const REFRESH_INTERVAL_MS = 30_000;

/**
 * Calls `refresh` now and then, and when the tab becomes visible again, while `enabled`.
 *
 * Only for what no event stream covers: a war room's changes arrive live
 * (useWarRoomEvents); a war room that does not exist yet has no stream to announce it.
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
