import type { Storage } from '../../../bot/storage/types';
import { parseConfig } from '../../../bot/config';
import { channel } from '../../support/activities';
import type { TestApp } from '../../support/app';

/** Who creates a bench war room: its lead, whom the API acts as in local development. */
export interface BenchLead {
  tenantId: string;
  userId: string;
  name: string;
}

/** A war room started by the development identity (the API acts as it: the lead). */
export async function benchWarRoom(t: TestApp, id: string, title: string): Promise<void> {
  await insertWarRoom(t.app.storage, t.app.config.devIdentity, {
    id,
    title,
    channelId: `${t.room.channelId}-${id}`,
    serviceUrl: t.connector.url,
  });
}

/** A war room written straight into a store, in the cutover phase. */
export async function insertWarRoom(
  storage: Storage,
  lead: BenchLead,
  room: { id: string; title: string; channelId: string; serviceUrl: string },
): Promise<void> {
  const now = new Date().toISOString();
  await storage.transaction((tx) =>
    tx.warRooms.insert({
      id: room.id,
      tenantId: lead.tenantId,
      teamId: null,
      channelId: room.channelId,
      conversationId: room.channelId,
      serviceUrl: room.serviceUrl,
      title: room.title,
      timeZone: 'Europe/Copenhagen',
      language: 'en',
      phase: 'cutover',
      createdById: lead.userId,
      createdByName: lead.name,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }),
  );
}

/** An API key of the war room, as a script would hold it. */
export async function apiKeyOf(t: TestApp, warRoomId: string): Promise<string> {
  return apiKeyAt(t.baseUrl, warRoomId);
}

/** An API key of the war room of the server at `baseUrl` (local development: the lead asks). */
export async function apiKeyAt(baseUrl: string, warRoomId: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/war-rooms/${warRoomId}/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench' }),
  });
  const body = (await res.json()) as { key?: string };
  if (res.status !== 201 && res.status !== 200) throw new Error(`api key: ${res.status}`);
  return String(body.key);
}

/** The development identity of a server started without WARROOM_DEV_* (ServerProcess passes none). */
export const DEV_LEAD: BenchLead = parseConfig({ WARROOM_LOCAL_DEV: '1' }).devIdentity;

/**
 * Starts a war room on a server in another process over HTTP only, as Teams would: `start`
 * posted by the development identity in a fresh channel (so it is the lead, whom the API
 * acts as), then found by its title. Replies go to `connectorUrl` (a running FakeConnector).
 */
export async function startWarRoomAt(
  baseUrl: string,
  connectorUrl: string,
  title: string,
): Promise<string> {
  const from = { aadObjectId: DEV_LEAD.userId, name: DEV_LEAD.name };
  const room = channel({ serviceUrl: connectorUrl, tenantId: DEV_LEAD.tenantId, from });
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(room.message(`start ${title}`)),
  });
  if (res.status !== 200) throw new Error(`start: ${res.status} ${await res.text()}`);
  const list = await fetch(`${baseUrl}/api/v1/war-rooms`);
  const { warRooms } = (await list.json()) as { warRooms: { id: string; title: string }[] };
  const found = warRooms.find((w) => w.title === title);
  if (!found) throw new Error(`start: no war room titled ${title}`);
  return found.id;
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
