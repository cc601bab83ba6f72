import type { TestApp } from '../../support/app';

/** A war room started by the development identity (the API acts as it: the lead). */
export async function benchWarRoom(t: TestApp, id: string, title: string): Promise<void> {
  const dev = t.app.config.devIdentity;
  const now = new Date().toISOString();
  await t.app.storage.transaction((tx) =>
    tx.warRooms.insert({
      id,
      tenantId: dev.tenantId,
      teamId: null,
      channelId: `${t.room.channelId}-${id}`,
      conversationId: `${t.room.channelId}-${id}`,
      serviceUrl: t.connector.url,
      title,
      timeZone: 'Europe/Copenhagen',
      language: 'en',
      phase: 'cutover',
      createdById: dev.userId,
      createdByName: dev.name,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }),
  );
}

/** An API key of the war room, as a script would hold it. */
export async function apiKeyOf(t: TestApp, warRoomId: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}/api/v1/war-rooms/${warRoomId}/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  const body = (await res.json()) as { key?: string };
  if (res.status !== 201 && res.status !== 200) throw new Error(`api key: ${res.status}`);
  return String(body.key);
}

/** Samples the process's RSS until stopped; gives the peak growth over the start. */
export function rssGrowth(): () => number {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss()) - start;
  };
}

/** Wall and CPU time (this process: the server and its client) of `fn`. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}
