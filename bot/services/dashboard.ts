import {
  PENDING_SHOWN,
  SERIES_HOURS,
  type DashboardDto,
  type ItemDto,
  type ItemPageDto,
  type SeriesDto,
} from '../../shared/api/dashboard';
import { decisionRef } from '../../shared/domain/decision';
import { freezeRef, inForce, type FreezeWindow } from '../../shared/domain/freeze';
import { SEVERITIES } from '../../shared/domain/incident';
import type { MigrationItem } from '../../shared/domain/migration';
import type { WarRoom } from '../../shared/domain/warRoom';
import type { ItemPageQuery, Storage } from '../storage/types';
import type { Clock } from './clock';
import { totalsOf } from './migrationTotals';
import type { Viewer, WarRoomService } from './warRooms';

export interface DashboardDeps {
  storage: Storage;
  clock: Clock;
  warRooms: WarRoomService;
}

const HOUR_MS = 3_600_000;

/**
 * What the tab's overview shows of a war room, for anyone who may see it (others: not
 * found, as everywhere). Every figure is counted by the database; nothing here loads all
 * of a war room's items, incidents or actions (docs/decisions/019).
 */
export class DashboardService {
  constructor(private readonly deps: DashboardDeps) {}

  /** The headline tiles, batches, freeze windows and last import, as of the server's now. */
  async snapshot(viewer: Viewer, warRoomId: string): Promise<DashboardDto> {
    const warRoom = await this.deps.warRooms.getVisible(viewer, warRoomId);
    const now = this.deps.clock.now().toISOString();
    const { tenantId, id } = warRoom;
    return this.deps.storage.transaction(async (tx) => {
      const totals = totalsOf(
        await tx.migrationTotals.counts(tenantId, id),
        (await tx.migrationImports.listRecent(tenantId, id, 1))[0] ?? null,
      );
      const windows = await tx.freezes.listByWarRoom(tenantId, id);
      const frozen = await tx.dashboard.countHeld(
        tenantId,
        id,
        windows.filter((w) => inForce(w, now)).map((w) => w.target),
      );
      const severities = await tx.dashboard.openIncidentsBySeverity(tenantId, id);
      const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<
        (typeof SEVERITIES)[number],
        number
      >;
      for (const { severity, count } of severities) bySeverity[severity] = count;
      const decisions = await tx.dashboard.pendingDecisions(tenantId, id, PENDING_SHOWN);
      return {
        warRoom: summaryOf(warRoom),
        now,
        items: { total: totals.items, byStatus: totals.byStatus, frozen },
        batches: totals.batches.map((b) => ({
          batch: b.batch,
          total: b.items,
          byStatus: b.byStatus,
        })),
        incidents: {
          open: severities.reduce((n, s) => n + s.count, 0),
          bySeverity,
        },
        decisions: {
          pending: decisions.count,
          next: decisions.next.map((d) => ({
            ref: decisionRef(d.number),
            question: d.question,
            kind: d.kind,
            deadline: d.deadline,
          })),
        },
        actions: await tx.dashboard.actionCounts(tenantId, id, now),
        freezeWindows: windows.map(freezeDto),
        lastImportAt: totals.lastImport?.at ?? null,
      };
    });
  }

  /** One page of the war room's items, filtered and sorted by the database. */
  async items(viewer: Viewer, warRoomId: string, query: ItemPageQuery): Promise<ItemPageDto> {
    const { tenantId, id } = await this.deps.warRooms.getVisible(viewer, warRoomId);
    const page = await this.deps.storage.transaction(async (tx) => {
      // Filtered by status and batch at most: the kept totals know how many match.
      const kept =
        query.search === undefined && query.tag === undefined
          ? (await tx.migrationTotals.counts(tenantId, id))
              .filter((c) => query.status === undefined || c.status === query.status)
              .filter((c) => query.batch === undefined || c.batch === query.batch)
              .reduce((n, c) => n + c.count, 0)
          : undefined;
      return tx.dashboard.itemPage(tenantId, id, query, kept);
    });
    return { total: page.total, items: page.items.map(itemDto) };
  }

  /**
   * Completed and failed items and open incidents per hour, from the war room's start (at
   * most SERIES_HOURS back) to now. Items keep only their last status change, so an hour
   * counts the items whose status is still what they reached in it.
   */
  async series(viewer: Viewer, warRoomId: string): Promise<SeriesDto> {
    const warRoom = await this.deps.warRooms.getVisible(viewer, warRoomId);
    const now = this.deps.clock.now().getTime();
    const lastHour = Math.floor(now / HOUR_MS) * HOUR_MS;
    const startedHour = Math.floor(Date.parse(warRoom.createdAt) / HOUR_MS) * HOUR_MS;
    const firstHour = Math.max(startedHour, lastHour - (SERIES_HOURS - 1) * HOUR_MS);
    const since = new Date(firstHour).toISOString();
    const { changes, incidents } = await this.deps.storage.transaction(async (tx) => ({
      changes: await tx.dashboard.statusChangesPerHour(warRoom.tenantId, warRoom.id, since),
      incidents: await tx.dashboard.incidentsPerHour(warRoom.tenantId, warRoom.id),
    }));
    const at = (hour: string) => Date.parse(hour);
    // Open at the end of an hour: opened by then, less resolved by then (earlier hours too).
    const upTo = (counts: { hour: string; count: number }[], end: number) =>
      counts.reduce((n, c) => (at(c.hour) < end ? n + c.count : n), 0);
    const buckets: SeriesDto['buckets'] = [];
    for (let start = firstHour; start <= lastHour; start += HOUR_MS) {
      const inHour = (status: 'completed' | 'failed') =>
        changes
          .filter((c) => c.status === status && at(c.hour) === start)
          .reduce((n, c) => n + c.count, 0);
      const end = start + HOUR_MS;
      buckets.push({
        start: new Date(start).toISOString(),
        completed: inHour('completed'),
        failed: inHour('failed'),
        openIncidents: Math.max(0, upTo(incidents.opened, end) - upTo(incidents.resolved, end)),
      });
    }
    return { buckets, truncated: startedHour < firstHour };
  }
}

function summaryOf(w: WarRoom): DashboardDto['warRoom'] {
  return { id: w.id, title: w.title, phase: w.phase, timeZone: w.timeZone, createdAt: w.createdAt };
}

function freezeDto(w: FreezeWindow): DashboardDto['freezeWindows'][number] {
  return {
    ref: freezeRef(w.number),
    from: w.from,
    to: w.to,
    reason: w.reason,
    target:
      w.target.kind === 'identities'
        ? { kind: 'identities', values: w.target.values }
        : { kind: w.target.kind, values: [w.target.value] },
    released: w.status === 'released',
    releasedAt: w.releasedAt,
  };
}

function itemDto(i: MigrationItem): ItemDto {
  return {
    identity: i.identity,
    batch: i.batch,
    status: i.status,
    rawStatus: i.rawStatus,
    itemsSynced: i.itemsSynced,
    itemsSkipped: i.itemsSkipped,
    error: i.error,
    tags: i.tags,
    statusChangedAt: i.statusChangedAt,
    updatedAt: i.updatedAt,
  };
}
