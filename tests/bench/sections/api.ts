/**
 * (3) The API on a large war room: 100,000 migration items, 2,000 incidents, 2,000
 * actions and 100,000 audit entries, written straight through the repositories (seeding is
 * not what is measured). Then the existing read endpoints' latency and the migration
 * status card's view, built in a transaction as an import builds it.
 */
import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, type AuditEntry } from '../../../shared/domain/audit';
import type { MigrationItem } from '../../../shared/domain/migration';
import { hashEntry } from '../../../bot/services/auditTrail';
import { statusView } from '../../../bot/services/migrationStatus';
import { startTestApp, type TestApp } from '../../support/app';
import type { Engines } from '../lib/engines';
import { percentiles, round, type Row } from '../lib/report';
import { apiKeyOf, benchWarRoom } from '../lib/warRoom';

/** The large war room's id (the tab's render section opens it too). */
export const LARGE_ROOM = '7e0f6a52-1b1c-4c55-9e55-3a3b7d1f0003';
const ROOM = LARGE_ROOM;
const SIZES = { items: 100_000, incidents: 2_000, actions: 2_000, audit: 100_000 };
const REQUESTS = 200;
const WARM_UP = 20;
const STATUSES = ['inProgress', 'completed', 'synced', 'failed', 'notStarted'] as const;

/** Writes the large war room's records straight through the repositories. */
export async function seedLargeWarRoom(t: TestApp): Promise<void> {
  const tenantId = t.app.config.devIdentity.tenantId;
  const warRoomId = ROOM;
  const at = (n: number) => new Date(Date.UTC(2026, 10, 14, 8) + n * 1000).toISOString();
  const items: MigrationItem[] = Array.from({ length: SIZES.items }, (_, i) => ({
    tenantId,
    warRoomId,
    identity: `user.${i}@contoso.example`,
    batch: `Wave${i % 7}`,
    rawStatus: 'Syncing',
    status: STATUSES[i % STATUSES.length] ?? 'inProgress',
    itemsSynced: i,
    itemsSkipped: 0,
    error: i % 5 === 3 ? 'MailboxIsLocked' : null,
    lastSyncAt: at(i),
    tags: [],
    firstSeenAt: at(0),
    statusChangedAt: at(0),
    updatedAt: at(0),
  }));
  await t.app.storage.transaction(async (tx) => {
    await tx.migrationItems.upsert(items);
    await tx.migrationTotals.refresh(tenantId, warRoomId);
    for (let n = 1; n <= SIZES.incidents; n++) {
      await tx.incidents.insert({
        id: randomUUID(),
        tenantId,
        warRoomId,
        number: n,
        title: `Licences not assigned (${n})`,
        severity: 'sev3',
        status: n % 3 === 0 ? 'resolved' : 'open',
        reporterId: 'bench',
        reporterName: 'Bench',
        owner: null,
        createdAt: at(n),
        updatedAt: at(n),
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: n % 3 === 0 ? at(n + 60) : null,
        version: 1,
        cardActivityId: null,
      });
    }
    for (let n = 1; n <= SIZES.actions; n++) {
      await tx.actions.insert({
        id: randomUUID(),
        tenantId,
        warRoomId,
        number: n,
        title: `Recreate mailbox ${n}`,
        owner: { id: 'bench', name: 'Bench' },
        due: null,
        status: 'open',
        origin: { kind: 'meeting' },
        createdById: 'bench',
        createdByName: 'Bench',
        createdAt: at(n),
        updatedAt: at(n),
        doneAt: null,
        remindedAt: null,
        version: 1,
        followUpOf: null,
      });
    }
    const head = await tx.audit.head(tenantId, warRoomId);
    let prev = { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
    for (let n = 1; n <= SIZES.audit; n++) {
      const body = {
        tenantId,
        warRoomId,
        seq: prev.seq + 1,
        at: at(n),
        actorId: 'bench',
        actorName: 'Bench',
        action: 'incident.logged' as const,
        subject: `incident:${n}`,
        before: null,
        after: { n },
        prevHash: prev.hash,
      };
      const entry: AuditEntry = { ...body, hash: hashEntry(body) };
      await tx.audit.append(entry);
      prev = entry;
    }
  });
}

/**
 * Latency after a warm-up (else the first case pays for the JIT and the seed's garbage), and
 * CPU per request of this process, server and client: beside the p50, it tells Node's time
 * from waiting (on PostgreSQL, the database's own CPU is in its processes, not here).
 */
async function latency(fn: () => Promise<void>): Promise<Record<string, number>> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const used = process.cpuUsage(cpu);
  const p = percentiles(samples);
  return {
    n: REQUESTS,
    'p50 ms': round(p.p50),
    'p90 ms': round(p.p90),
    'p99 ms': round(p.p99),
    'cpu ms/req': round((used.user + used.system) / 1000 / REQUESTS, 2),
  };
}

export async function apiSection(engines: Engines): Promise<Row[]> {
  const rows: Row[] = [];
  for (const engine of engines.list) {
    const t = await startTestApp({ ...(await engines.env(engine, 'api')) });
    try {
      await benchWarRoom(t, ROOM, 'Large war room');
      const seedStart = performance.now();
      await seedLargeWarRoom(t);
      const seedMs = performance.now() - seedStart;
      const key = await apiKeyOf(t, ROOM);
      const get =
        (path: string, headers: Record<string, string> = {}) =>
        async () => {
          const res = await fetch(`${t.baseUrl}${path}`, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
        };
      const cases: [string, () => Promise<void>][] = [
        ['GET /api/v1/war-rooms', get('/api/v1/war-rooms')],
        [`GET .../incidents (${SIZES.incidents})`, get(`/api/v1/war-rooms/${ROOM}/incidents`)],
        [
          `GET .../migration (${SIZES.items} items)`,
          get(`/api/v1/war-rooms/${ROOM}/migration`, { authorization: `Bearer ${key}` }),
        ],
        [
          'status card view (in a transaction)',
          async () => {
            await t.app.storage.transaction(async (tx) => {
              const room = await tx.warRooms.findById(t.app.config.devIdentity.tenantId, ROOM);
              if (!room) throw new Error('no war room');
              await statusView(tx, room, new Date().toISOString());
            });
          },
        ],
      ];
      for (const [label, fn] of cases) {
        rows.push({ section: 'api', case: label, engine, figures: await latency(fn) });
      }
      rows.push({
        section: 'api',
        case: 'seeding the large war room (not a target)',
        engine,
        figures: { 'seed s': round(seedMs / 1000) },
      });
    } finally {
      await t.stop();
    }
  }
  return rows;
}
