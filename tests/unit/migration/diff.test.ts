import type { MigrationItem } from '../../../shared/domain/migration';
import type { Field } from '../../../shared/migration/columns';
import type { MigrationRow } from '../../../shared/migration/types';
import {
  diffImport,
  fingerprintOf,
  triage,
  type Incoming,
} from '../../../bot/services/migrationDiff';

const ids = { tenantId: 't1', warRoomId: 'w1' };
const EXPORT_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'identity',
  'batch',
  'status',
  'itemsSynced',
  'itemsSkipped',
  'error',
  'lastSync',
]);
const REPORT_FIELDS: ReadonlySet<Field> = new Set<Field>(['identity', 'status', 'itemsSynced']);

const row = (overrides: Partial<MigrationRow> = {}): MigrationRow => ({
  line: 2,
  identity: 'anna@contoso.example',
  batch: 'Wave1',
  rawStatus: 'Syncing',
  status: 'inProgress',
  itemsSynced: 10,
  itemsSkipped: 0,
  error: null,
  lastSyncAt: '2026-11-14T10:00:00.000Z',
  tags: [],
  ...overrides,
});
const incoming = (r: MigrationRow, fields = EXPORT_FIELDS): Incoming => ({ row: r, fields });

/** The item as the import that wrote `entry` stored it. */
function stored(entry: Incoming, now = '2026-11-14T09:00:00.000Z') {
  const [change] = diffImport([], triage(new Map(), [entry]), ids, now).changes;
  if (!change) throw new Error('expected a created item');
  return change.after;
}

describe('import fingerprints', () => {
  it('are equal for the same row over the same fields, whatever the line', () => {
    expect(fingerprintOf(incoming(row({ line: 9 })))).toBe(fingerprintOf(incoming(row())));
  });

  it('differ when a field the source has, or the status, differs', () => {
    const base = fingerprintOf(incoming(row()));
    expect(fingerprintOf(incoming(row({ itemsSynced: 11 })))).not.toBe(base);
    expect(fingerprintOf(incoming(row({ rawStatus: 'Synced', status: 'synced' })))).not.toBe(base);
    expect(fingerprintOf(incoming(row({ error: 'MailboxIsLocked' })))).not.toBe(base);
  });

  it('differ between sources with other columns, and ignore values a source does not have', () => {
    expect(fingerprintOf(incoming(row(), REPORT_FIELDS))).not.toBe(fingerprintOf(incoming(row())));
    expect(fingerprintOf(incoming(row({ batch: 'Other' }), REPORT_FIELDS))).toBe(
      fingerprintOf(incoming(row(), REPORT_FIELDS)),
    );
  });

  it('a row with its item’s fingerprint is unchanged without the item being read', () => {
    const entry = incoming(row());
    const item = stored(entry);
    const sorted = triage(new Map([[item.identity, item.fingerprint]]), [entry]);
    expect(sorted).toEqual({ toCompare: [], unchanged: 1 });
    const diff = diffImport([], sorted, ids, '2026-11-15T00:00:00.000Z');
    expect(diff).toMatchObject({ changes: [], created: 0, updated: 0, unchanged: 1 });
  });

  it('an item without a fingerprint, or with another source’s, is compared in full', () => {
    const item = stored(incoming(row()));
    const plain: MigrationItem = { ...item };
    delete (plain as { fingerprint?: string }).fingerprint;
    const same = incoming(row());
    const none = triage(new Map([[item.identity, null]]), [same]);
    expect(none.toCompare).toHaveLength(1);
    expect(diffImport([plain], none, ids, '2026-11-15T00:00:00.000Z')).toMatchObject({
      changes: [],
      unchanged: 1,
    });

    // The admin center's report after the export: its own fingerprint, batches kept.
    const report = incoming(row({ batch: null, itemsSynced: 12 }), REPORT_FIELDS);
    const other = triage(new Map([[item.identity, item.fingerprint]]), [report]);
    const diff = diffImport([plain], other, ids, '2026-11-15T00:00:00.000Z');
    expect(diff.updated).toBe(1);
    expect(diff.changes[0]?.after).toMatchObject({
      batch: 'Wave1',
      itemsSynced: 12,
      fingerprint: fingerprintOf(report),
    });
  });
});
