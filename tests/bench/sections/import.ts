/**
 * (2) A 100,000-row Get-MigrationUser export imported through the API (HTTP, parse, diff,
 * upsert, audit, status card) of the built server in its own process, as in production:
 * wall time here, CPU and RSS growth of the server's process. Against the storage floor:
 * the same rows written by the same batched upsert in this process, on the same engine, in
 * the same run (decision 027). Then the same export again (unchanged) and a newer one
 * (1 row in 10 changed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeConnector } from '../../support/fakeConnector';
import { ServerProcess } from '../../support/serverProcess';
import type { Engines } from '../lib/engines';
import { exportOf } from '../lib/exports';
import { storageFloor } from '../lib/importFloor';
import { timedIn } from '../lib/proc';
import { mb, round, type Row } from '../lib/report';
import { apiKeyAt, startWarRoomAt } from '../lib/warRoom';

const ROWS = 100_000;
/** The built server beside this file's build (dist/bot/index.js). */
const SERVER_ENTRY = path.resolve(__dirname, '../../../bot/index.js');
/** Case, and which export: 0 the first, 1 the newer one (exportOf). */
const IMPORTS = [
  ['import: first (100,000 new)', 0],
  ['import: same export again', 0],
  ['import: newer (1 in 10 changed)', 1],
] as const;

export async function importSection(engines: Engines): Promise<Row[]> {
  const rows: Row[] = [];
  for (const engine of engines.list) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-'));
    const connector = await new FakeConnector().start();
    let server: ServerProcess | undefined;
    try {
      // Before the server starts, so the two do not share the machine's cores.
      const floorEnv = await engines.env(engine, 'import_floor');
      const floorDir = path.join(dir, 'floor');
      fs.mkdirSync(floorDir);
      const location = { databaseUrl: floorEnv.DATABASE_URL, dataDir: floorDir };
      const floor = await storageFloor(location, exportOf(ROWS, 0));
      rows.push(figures('storage floor: batched upsert of the rows', engine, floor));

      const env = {
        WARROOM_DATA_DIR: dir,
        LOG_LEVEL: 'error',
        ...(await engines.env(engine, 'import')),
      };
      server = await ServerProcess.start({ env, entry: SERVER_ENTRY });
      const { url, pid } = server;
      if (!pid) throw new Error('import: the server has no process id');
      const room = await startWarRoomAt(url, connector.url, 'Import bench');
      const key = await apiKeyAt(url, room);
      for (const [label, newer] of IMPORTS) {
        const body = new Uint8Array(exportOf(ROWS, newer)); // built before the clock starts
        const run = await timedIn(pid, async () => {
          const res = await fetch(`${url}/api/v1/war-rooms/${room}/migration/imports`, {
            method: 'POST',
            headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
            body,
          });
          if (res.status !== 200 && res.status !== 201) {
            throw new Error(`import: ${res.status} ${await res.text()}`);
          }
          const { rowsRead } = (await res.json()) as { rowsRead?: number };
          if (rowsRead !== ROWS) throw new Error(`import: read ${rowsRead} rows, not ${ROWS}`);
        });
        const row = figures(label, engine, run);
        row.figures['rss growth MB'] = mb(run.rssGrowth);
        row.figures['× floor'] = round(run.ms / floor.ms, 1);
        rows.push(row);
      }
    } finally {
      await server?.stop();
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

function figures(label: string, engine: Row['engine'], run: { ms: number; cpuMs: number }): Row {
  return {
    section: 'import',
    case: label,
    engine,
    figures: {
      ms: round(run.ms, 0),
      'rows/s': Math.round((ROWS / run.ms) * 1000),
      'cpu ms': round(run.cpuMs, 0),
      'rows/s of cpu': Math.round((ROWS / run.cpuMs) * 1000),
    },
  };
}
