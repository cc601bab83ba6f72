import { z } from 'zod';
import { SEVERITIES } from '../domain/incident';
import { PHASES } from '../domain/warRoom';
import { MIGRATION_STATUSES } from '../migration/status';

/**
 * The dashboard's part of the JSON API (bot/http/dashboardApi.ts): one snapshot for the
 * headline tiles, a page of migration items, and a status-over-time series. The server
 * builds responses that satisfy these schemas; the tab parses what it receives with them.
 */

const count = z.number().int().nonnegative();
const statusCounts = z.object(
  Object.fromEntries(MIGRATION_STATUSES.map((s) => [s, count])) as Record<
    (typeof MIGRATION_STATUSES)[number],
    typeof count
  >,
);

export const freezeWindowSchema = z.object({
  ref: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  /** What it holds: `tag`, `batch` or `identities`, and the value(s). */
  target: z.object({ kind: z.enum(['tag', 'batch', 'identities']), values: z.array(z.string()) }),
  released: z.boolean(),
  releasedAt: z.string().nullable(),
});
export type FreezeWindowDto = z.infer<typeof freezeWindowSchema>;

/** `GET /api/v1/war-rooms/{id}/dashboard` */
export const dashboardSchema = z.object({
  warRoom: z.object({
    id: z.string(),
    title: z.string(),
    phase: z.enum(PHASES),
    timeZone: z.string(),
    createdAt: z.string(),
  }),
  /** The server's clock: the tab shows time left and "now" against it, not its own. */
  now: z.string(),
  items: z.object({ total: count, byStatus: statusCounts, frozen: count }),
  batches: z.array(
    z.object({ batch: z.string().nullable(), total: count, byStatus: statusCounts }),
  ),
  incidents: z.object({ open: count, bySeverity: z.record(z.enum(SEVERITIES), count) }),
  decisions: z.object({
    pending: count,
    /** The pending ones, soonest deadline first (none last), at most PENDING_SHOWN. */
    next: z.array(
      z.object({
        ref: z.string(),
        question: z.string(),
        kind: z.enum(['approval', 'goNoGo']),
        deadline: z.string().nullable(),
      }),
    ),
  }),
  actions: z.object({ open: count, overdue: count }),
  freezeWindows: z.array(freezeWindowSchema),
  lastImportAt: z.string().nullable(),
});
export type DashboardDto = z.infer<typeof dashboardSchema>;

/** Pending decisions listed on the dashboard (the count covers them all). */
export const PENDING_SHOWN = 5;

export const ITEM_SORTS = ['identity', 'status', 'batch', 'updated'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];
export const ITEM_PAGE_MAX = 200;

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * `GET /api/v1/war-rooms/{id}/migration/items?…`: every parameter optional; unknown ones
 * are refused, so a typo (`stauts=failed`) does not silently return everything.
 */
export const itemQuerySchema = z.strictObject({
  search: text(200).optional(),
  status: z.enum(MIGRATION_STATUSES).optional(),
  /** A batch name; `-` for items without a batch. */
  batch: text(200).optional(),
  tag: text(100).optional(),
  sort: z.enum(ITEM_SORTS).default('identity'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(ITEM_PAGE_MAX).default(100),
});
export type ItemQuery = z.output<typeof itemQuerySchema>;
export type ItemQueryInput = z.input<typeof itemQuerySchema>;

/** The `batch` value meaning "items without a batch". */
export const NO_BATCH = '-';

export const itemSchema = z.object({
  identity: z.string(),
  batch: z.string().nullable(),
  status: z.enum(MIGRATION_STATUSES),
  rawStatus: z.string(),
  itemsSynced: z.number().nullable(),
  itemsSkipped: z.number().nullable(),
  error: z.string().nullable(),
  tags: z.array(z.string()),
  statusChangedAt: z.string(),
  updatedAt: z.string(),
});
export type ItemDto = z.infer<typeof itemSchema>;

export const itemPageSchema = z.object({ total: count, items: z.array(itemSchema) });
export type ItemPageDto = z.infer<typeof itemPageSchema>;

/** `GET /api/v1/war-rooms/{id}/dashboard/series` */
export const seriesSchema = z.object({
  /** Hour buckets, UTC, oldest first: each counts what happened in [start, start + 1 h). */
  buckets: z.array(
    z.object({
      start: z.string(),
      /** Items now completed whose status last changed in this hour. */
      completed: count,
      /** Items now failed whose status last changed in this hour. */
      failed: count,
      /** Incidents open (not resolved) at the end of this hour. */
      openIncidents: count,
    }),
  ),
  /** True when the war room is older than the series reaches back (SERIES_HOURS). */
  truncated: z.boolean(),
});
export type SeriesDto = z.infer<typeof seriesSchema>;

/** A weekend and a bit: how far back the series reaches. */
export const SERIES_HOURS = 96;
