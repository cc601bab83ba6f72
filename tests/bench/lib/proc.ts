import fs from 'node:fs';

/** CPU time (user + system, ms) and RSS (current and peak, bytes) of a process, from /proc. */
export function procStats(pid: number): { cpuMs: number; rss: number; peakRss: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  // Linux reports CPU in clock ticks of 1/100 s (USER_HZ).
  return { cpuMs: ticks * 10, rss: kb('VmRSS') * 1024, peakRss: kb('VmHWM') * 1024 };
}

/**
 * Wall time, CPU and peak RSS growth of another process while `fn` runs: its RSS is sampled
 * every 10 ms (the peak, VmHWM, would carry peaks from before `fn`).
 */
export async function timedIn<T>(
  pid: number,
  fn: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; rssGrowth: number; value: T }> {
  const before = procStats(pid);
  let peak = before.rss;
  const timer = setInterval(() => (peak = Math.max(peak, procStats(pid).rss)), 10);
  const start = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - start;
    const after = procStats(pid);
    peak = Math.max(peak, after.rss);
    return { ms, cpuMs: after.cpuMs - before.cpuMs, rssGrowth: peak - before.rss, value };
  } finally {
    clearInterval(timer);
  }
}
