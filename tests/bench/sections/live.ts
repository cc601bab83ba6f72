/**
 * (4) Live updates: 200 event-stream clients follow one war room while incidents are
 * logged through the bot endpoint; the figure is the time from sending the message to
 * each client holding the event. One instance (per engine), then two instances on one
 * PostgreSQL with the clients split between them and every change made on the first.
 * Clients and servers share this process, so the figures include the clients' own work.
 */
import http from 'node:http';
import type { AppOverrides } from '../../../bot/app';
import { startTestApp, type TestApp } from '../../support/app';
import type { Engines } from '../lib/engines';
import { percentiles, round, type Row } from '../lib/report';

const CLIENTS = 200;
const CHANGES = 10;
const TIMEOUT_MS = 15_000;

/** A bare SSE client that notes when each event id arrived. */
function follow(url: string): Promise<{ arrived: Map<string, number>; close(): void }> {
  return new Promise((resolve, reject) => {
    const arrived = new Map<string, number>();
    const req = http.get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`events: ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const id = /^id: ?(.*)$/m.exec(block)?.[1];
          if (id && !arrived.has(id)) arrived.set(id, now);
        }
      });
      resolve({ arrived, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

async function warRoomOf(t: TestApp): Promise<string> {
  const res = await fetch(`${t.baseUrl}/api/v1/war-rooms`);
  const body = (await res.json()) as { warRooms: { id: string }[] };
  const id = body.warRooms[0]?.id;
  if (!id) throw new Error('no war room');
  return id;
}

/** Logs CHANGES incidents on `writer`; the delay of every client for every change. */
async function measure(writer: TestApp, readers: TestApp[]): Promise<Record<string, number>> {
  await writer.say('start Mailbox cutover weekend');
  const warRoomId = await warRoomOf(writer);
  const opened = await Promise.allSettled(
    Array.from({ length: CLIENTS }, (_, i) => {
      const reader = readers[i % readers.length]!;
      return follow(`${reader.baseUrl}/api/v1/war-rooms/${warRoomId}/events`);
    }),
  );
  const clients = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const refused = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (refused) {
    clients.forEach((c) => c.close());
    throw refused.reason;
  }
  try {
    const delays: number[] = [];
    let missed = 0;
    for (let n = 1; n <= CHANGES; n++) {
      const before = new Set(clients.flatMap((c) => [...c.arrived.keys()]));
      const activity = writer.room.message(`incident Licences not assigned (${n}) sev3`);
      const sent = performance.now();
      const res = await fetch(`${writer.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await res.arrayBuffer();
      const deadline = Date.now() + TIMEOUT_MS;
      const fresh = (c: { arrived: Map<string, number> }) =>
        [...c.arrived.entries()].find(([id]) => !before.has(id));
      while (Date.now() < deadline && !clients.every(fresh)) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      for (const c of clients) {
        const got = fresh(c);
        if (got) delays.push(got[1] - sent);
        else missed++;
      }
      // Let the outbox post the card before the next change, as a channel would.
      await writer.app.delivery.idle();
    }
    const p = percentiles(delays);
    return {
      clients: CLIENTS,
      changes: CHANGES,
      'p50 ms': round(p.p50),
      'p95 ms': round(p.p95),
      'max ms': round(Math.max(...delays)),
      missed,
    };
  } finally {
    clients.forEach((c) => c.close());
  }
}

/**
 * In local development every client is the one development identity, which the server
 * otherwise allows 20 streams (a person has a few tabs open, not 200).
 */
const OVERRIDES: AppOverrides = { live: { maxStreamsPerUser: CLIENTS } };

export async function liveSection(engines: Engines): Promise<Row[]> {
  const rows: Row[] = [];
  for (const engine of engines.list) {
    const t = await startTestApp(await engines.env(engine, 'live'), OVERRIDES);
    try {
      rows.push({ section: 'live', case: 'one instance', engine, figures: await measure(t, [t]) });
    } finally {
      await t.stop();
    }
  }
  if (engines.list.includes('postgres')) {
    const env = await engines.env('postgres', 'live_two');
    const a = await startTestApp(env, OVERRIDES);
    const b = await startTestApp(env, OVERRIDES);
    try {
      rows.push({
        section: 'live',
        case: 'two instances on one PostgreSQL (clients split, changes on one)',
        engine: 'postgres',
        figures: await measure(a, [a, b]),
      });
    } finally {
      await a.stop();
      await b.stop();
    }
  }
  return rows;
}
