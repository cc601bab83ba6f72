import {
  SqliteAdapter,
  type CompiledQuery,
  type Compilable,
  type Insertable,
  type Selectable,
} from 'kysely';
import type { MigrationItem } from '../../../shared/domain/migration';
import { MIGRATION_STATUSES } from '../../../shared/migration/status';
import type { FingerprintedItem, MigrationItemRepo } from '../types';
import { encodeJson, oneOf, type Exec } from './exec';
import { toIso } from './instant';
import {
  unnestUpsert,
  UNNEST_CHUNK,
  type ItemColumn,
  type OnConflict,
} from './migrationItemsUnnest';
import type { Database } from './schema';

type ItemRow = Selectable<Database['migration_items']>;
type ItemInsert = Insertable<Database['migration_items']>;

/**
 * Rows per INSERT: 15 parameters a row stays under SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters, and a statement this size is where both engines stop getting faster.
 */
const CHUNK = 1000;

/** Identities per `IN (...)` lookup: well under both engines' bound-parameter limits. */
const LOOKUP_CHUNK = 1000;

/**
 * `toISOString` form: what SQLite holds and what services write already, so reading or
 * writing 100,000 items skips a Date per instant (toIso was a fifth of a bulk write).
 */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const instant = (v: string | Date): string =>
  typeof v === 'string' && CANONICAL.test(v) ? v : toIso(v);
const count = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * What each column is written from, in the order every row is written: the bound
 * parameters follow it, read straight from the items (no row object per item).
 */
const WRITTEN: { [C in ItemColumn]: (i: FingerprintedItem) => ItemInsert[C] } = {
  tenant_id: (i) => i.tenantId,
  war_room_id: (i) => i.warRoomId,
  identity: (i) => i.identity,
  batch: (i) => i.batch,
  raw_status: (i) => i.rawStatus,
  status: (i) => i.status,
  items_synced: (i) => i.itemsSynced,
  items_skipped: (i) => i.itemsSkipped,
  error: (i) => i.error,
  last_sync_at: (i) => (i.lastSyncAt === null ? null : instant(i.lastSyncAt)),
  tags: (i) => encodeJson(i.tags) ?? '[]',
  first_seen_at: (i) => instant(i.firstSeenAt),
  status_changed_at: (i) => instant(i.statusChangedAt),
  updated_at: (i) => instant(i.updatedAt),
  fingerprint: (i) => i.fingerprint ?? null,
};
const COLUMNS = Object.keys(WRITTEN) as ItemColumn[];
const WRITERS = Object.values(WRITTEN) as ((i: FingerprintedItem) => unknown)[];

const toRow = (i: FingerprintedItem): ItemInsert =>
  Object.fromEntries(COLUMNS.map((c) => [c, WRITTEN[c](i)])) as ItemInsert;

function tagsOf(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    throw new Error('unexpected migration_items.tags in storage');
  }
  return value as string[];
}

/** A stored row as an item (also for the dashboard's pages). */
export function itemFromRow(r: ItemRow, decodeJson: (raw: unknown) => unknown): MigrationItem {
  return {
    tenantId: r.tenant_id,
    warRoomId: r.war_room_id,
    identity: r.identity,
    batch: r.batch,
    rawStatus: r.raw_status,
    status: oneOf(MIGRATION_STATUSES, r.status, 'migration_items.status'),
    itemsSynced: count(r.items_synced),
    itemsSkipped: count(r.items_skipped),
    error: r.error,
    lastSyncAt: r.last_sync_at === null ? null : instant(r.last_sync_at),
    tags: tagsOf(decodeJson(r.tags)),
    firstSeenAt: instant(r.first_seen_at),
    statusChangedAt: instant(r.status_changed_at),
    updatedAt: instant(r.updated_at),
  };
}

/**
 * The upsert of `n` rows, built and compiled once per dialect and size, then bound to each
 * chunk's values: building and compiling 14,000 parameters with the query builder costs
 * more than running the statement. The first compilation checks that the builder binds
 * parameters row by row in COLUMNS order, which is what `bind` relies on.
 */
/** On a known identity, the import's values replace the stored ones (first_seen_at stays). */
const replaceStored: OnConflict = (oc) =>
  oc.columns(['war_room_id', 'identity']).doUpdateSet((eb) => ({
    batch: eb.ref('excluded.batch'),
    raw_status: eb.ref('excluded.raw_status'),
    status: eb.ref('excluded.status'),
    items_synced: eb.ref('excluded.items_synced'),
    items_skipped: eb.ref('excluded.items_skipped'),
    error: eb.ref('excluded.error'),
    last_sync_at: eb.ref('excluded.last_sync_at'),
    tags: eb.ref('excluded.tags'),
    status_changed_at: eb.ref('excluded.status_changed_at'),
    updated_at: eb.ref('excluded.updated_at'),
    fingerprint: eb.ref('excluded.fingerprint'),
  }));

