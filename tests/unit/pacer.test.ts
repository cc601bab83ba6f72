import fc from 'fast-check';
import { Pacer, type RateLimit } from '../../bot/services/pacer';
import { TEAMS_RATE_LIMITS } from '../../bot/teams';

/** An arbitrary instant (epoch ms), far from 0 so no window reaches before it. */
const T0 = 1_749_888_000_000;
const KEY = 'https://smba.trafficmanager.net/emea/ 19:a@thread.tacv2';

/** Added to every window, for arrival jitter: a wait ends this long after a send leaves. */
const MARGIN = 50;
const teams = () => new Pacer(TEAMS_RATE_LIMITS, MARGIN);

/** Sends `n` messages on `key` at `at` (each allowed at once). */
function burst(pacer: Pacer, n: number, at: number, key = KEY): void {
  for (let i = 0; i < n; i++) {
    expect(pacer.waitMs(key, at)).toBe(0);
    pacer.record(key, at);
  }
}

/** Sends `n` messages as early as the pacer allows, from `start`; returns their times. */
function greedy(pacer: Pacer, n: number, start = T0, key = KEY): number[] {
  const times: number[] = [];
  let now = start;
  for (let i = 0; i < n; i++) {
    now += pacer.waitMs(key, now);
    pacer.record(key, now);
    times.push(now);
  }
  return times;
}

/** Sends in the `windowMs` that ends at `end` (inclusive), as Teams counts them. */
const inWindow = (times: number[], end: number, windowMs: number) =>
  times.filter((t) => t > end - windowMs && t <= end).length;

describe('pacer with the Teams limits', () => {
  it('lets 7 go at once, then waits until the first leaves the 1 s window', () => {
    const pacer = teams();
    for (let i = 0; i < 7; i++) {
      expect(pacer.waitMs(KEY, T0 + i * 10)).toBe(0);
      pacer.record(KEY, T0 + i * 10);
    }
    expect(pacer.waitMs(KEY, T0 + 70)).toBe(1000 + MARGIN - 70);
    expect(pacer.waitMs(KEY, T0 + 1000 + MARGIN - 1)).toBe(1);
    expect(pacer.waitMs(KEY, T0 + 1000 + MARGIN)).toBe(0);
  });

  it('waits exactly for the window when asked for no margin', () => {
    const pacer = new Pacer(TEAMS_RATE_LIMITS, 0);
    burst(pacer, 7, T0);
    expect(pacer.waitMs(KEY, T0 + 999)).toBe(1);
    expect(pacer.waitMs(KEY, T0 + 1000)).toBe(0);
  });

  it('as the app builds it, never lets an 8th message go within a second of the first', () => {
    const pacer = new Pacer(TEAMS_RATE_LIMITS);
    burst(pacer, 7, T0);
    expect(pacer.waitMs(KEY, T0)).toBeGreaterThanOrEqual(1000);
  });

  it('allows 8 per 2 s: the 9th waits for the 2 s window although the 1 s one is free', () => {
    const pacer = teams();
    burst(pacer, 7, T0);
    const eighth = T0 + 1000 + MARGIN;
    burst(pacer, 1, eighth);
    expect(pacer.waitMs(KEY, eighth)).toBe(T0 + 2000 + MARGIN - eighth);
    expect(pacer.waitMs(KEY, T0 + 2000 + MARGIN - 1)).toBe(1);
    expect(pacer.waitMs(KEY, T0 + 2000 + MARGIN)).toBe(0);
  });

  it('allows 60 per 30 s, even when the shorter windows are nowhere near full', () => {
    const pacer = teams();
    // Every 300 ms: at most 4 per second and 7 per 2 s.
    for (let i = 0; i < 60; i++) burst(pacer, 1, T0 + i * 300);
    const next = T0 + 60 * 300;
    expect(pacer.waitMs(KEY, next)).toBe(T0 + 30_000 + MARGIN - next);
    expect(pacer.waitMs(KEY, T0 + 30_000 + MARGIN - 1)).toBe(1);
    expect(pacer.waitMs(KEY, T0 + 30_000 + MARGIN)).toBe(0);
  });

  it('as fast as allowed, sends 60 in the first 30 s and the 61st when the first has left', () => {
    const times = greedy(teams(), 61);
    expect(times.filter((t) => t < T0 + 30_000)).toHaveLength(60);
    expect(times[60]).toBe(T0 + 30_000 + MARGIN);
  });

  it('allows 1,800 per hour', () => {
    const times = greedy(teams(), 1801);
    expect(times[1799]).toBeLessThan(T0 + 3_600_000);
    expect(times[1800]).toBe(T0 + 3_600_000 + MARGIN);
  });

  it('paces each conversation on its own', () => {
    const pacer = teams();
    burst(pacer, 7, T0);
    expect(pacer.waitMs(KEY, T0)).toBe(1000 + MARGIN);
    expect(pacer.waitMs('https://smba.trafficmanager.net/emea/ 19:b@thread.tacv2', T0)).toBe(0);
  });

  it('holds a key back until a Retry-After has passed, and never shortens a block', () => {
    const pacer = teams();
    pacer.block(KEY, T0 + 5000);
    pacer.block(KEY, T0 + 2000);
    expect(pacer.waitMs(KEY, T0)).toBe(5000);
    expect(pacer.waitMs(KEY, T0 + 4999)).toBe(1);
    expect(pacer.waitMs(KEY, T0 + 5000)).toBe(0);
    expect(pacer.waitMs('other conversation', T0)).toBe(0);
  });

  it('waits for the later of a block and a full window', () => {
    const pacer = teams();
    burst(pacer, 7, T0);
    pacer.block(KEY, T0 + 300);
    expect(pacer.waitMs(KEY, T0 + 100)).toBe(1000 + MARGIN - 100);
  });
});

