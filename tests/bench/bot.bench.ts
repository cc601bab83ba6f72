/**
 * Benchmark: how fast the real server answers Teams traffic on this machine. Prints
 * figures; asserts nothing (targets are judged by people reading them, not by a timed test).
 *
 *   npm run bench                      # SQLite
 *   npm run bench -- --postgres        # a throwaway PostgreSQL cluster, started and stopped here
 *   DATABASE_URL=postgres://… npm run bench
 *
 * Bounded: a fixed number of requests to loopback only, then it stops by itself.
 */
import { performance } from 'node:perf_hooks';
import { VERBS } from '../../shared/cards/actions';
import { startTestApp, type TestApp } from '../support/app';
import { startPostgres, type TestPostgres } from '../support/postgres';

const INCIDENTS = 300;
const CLICKS = 300;
const CONCURRENT_BATCH = 200;
const CONCURRENCY = 10;

function stats(samples: number[]) {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  return `p50 ${fmt(at(0.5))}, p95 ${fmt(at(0.95))}, max ${fmt(sorted.at(-1) ?? NaN)} (n=${samples.length})`;
}

async function timed(fn: () => Promise<{ status: number }>): Promise<number> {
  const start = performance.now();
  const r = await fn();
  if (r.status !== 200) throw new Error(`unexpected status ${r.status}`);
  return performance.now() - start;
}

/**
 * `@War Room <text>` as a new post in the channel: each post is its own thread in Teams,
 * and Teams' rate limits (and the outbox's pacing) are per thread.
 */
function newPost(t: TestApp, text: string, n: number) {
  const activity = t.room.message(text);
  return {
    ...activity,
    conversation: {
      ...activity.conversation,
      id: `${t.room.channelId};messageid=${1800000000000 + n}`,
    },
  };
}

async function main() {
  let pg: TestPostgres | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (process.argv.includes('--postgres')) {
    pg = await startPostgres();
    databaseUrl = await pg.createDatabase('bench');
  }
  const t: TestApp = await startTestApp(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    console.log(`War Room benchmark — store: ${t.app.storage.kind}, Node ${process.version}`);
    await t.say('start Benchmark weekend');

    const logLatency: number[] = [];
    for (let i = 0; i < INCIDENTS; i++)
      logLatency.push(await timed(() => t.post(newPost(t, `incident Bench failure ${i} sev3`, i))));
    console.log(`log an incident (message → stored → card posted): ${stats(logLatency)}`);

    const incidents = await t.app.storage.transaction(async (tx) => {
      const w = await tx.warRooms.findByChannel(t.tenantId, t.room.channelId);
      return tx.incidents.listByWarRoom(t.tenantId, w!.id);
    });
    const clickLatency: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      const inc = incidents[i % incidents.length]!;
      const data = { incidentId: inc.id, status: 'investigating', version: inc.version };
      clickLatency.push(
        await timed(() => t.post(t.room.cardAction(VERBS.incidentSetStatus, data))),
      );
    }
    console.log(`card click (adaptiveCard/action invoke → refreshed card): ${stats(clickLatency)}`);

    const started = performance.now();
    const concurrent: number[] = [];
    for (let i = 0; i < CONCURRENT_BATCH; i += CONCURRENCY) {
      const batch = Array.from({ length: CONCURRENCY }, (_, j) =>
        timed(() => t.post(newPost(t, `incident Burst ${i + j} sev4`, INCIDENTS + i + j))),
      );
      concurrent.push(...(await Promise.all(batch)));
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `burst of ${CONCURRENT_BATCH} incidents, ${CONCURRENCY} at a time: ${stats(concurrent)}, ` +
        `${(CONCURRENT_BATCH / seconds).toFixed(0)} incidents/s`,
    );
    const list = await timed(() => t.get(`/api/v1/war-rooms`));
    console.log(
      `tab: list war rooms with ${INCIDENTS + CONCURRENT_BATCH} incidents: ${list.toFixed(1)} ms`,
    );
    const mem = process.memoryUsage();
    console.log(
      `memory after run: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await t.stop();
    await pg?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
