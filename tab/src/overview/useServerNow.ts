import { useEffect, useState } from 'react';

const TICK_MS = 30_000;

/**
 * The server's "now", carried forward by this machine's clock: deadlines and the time in
 * the war room's zone are shown against the server, whose clock decides them. Ticks every
 * 30 s to move the clock and the countdowns; nothing is fetched.
 */
export function useServerNow(serverNow: string | null): Date | null {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const [anchor, setAnchor] = useState<{ server: number; local: number } | null>(null);
  useEffect(() => {
    if (serverNow !== null) setAnchor({ server: Date.parse(serverNow), local: Date.now() });
  }, [serverNow]);
  if (anchor === null) return serverNow === null ? null : new Date(serverNow);
  void tick;
  return new Date(anchor.server + (Date.now() - anchor.local));
}
