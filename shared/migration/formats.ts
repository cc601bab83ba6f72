import { invalid } from '../domain/errors';
import { FIELDS, headerKey, type ColumnMapping, type ColumnPlan, type Field } from './columns';
import type { MigrationFormat } from './types';

/** A layout we recognise by its headers: for each field, its columns in order of preference. */
interface FormatSpec {
  format: MigrationFormat;
  columns: Partial<Record<Field, readonly string[]>>;
}

/** Identity and status are what a row means; every other field may be absent. */
const REQUIRED: readonly Field[] = ['identity', 'status'];

/**
 * `Get-MigrationUser | Export-Csv`. The mailbox address is preferred to Identity, which is
 * the same address for most migration types but not all; a row without one uses the other.
 */
const EXCHANGE_ONLINE: FormatSpec = {
  format: 'exchangeOnline',
  columns: {
    identity: ['MailboxEmailAddress', 'Identity'],
    batch: ['BatchId'],
    status: ['Status'],
    itemsSynced: ['SyncedItemCount'],
    itemsSkipped: ['SkippedItemCount'],
    error: ['ErrorSummary'],
    lastSync: ['LastSuccessfulSyncTime'],
  },
};

/** The migration users report of the Exchange admin center (a batch's users, downloaded). */
const EXCHANGE_ADMIN_CENTER: FormatSpec = {
  format: 'exchangeAdminCenter',
  columns: {
    identity: ['Name'],
    status: ['Status'],
    itemsSynced: ['Items Synced'],
    itemsSkipped: ['Items Skipped'],
  },
};

/** Tried in this order: Exchange Online first, as its headers are the more specific. */
const KNOWN_FORMATS = [EXCHANGE_ONLINE, EXCHANGE_ADMIN_CENTER] as const;

function mappingSpec(mapping: ColumnMapping): FormatSpec {
  const columns: Partial<Record<Field, readonly string[]>> = {};
  for (const field of FIELDS) {
    const name = mapping[field];
    if (name !== undefined) columns[field] = [name];
  }
  return { format: 'mapping', columns };
}

type Planned = { format: MigrationFormat; plan: ColumnPlan };

/**
 * Lays a spec over a header. For a known format only identity and status must be there;
 * for a mapping, every column the lead named must be (a missing one means another file).
 * Gives the plan, or the columns that are missing as a reader would name them.
 */
function plan(spec: FormatSpec, headers: readonly string[], all: boolean): Planned | string[] {
  const byKey = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key !== '' && !byKey.has(key)) byKey.set(key, index);
  });
  const columnPlan: ColumnPlan = {};
  const missing: string[] = [];
  for (const field of FIELDS) {
    const names = spec.columns[field];
    if (names === undefined) continue;
    const indexes = names
      .map((name) => byKey.get(headerKey(name)))
      .filter((index) => index !== undefined);
    const first = indexes[0];
    if (first !== undefined) columnPlan[field] = { indexes, header: headers[first] ?? '' };
    else if (all || REQUIRED.includes(field)) missing.push(names.join(' or '));
  }
  return missing.length > 0 ? missing : { format: spec.format, plan: columnPlan };
}

/**
 * Which format a file is in and where its fields are, from its header row. A saved
 * mapping is used when all its columns are present; otherwise the known formats are tried.
 * Throws an `invalid` error naming the missing columns: of the mapping if there is one,
 * else of the known format the file comes closest to.
 */
export function planColumns(headers: readonly string[], mapping?: ColumnMapping): Planned {
  const tried: { format: MigrationFormat; missing: string[] }[] = [];
  const specs = mapping === undefined ? KNOWN_FORMATS : [mappingSpec(mapping), ...KNOWN_FORMATS];
  for (const spec of specs) {
    const result = plan(spec, headers, spec.format === 'mapping');
    if (!Array.isArray(result)) return result;
    tried.push({ format: spec.format, missing: result });
  }
  const closest =
    mapping !== undefined
      ? tried[0]
      : tried.reduce((best, t) => (t.missing.length < best.missing.length ? t : best));
  throw invalid('migration.file.missingColumns', {
    format: closest?.format ?? 'mapping',
    missing: closest?.missing.join(', ') ?? '',
  });
}
