/**
 * (2) A 100,000-row Get-MigrationUser export imported through the API (HTTP, parse, diff,
 * upsert, audit, status card), against the storage floor: the same rows written by the
 * same batched upsert straight into a fresh war room, in the same run. Then the same export
 * again (unchanged) and a newer one (1 row in 10 changed).
 */
import type { MigrationItem } from '../../../shared/domain/migration';
import { parseMigrationCsv } from '../../../shared/migration/csv';
import { startTestApp } from '../../support/app';
import type { Engines } from '../lib/engines';
import { exportOf } from '../lib/exports';
import { mb, round, type Row } from '../lib/report';
import { apiKeyOf, benchWarRoom, rssGrowth, timed } from '../lib/warRoom';

const ROWS = 100_000;
const ROOM = '7e0f6a52-1b1c-4c55-9e55-3a3b7d1f0001';
const FLOOR_ROOM = '7e0f6a52-1b1c-4c55-9e55-3a3b7d1f0002';

export async function importSection(engines: Engines): Promise<Row[]> {
  const rows: Row[] = [];
  const first = exportOf(ROWS, 0);
  const newer = exportOf(ROWS, 1);
  for (const engine of engines.list) {
    const t = await startTestApp({ ...(await engines.env(engine, 'import')) });
    try {
      await benchWarRoom(t, ROOM, 'Import bench');
      await benchWarRoom(t, FLOOR_ROOM, 'Import floor');
      const key = await apiKeyOf(t, ROOM);
      const now = new Date().toISOString();
      const items: MigrationItem[] = parseMigrationCsv(first, {
        timeZone: 'Europe/Copenhagen',
      }).items.map((row) => ({
        ...row,
        tenantId: t.app.config.devIdentity.tenantId,
        warRoomId: FLOOR_ROOM,
        firstSeenAt: now,
        statusChangedAt: now,
        updatedAt: now,
      }));
      const floor = await timed(() =>
        t.app.storage.transaction((tx) => tx.migrationItems.upsert(items)),
      );
      rows.push(figures('storage floor: batched upsert of the rows', engine, floor));

      const post = (body: Buffer) => async () => {
        const res = await fetch(`${t.baseUrl}/api/v1/war-rooms/${ROOM}/migration/imports`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
          body: new Uint8Array(body),
        });
        if (res.status !== 200 && res.status !== 201) {
          throw new Error(`import: ${res.status} ${await res.text()}`);
        }
        return (await res.json()) as { created: number; updated: number; unchanged: number };
      };
      for (const [label, body] of [
        ['import: first (100,000 new)', first],
        ['import: same export again', first],
        ['import: newer (1 in 10 changed)', newer],
      ] as const) {
        const growth = rssGrowth();
        const run = await timed(post(body));
        const row = figures(label, engine, run);
        row.figures['rss growth MB'] = mb(growth());
        row.figures['× floor'] = round(run.ms / floor.ms, 1);
        rows.push(row);
      }
    } finally {
      await t.stop();
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
