/**
 * (1) The bot endpoint under load, side by side: War Room (its own process, on each
 * engine), a minimal botbuilder echo bot and a bare restify endpoint (tests/bench/servers),
 * taking turns within each concurrency so a noisy machine slows all three alike. Two kinds
 * of request: a message that logs an incident (write, audit entry, card through the fake
 * Bot Connector) and an `Action.Execute` click on an incident card.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VERBS } from '../../../shared/cards/actions';
import { channel } from '../../support/activities';
import { FakeConnector } from '../../support/fakeConnector';
import { ServerProcess } from '../../support/serverProcess';
import type { Engines } from '../lib/engines';
import { procStats } from '../lib/proc';
import { mb, percentiles, round, type Row } from '../lib/report';

const CONCURRENCY = [1, 16, 64];
/** Requests per target, kind and concurrency, run in two turns. */
const REQUESTS = (c: number) => (c === 1 ? 100 : 400);
const ECHO_ENTRY = path.resolve(__dirname, '../servers/echoBot.js');
/** The built server beside this file's build (dist/bot/index.js). */
const SERVER_ENTRY = path.resolve(__dirname, '../../../bot/index.js');

interface Target {
  name: string;
  engine: Row['engine'];
  server: ServerProcess;
  /** Its own fake Bot Connector and channel: clicks name incidents of this server's cards. */
  connector: FakeConnector;
  room: Room;
}

type Room = ReturnType<typeof channel>;
let posts = 0;

/** `@War Room <text>` as a new post: each post is its own thread, as in Teams. */
function newPost(room: Room, text: string) {
  const activity = room.message(text);
  const id = `${room.channelId};messageid=${1800000000000 + ++posts}`;
  return { ...activity, conversation: { ...activity.conversation, id } };
}

/** Runs `count` requests, `concurrency` at a time; latencies of the 200s and the errors. */
async function load(url: string, concurrency: number, count: number, body: (n: number) => unknown) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const start = performance.now();
      try {
        const res = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body(n)),
        });
        await res.arrayBuffer();
        if (res.status === 200 || res.status === 201) latencies.push(performance.now() - start);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors };
}

/** Incidents of the server's war rooms, read through its API (the development identity sees all). */
async function incidentsOf(t: Target): Promise<{ id: string; version: number }[]> {
  if (t.name !== 'war-room') return [{ id: '00000000-0000-4000-8000-000000000000', version: 1 }];
  const get = async (path: string) =>
    (await fetch(`${t.server.url}${path}`)).json() as Promise<unknown>;
  const { warRooms } = (await get('/api/v1/war-rooms')) as { warRooms: { id: string }[] };
  const found: { id: string; version: number }[] = [];
  for (const w of warRooms) {
    const { incidents } = (await get(`/api/v1/war-rooms/${w.id}/incidents`)) as {
      incidents: { id: string; version: number }[];
    };
    found.push(...incidents.map(({ id, version }) => ({ id, version })));
  }
  return found;
}

export async function botSection(engines: Engines): Promise<Row[]> {
  const dirs: string[] = [];
  const targets: Target[] = [];
  const connectors: FakeConnector[] = [];
  const connected = async () => {
    const connector = await new FakeConnector().start();
    connectors.push(connector);
    return { connector, room: channel({ serviceUrl: connector.url }) };
  };
  try {
    for (const engine of engines.list) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-'));
      dirs.push(dir);
      const env = {
        WARROOM_DATA_DIR: dir,
        LOG_LEVEL: 'error',
        ...(await engines.env(engine, 'bot')),
      };
      const server = await ServerProcess.start({ env, entry: SERVER_ENTRY });
      targets.push({ name: 'war-room', engine, server, ...(await connected()) });
    }
    const echoEnv = { env: { LOG_LEVEL: 'error' }, entry: ECHO_ENTRY };
    const echo = await ServerProcess.start(echoEnv);
    targets.push({ name: 'echo-bot', engine: '-', server: echo, ...(await connected()) });
    const bareEnv = { env: { BENCH_BARE: '1' }, entry: ECHO_ENTRY };
    const bare = await ServerProcess.start(bareEnv);
    targets.push({ name: 'bare-restify', engine: '-', server: bare, ...(await connected()) });
    for (const t of targets.filter((t) => t.name === 'war-room')) {
      const res = await fetch(`${t.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(t.room.message('start Benchmark weekend')),
      });
      if (res.status !== 200) throw new Error(`start: ${res.status} ${t.server.stderr}`);
    }
    const rows: Row[] = [];
    const kinds = {
      'log incident': (t: Target) =>
        Promise.resolve((n: number) => newPost(t.room, `incident Bench failure ${n} sev3`)),
      // Each click names one of the server's incidents; after the first, its version is stale
      // and the answer is the card as it stands, which is still a full turn.
      'card click': async (t: Target) => {
        const incidents = await incidentsOf(t);
        if (incidents.length === 0) throw new Error(`no incidents on ${t.name} ${t.engine}`);
        return (n: number) => {
          const incident = incidents[n % incidents.length] ?? incidents[0];
          const data = {
            incidentId: incident?.id,
            status: 'investigating',
            version: incident?.version,
          };
          return t.room.cardAction(VERBS.incidentSetStatus, data);
        };
      },
    };
    for (const [kind, body] of Object.entries(kinds)) {
      const bodies = new Map(
        await Promise.all(targets.map(async (t) => [t, await body(t)] as const)),
      );
      for (const c of CONCURRENCY) {
        const per = new Map<
          Target,
          { latencies: number[]; errors: number; cpuMs: number; ms: number }
        >();
        for (let turn = 0; turn < 2; turn++) {
          for (const t of turn === 0 ? targets : [...targets].reverse()) {
            const pid = t.server.pid ?? 0;
            const before = procStats(pid);
            const start = performance.now();
            const run = await load(t.server.url, c, REQUESTS(c) / 2, bodies.get(t) ?? (() => ({})));
            const acc = per.get(t) ?? { latencies: [], errors: 0, cpuMs: 0, ms: 0 };
            acc.latencies.push(...run.latencies);
            acc.errors += run.errors;
            acc.ms += performance.now() - start;
            acc.cpuMs += procStats(pid).cpuMs - before.cpuMs;
            per.set(t, acc);
          }
        }
        const echo = per.get(targets.find((t) => t.name === 'echo-bot') as Target);
        const echoRate = echo ? echo.latencies.length / echo.ms : NaN;
        const echoP99 = echo ? percentiles(echo.latencies).p99 : NaN;
        for (const [t, r] of per) {
          const p = percentiles(r.latencies);
          const rate = r.latencies.length / r.ms;
          const stats = procStats(t.server.pid ?? 0);
          rows.push({
            section: 'bot',
            case: `${kind} c=${c} ${t.name}`,
            engine: t.engine,
            figures: {
              'req/s': round(rate * 1000, 0),
              '× echo req/s': round(rate / echoRate, 2),
              'p50 ms': round(p.p50),
              'p90 ms': round(p.p90),
              'p99 ms': round(p.p99),
              '× echo p99': round(p.p99 / echoP99, 2),
              errors: r.errors,
              'cpu ms/req': round(r.cpuMs / Math.max(1, r.latencies.length + r.errors), 2),
              'rss MB': mb(stats.rss),
              'peak rss MB': mb(stats.peakRss),
            },
          });
        }
      }
    }
    return rows;
  } finally {
    for (const t of targets) await t.server.stop();
    for (const connector of connectors) await connector.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}
