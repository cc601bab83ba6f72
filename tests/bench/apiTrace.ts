/**
 * A statement trace of the api section's requests on PostgreSQL (issue 11): for each
 * endpoint, the statements one request runs (round trips), the time spent waiting on each,
 * the answer's size, CPU per request of this process (server and client), and
 * `EXPLAIN (ANALYZE, BUFFERS)` of every distinct statement, with the parameters it ran with.
 *
 *   npm run build:server && node dist/tests/bench/apiTrace.js [--no-explain] [--sqlite] [--only=incidents]
 */
import fs from 'node:fs';
import { Client } from 'pg';
import { startTestApp } from '../support/app';
import { LARGE_ROOM, seedLargeWarRoom } from './sections/api';
import { Engines } from './lib/engines';
import { procStats } from './lib/proc';
import { percentiles, round } from './lib/report';
import { apiKeyOf, benchWarRoom } from './lib/warRoom';

interface Traced {
  sql: string;
  params: unknown[];
  ms: number;
}

let trace: Traced[] | undefined;

// Every pooled connection is a pg Client: record what each request sends and how long each waits.
const original = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  // A statement as text and values, or as a query config (a prepared statement has a name).
  const [first, second] = args as [unknown, unknown];
  const config =
    typeof first === 'object' && first ? (first as { text?: unknown; values?: unknown }) : {};
  const sql = typeof first === 'string' ? first : config.text;
  const params = typeof first === 'string' ? second : config.values;
  const result = original.apply(this, args);
  if (trace && typeof sql === 'string' && result instanceof Promise) {
    const entry: Traced = { sql, params: Array.isArray(params) ? params : [], ms: 0 };
    const start = performance.now();
    trace.push(entry);
    void result.then(
      () => (entry.ms = performance.now() - start),
      () => (entry.ms = performance.now() - start),
    );
  }
  return result;
} as typeof Client.prototype.query;

async function main() {
  const explain = !process.argv.includes('--no-explain');
  const engine = process.argv.includes('--sqlite') ? 'sqlite' : 'postgres';
  const REQUESTS = Number(process.argv.find((a) => a.startsWith('--requests='))?.slice(11) ?? 200);
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const engines = new Engines([engine]);
  const env = await engines.env(engine, 'trace');
  const t = await startTestApp(env);
  try {
    await benchWarRoom(t, LARGE_ROOM, 'Large war room');
    await seedLargeWarRoom(t);
    const key = await apiKeyOf(t, LARGE_ROOM);
    const cases: [string, string, Record<string, string>][] = [
      ['war-rooms', '/api/v1/war-rooms', {}],
      ['incidents', `/api/v1/war-rooms/${LARGE_ROOM}/incidents`, {}],
      [
        'migration',
        `/api/v1/war-rooms/${LARGE_ROOM}/migration`,
        { authorization: `Bearer ${key}` },
      ],
    ];
    const db = env.DATABASE_URL ? new Client({ connectionString: env.DATABASE_URL }) : undefined;
    // A backend terminated from outside must not end the run from an unheard 'error'.
    db?.on('error', (e) => console.error(`trace connection: ${e.message}`));
    await db?.connect();
    for (const [name, path, headers] of cases) {
      if (only && only !== name) continue;
      const samples: number[] = [];
      let bytes = 0;
      let statements: Traced[] = [];
      const request = async () => {
        trace = [];
        const start = performance.now();
        const res = await fetch(`${t.baseUrl}${path}`, { headers });
        bytes = (await res.arrayBuffer()).byteLength;
        samples.push(performance.now() - start);
        statements = trace;
        trace = undefined;
      };
      for (let i = 0; i < 20; i++) await request(); // warm-up: JIT, pooled connections
      samples.length = 0;
      const backends = await backendPids(db);
      const dbCpu = backends.reduce((s, pid) => s + procStats(pid).cpuMs, 0);
      // For a --cpu-prof profile: its samples of this case are the ones after this instant.
      console.log(`${name} starts at ${process.hrtime.bigint() / 1000n} µs (hrtime)`);
      const cpu = process.cpuUsage();
      for (let i = 0; i < REQUESTS; i++) await request();
      const used = process.cpuUsage(cpu);
      const dbUsed = backends.reduce((s, pid) => s + procStats(pid).cpuMs, 0) - dbCpu;
      const p = percentiles(samples);
      const dbMs = statements.reduce((s, e) => s + e.ms, 0);
      console.log(
        `\n== ${name}: p50 ${round(p.p50)} p90 ${round(p.p90)} p99 ${round(p.p99)} ms; ` +
          `cpu ${round((used.user + used.system) / 1000 / REQUESTS, 2)} ms/req, ` +
          `database backends ${round(dbUsed / REQUESTS, 2)} ms/req; ` +
          `${bytes} bytes; ${statements.length} statements, ${round(dbMs, 2)} ms waited (last request)`,
      );
      for (const s of statements) console.log(`  ${round(s.ms, 2)} ms  ${s.sql.slice(0, 160)}`);
      if (!explain || !db) continue;
      const seen = new Set<string>();
      for (const s of statements) {
        if (seen.has(s.sql) || !/^\s*select/i.test(s.sql)) continue;
        seen.add(s.sql);
        const plan = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`,
          s.params,
        );
        console.log(`\n  -- ${s.sql}\n  -- ${JSON.stringify(s.params)}`);
        for (const row of plan.rows) console.log(`     ${row['QUERY PLAN']}`);
      }
    }
    await db?.end();
  } finally {
    await t.stop();
    await engines.stop();
  }
}

/** The server processes serving this database's connections (the pool's, and `db`'s own). */
async function backendPids(db: Client | undefined): Promise<number[]> {
  if (!db) return [];
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return rows.map((r) => r.pid).filter((pid) => fs.existsSync(`/proc/${pid}/stat`));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
