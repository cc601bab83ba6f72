/**
 * Benchmark: a 100,000-row Get-MigrationUser export imported through the real server's API
 * (HTTP, parse, diff, upsert, audit), then re-imported unchanged, then a newer export with
 * one row in ten changed; and `GET .../migration` on those 100,000 items. Prints figures;
 * asserts nothing.
 *
 *   npm run build:server && node dist/tests/bench/migrationImport.bench.js [--postgres]
 */
import { performance } from 'node:perf_hooks';
import { parseMigrationCsv } from '../../shared/migration/csv';
import { startTestApp, type TestApp } from '../support/app';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { exportOf } from './lib/exports';

const ROWS = 100_000;
const ROOM_ID = '7e0f6a52-1b1c-4c55-9e55-3a3b7d1f0001';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000).toLocaleString('en');

async function call(t: TestApp, method: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${t.baseUrl}${path}`, { method, ...init });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function main() {
  let pg: TestPostgres | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (process.argv.includes('--postgres')) {
    pg = await startPostgres();
    databaseUrl = await pg.createDatabase('bench_migration');
  }
  const t = await startTestApp(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    console.log(
      `Migration import benchmark — store: ${t.app.storage.kind}, Node ${process.version}`,
    );
    // Started by the development identity, which the API acts as: it is the lead.
    const dev = t.app.config.devIdentity;
    await t.app.storage.transaction(async (tx) => {
      const now = new Date().toISOString();
      await tx.warRooms.insert({
        id: ROOM_ID,
        tenantId: dev.tenantId,
        teamId: null,
        channelId: t.room.channelId,
        conversationId: t.room.channelId,
        serviceUrl: t.connector.url,
        title: 'Mailbox cutover weekend',
        timeZone: 'Europe/Copenhagen',
        language: 'en',
        phase: 'cutover',
        createdById: dev.userId,
        createdByName: dev.name,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    });
    const room = { id: ROOM_ID };
    const { key } = await call(t, 'POST', `/api/v1/war-rooms/${room.id}/api-keys`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench' }),
    });
    const headers = { 'content-type': 'text/csv', authorization: `Bearer ${String(key)}` };
    const first = exportOf(ROWS, 0);
    const newer = exportOf(ROWS, 1);
    console.log(`  export: ${ROWS.toLocaleString('en')} rows, ${mb(first.length)}`);

    const parseStart = performance.now();
    parseMigrationCsv(first, { timeZone: 'Europe/Copenhagen' });
    const parseMs = performance.now() - parseStart;
    console.log(
      `  parse alone (in this process): ${parseMs.toFixed(0)} ms → ${rate(ROWS, parseMs)} rows/s`,
    );

    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    for (const [label, body] of [
      ['first import (100,000 new)', first],
      ['same export again (unchanged)', first],
      ['newer export (1 in 10 changed)', newer],
    ] as const) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      const summary = await call(t, 'POST', `/api/v1/war-rooms/${room.id}/migration/imports`, {
        headers,
        body: new Uint8Array(body),
      });
      const ms = performance.now() - start;
      // CPU time of this process (client and server): what a loaded machine does not inflate.
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      const { created, updated, unchanged } = summary;
      console.log(
        `  ${label}: ${ms.toFixed(0)} ms → ${rate(ROWS, ms)} rows/s end to end; ` +
          `CPU ${cpuMs.toFixed(0)} ms → ${rate(ROWS, cpuMs)} rows/s of CPU ` +
          `(created ${String(created)}, updated ${String(updated)}, unchanged ${String(unchanged)})`,
      );
    }
    clearInterval(sampler);
    console.log(
      `  server process RSS: ${mb(rssBefore)} → peak ${mb(rssPeak)} (growth ${mb(rssPeak - rssBefore)})`,
    );

    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await call(t, 'GET', `/api/v1/war-rooms/${room.id}/migration`, {
        headers: { authorization: `Bearer ${String(key)}` },
      });
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => (samples[Math.floor(q * (samples.length - 1))] ?? NaN).toFixed(1);
    console.log(`  GET totals, 100,000 items: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms (n=200)`);
  } finally {
    await t.stop();
    await pg?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
