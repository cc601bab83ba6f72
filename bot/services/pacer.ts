/** At most `count` sends in any `windowMs`. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

/**
 * Sliding-window pacing per key (a conversation): how long until the next send may go,
 * under every limit at once. Also holds a key back after a 429 until its Retry-After.
 */
export class Pacer {
  private readonly sent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly longest: number;

  /**
   * `marginMs` is added to every window: the server counts arrivals, and network jitter
   * can bring two sends closer together than they left.
   */
  constructor(
    private readonly limits: readonly RateLimit[],
    private readonly marginMs = 50,
  ) {
    this.longest = Math.max(0, ...limits.map((l) => l.windowMs + marginMs));
  }

  /** Milliseconds to wait before sending on `key` at `now` (0: go now). */
  waitMs(key: string, now: number): number {
    const history = this.prune(key, now);
    let wait = Math.max(0, (this.blockedUntil.get(key) ?? 0) - now);
    for (const { count, windowMs } of this.limits) {
      const inWindow = history.filter((t) => t > now - windowMs - this.marginMs);
      if (inWindow.length >= count) {
        // The oldest send that keeps the window full must leave it first.
        const oldest = inWindow[inWindow.length - count]!;
        wait = Math.max(wait, oldest + windowMs + this.marginMs - now);
      }
    }
    return wait;
  }

  /** Records a send on `key` at `now`. */
  record(key: string, now: number): void {
    const history = this.prune(key, now);
    history.push(now);
    this.sent.set(key, history);
  }

  /** Holds `key` back until `until` (a 429's Retry-After). */
  block(key: string, until: number): void {
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0));
  }

  private prune(key: string, now: number): number[] {
    const history = (this.sent.get(key) ?? []).filter((t) => t > now - this.longest);
    if (history.length === 0) this.sent.delete(key);
    else this.sent.set(key, history);
    if ((this.blockedUntil.get(key) ?? 0) <= now) this.blockedUntil.delete(key);
    return history;
  }
}
