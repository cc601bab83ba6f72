import { hash } from 'node:crypto';
import type { MigrationItem } from '../../shared/domain/migration';
import type { Field } from '../../shared/migration/columns';
import type { MigrationStatus } from '../../shared/migration/status';
import type { MigrationRow } from '../../shared/migration/types';

/** A row of an import and the fields its source spoke about (a missing column says nothing). */
export interface Incoming {
  row: MigrationRow;
  fields: ReadonlySet<Field>;
}

/** An item an import created (`before` null) or changed; `after` as written. */
export interface ItemChange {
  before: MigrationItem | null;
  after: MigrationItem & { fingerprint: string };
}

/** How many items moved from one normalised status to another (`from` null: new items). */
export interface StatusTransition {
  from: MigrationStatus | null;
  to: MigrationStatus;
  count: number;
  /** The first few identities, so the timeline can say whom it was about. */
  examples: string[];
}

export interface Diff {
  changes: ItemChange[];
  created: number;
  updated: number;
  unchanged: number;
}

const EXAMPLES = 5;

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

/** True when nothing an import writes differs (times of bookkeeping aside). */
function sameState(a: MigrationItem, b: MigrationItem): boolean {
  return (
    a.batch === b.batch &&
    a.rawStatus === b.rawStatus &&
    a.status === b.status &&
    a.itemsSynced === b.itemsSynced &&
    a.itemsSkipped === b.itemsSkipped &&
    a.error === b.error &&
    a.lastSyncAt === b.lastSyncAt &&
    sameTags(a.tags, b.tags)
  );
}

/**
 * The item after an import row: the row's values for the fields its source has, the
 * stored ones for the rest (a new item: empty). The status always comes from the row.
 * Written out field by field: it runs once a row, and makes the one object kept per item.
 */
function merge(
  before: MigrationItem | undefined,
  { row, fields }: Incoming,
  ids: { tenantId: string; warRoomId: string },
  now: string,
  fingerprint: string,
): MigrationItem & { fingerprint: string } {
  if (before === undefined) {
    return {
      tenantId: ids.tenantId,
      warRoomId: ids.warRoomId,
      identity: row.identity,
      batch: row.batch,
      rawStatus: row.rawStatus,
      status: row.status,
      itemsSynced: row.itemsSynced,
      itemsSkipped: row.itemsSkipped,
      error: row.error,
      lastSyncAt: row.lastSyncAt,
      tags: row.tags,
      firstSeenAt: now,
      statusChangedAt: now,
      updatedAt: now,
      fingerprint,
    };
  }
  return {
    tenantId: ids.tenantId,
    warRoomId: ids.warRoomId,
    identity: row.identity,
    batch: fields.has('batch') ? row.batch : before.batch,
    rawStatus: row.rawStatus,
    status: row.status,
    itemsSynced: fields.has('itemsSynced') ? row.itemsSynced : before.itemsSynced,
    itemsSkipped: fields.has('itemsSkipped') ? row.itemsSkipped : before.itemsSkipped,
    error: fields.has('error') ? row.error : before.error,
    lastSyncAt: fields.has('lastSync') ? row.lastSyncAt : before.lastSyncAt,
    tags: fields.has('tags') ? row.tags : before.tags,
    firstSeenAt: before.firstSeenAt,
    statusChangedAt: before.status === row.status ? before.statusChangedAt : now,
    updatedAt: now,
    fingerprint,
  };
}

/** Bumped when what a fingerprint covers changes: every stored one then compares in full. */
const FINGERPRINT_VERSION = 'v1';

/** The fields a source spoke about, in one order however it listed them (a JSON item's keys). */
const fieldKeys = new WeakMap<ReadonlySet<Field>, string>();
function fieldsKey(fields: ReadonlySet<Field>): string {
  let key = fieldKeys.get(fields);
  if (key === undefined) fieldKeys.set(fields, (key = [...fields].sort().join(',')));
  return key;
}

/**
 * A digest of what a row says of its item: the fields its source has, their values and the
 * status. An item last written from a row with the same fingerprint is unchanged by this
 * one, since merge() keeps the stored values of every field the row does not have.
 */
export function fingerprintOf({ row, fields }: Incoming): string {
  // A field the source does not have is 0, which no field's value can be.
  const canonical = JSON.stringify([
    FINGERPRINT_VERSION,
    fieldsKey(fields),
    row.rawStatus,
    row.status,
    fields.has('batch') ? row.batch : 0,
    fields.has('itemsSynced') ? row.itemsSynced : 0,
    fields.has('itemsSkipped') ? row.itemsSkipped : 0,
    fields.has('error') ? row.error : 0,
    fields.has('lastSync') ? row.lastSyncAt : 0,
    fields.has('tags') ? row.tags : 0,
  ]);
  return hash('sha1', canonical, 'base64');
}

/** An import sorted by the stored fingerprints, before any whole item is read. */
export interface Triage {
  /** Rows whose item is new or may have changed: compare them with the stored items. */
  toCompare: { entry: Incoming; fingerprint: string }[];
  /** Rows that say what their item's last import said. */
  unchanged: number;
}

/** Splits an import into rows that need their stored item and rows known to be unchanged. */
export function triage(
  stored: ReadonlyMap<string, string | null>,
  incoming: readonly Incoming[],
): Triage {
  const result: Triage = { toCompare: [], unchanged: 0 };
  for (const entry of incoming) {
    const fingerprint = fingerprintOf(entry);
    if (stored.get(entry.row.identity) === fingerprint) result.unchanged++;
    else result.toCompare.push({ entry, fingerprint });
  }
  return result;
}

/**
 * Compares the rows to compare with their stored items (those that exist): what to write,
 * and the counts (with the rows triage already found unchanged).
 */
export function diffImport(
  stored: readonly MigrationItem[],
  { toCompare, unchanged }: Triage,
  ids: { tenantId: string; warRoomId: string },
  now: string,
): Diff {
  const byIdentity = new Map(stored.map((item) => [item.identity, item]));
  const diff: Diff = { changes: [], created: 0, updated: 0, unchanged };
  for (const { entry, fingerprint } of toCompare) {
    const before = byIdentity.get(entry.row.identity);
    const after = merge(before, entry, ids, now, fingerprint);
    if (!before) diff.created++;
    else if (sameState(before, after)) {
      // Unchanged, but its stored fingerprint is not this row's (none yet, or another
      // source's fields): left as it is, as before fingerprints.
      diff.unchanged++;
      continue;
    } else diff.updated++;
    diff.changes.push({ before: before ?? null, after });
  }
  return diff;
}

/** The status moves of an import, for its one audit entry: counts, not one line per item. */
export function transitions(changes: readonly ItemChange[]): StatusTransition[] {
  const byKey = new Map<string, StatusTransition>();
  for (const { before, after } of changes) {
    const from = before?.status ?? null;
    if (from === after.status) continue;
    const key = `${from}>${after.status}`;
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = { from, to: after.status, count: 0, examples: [] }));
    t.count++;
    if (t.examples.length < EXAMPLES) t.examples.push(after.identity);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.to.localeCompare(b.to));
}