/**
 * When the next send could go at the earliest, by brute force: every window widened by
 * `margin` must have room for it.
 */
function earliest(limits: readonly RateLimit[], margin: number, times: number[], from: number) {
  const allowed = (t: number) =>
    limits.every((l) => inWindow(times, t, l.windowMs + margin) < l.count);
  // Counts only fall as time passes: the answer is `from` or the moment a send leaves a window.
  const candidates = [from, ...times.flatMap((s) => limits.map((l) => s + l.windowMs + margin))]
    .filter((t) => t >= from)
    .sort((a, b) => a - b);
  return candidates.find(allowed) ?? Infinity;
}

describe('pacer properties', () => {
  const keys = ['a', 'b', 'c'];
  const step = fc.record({
    key: fc.constantFrom(...keys),
    /** Time the sender spends before it wants to send again. */
    gapMs: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 0, max: 40_000 }),
    ),
  });
  const steps = fc.array(step, { maxLength: 300 });
  const limits = fc.constantFrom<readonly RateLimit[]>(TEAMS_RATE_LIMITS, [
    { count: 2, windowMs: 100 },
    { count: 3, windowMs: 1000 },
  ]);
  const margins = fc.constantFrom(0, MARGIN, 137);

  it('a sender that always waits waitMs never exceeds any limit in any window', () => {
    fc.assert(
      fc.property(limits, margins, steps, (rules, margin, plan) => {
        const pacer = new Pacer(rules, margin);
        const sent = new Map<string, number[]>(keys.map((k) => [k, []]));
        let now = T0;
        for (const { key, gapMs } of plan) {
          now += gapMs;
          now += pacer.waitMs(key, now);
          pacer.record(key, now);
          sent.get(key)!.push(now);
        }
        // The fullest window ends at a send: checking those checks them all. Widened by the
        // margin, as arrivals may bunch up by that much.
        for (const times of sent.values()) {
          for (const end of times) {
            for (const { count, windowMs } of rules) {
              expect(inWindow(times, end, windowMs + margin)).toBeLessThanOrEqual(count);
            }
          }
        }
      }),
    );
  });

  it('waits no longer than the limits require', () => {
    fc.assert(
      fc.property(limits, margins, steps, (rules, margin, plan) => {
        const pacer = new Pacer(rules, margin);
        const sent: number[] = [];
        let now = T0;
        for (const { gapMs } of plan) {
          now += gapMs;
          const wait = pacer.waitMs(KEY, now);
          expect(now + wait).toBe(earliest(rules, margin, sent, now));
          now += wait;
          pacer.record(KEY, now);
          sent.push(now);
        }
      }),
    );
  });
});