function upsertTemplate(x: Exec, items: readonly FingerprintedItem[]): CompiledQuery {
  const compiled = x.db
    .insertInto('migration_items')
    .values(items.map(toRow))
    .onConflict(replaceStored)
    .compile();
  const expected = bindings(items);
  const same =
    compiled.parameters.length === expected.length &&
    compiled.parameters.every((p, i) => p === expected[i]);
  if (!same) throw new Error('migration_items upsert: unexpected parameter order');
  return compiled;
}

/** The items as one array per column, for PostgreSQL's unnest. */
function columnsOf(items: readonly FingerprintedItem[]): Record<ItemColumn, unknown[]> {
  const columns = {} as Record<ItemColumn, unknown[]>;
  COLUMNS.forEach((c, k) => (columns[c] = items.map((item) => WRITERS[k]?.(item))));
  return columns;
}

/** The items' values row by row, in COLUMNS order: the parameters of the VALUES upsert. */
function bindings(items: readonly FingerprintedItem[]): unknown[] {
  const values = new Array<unknown>(items.length * WRITERS.length);
  let k = 0;
  for (const item of items) for (const write of WRITERS) values[k++] = write(item);
  return values;
}

/** Templates per (dialect builder, rows per statement): a handful of entries at most. */
const templates = new WeakMap<object, Map<number, CompiledQuery>>();

function bound(x: Exec, items: readonly FingerprintedItem[]): Compilable {
  let bySize = templates.get(x.db);
  if (!bySize) templates.set(x.db, (bySize = new Map()));
  let template = bySize.get(items.length);
  if (!template) {
    template = upsertTemplate(x, items);
    bySize.set(items.length, template);
    return { compile: () => template as CompiledQuery };
  }
  const compiled: CompiledQuery = { ...template, parameters: bindings(items) };
  return { compile: () => compiled };
}

export function migrationItemRepo(x: Exec): MigrationItemRepo {
  const { db } = x;
  const ofRoom = (tenantId: string, warRoomId: string) =>
    db
      .selectFrom('migration_items')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('war_room_id', '=', warRoomId);
  const decode = (raw: unknown) => x.decodeJson(raw);
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  return {
    async listAll(tenantId, warRoomId) {
      const rows = await x.all(ofRoom(tenantId, warRoomId));
      return rows.map((r) => itemFromRow(r, decode));
    },
    async upsert(items) {
      if (sqlite) {
        for (let i = 0; i < items.length; i += CHUNK) {
          await x.run(bound(x, items.slice(i, i + CHUNK)));
        }
        return;
      }
      for (let i = 0; i < items.length; i += UNNEST_CHUNK) {
        await x.run(unnestUpsert(db, columnsOf(items.slice(i, i + UNNEST_CHUNK)), replaceStored));
      }
    },
    async find(tenantId, warRoomId, identity) {
      const [row] = await x.all(ofRoom(tenantId, warRoomId).where('identity', '=', identity));
      return row && itemFromRow(row, decode);
    },
    async fingerprints(tenantId, warRoomId) {
      const rows = await x.all(
        db
          .selectFrom('migration_items')
          .select(['identity', 'fingerprint'])
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId),
      );
      return new Map(rows.map((r) => [r.identity, r.fingerprint]));
    },
    async findMany(tenantId, warRoomId, identities) {
      const items: MigrationItem[] = [];
      for (let i = 0; i < identities.length; i += LOOKUP_CHUNK) {
        const some = identities.slice(i, i + LOOKUP_CHUNK);
        const rows = await x.all(ofRoom(tenantId, warRoomId).where('identity', 'in', some));
        for (const r of rows) items.push(itemFromRow(r, decode));
      }
      return items;
    },
    async list(tenantId, warRoomId, { status, batch, limit }) {
      let query = ofRoom(tenantId, warRoomId);
      if (status !== undefined) query = query.where('status', '=', status);
      if (batch !== undefined) {
        query =
          batch === null ? query.where('batch', 'is', null) : query.where('batch', '=', batch);
      }
      const rows = await x.all(query.orderBy('identity').limit(limit));
      return rows.map((r) => itemFromRow(r, decode));
    },
    async counts(tenantId, warRoomId) {
      const rows = await x.all(
        db
          .selectFrom('migration_items')
          .select(['batch', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('tenant_id', '=', tenantId)
          .where('war_room_id', '=', warRoomId)
          .groupBy(['batch', 'status']),
      );
      return rows.map((r) => ({
        batch: r.batch,
        status: oneOf(MIGRATION_STATUSES, r.status, 'migration_items.status'),
        count: Number(r.n),
      }));
    },
  };
}
