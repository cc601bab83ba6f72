import { DomainError } from '../../../shared/domain/errors';
import { columnMappingSchema, headerKey } from '../../../shared/migration/columns';
import { planColumns } from '../../../shared/migration/formats';

/** The domain error `planColumns` throws, or undefined when it finds a format. */
function refusal(headers: string[], mapping?: Parameters<typeof planColumns>[1]) {
  try {
    planColumns(headers, mapping);
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return { key: e.messageKey, params: e.params };
    throw e;
  }
}

const EXCHANGE_ONLINE = [
  'Identity',
  'MailboxEmailAddress',
  'BatchId',
  'RecipientType',
  'Status',
  'StatusSummary',
  'State',
  'SyncedItemCount',
  'SkippedItemCount',
  'LastSuccessfulSyncTime',
  'ErrorSummary',
];

describe('headerKey', () => {
  test('case, spaces and punctuation do not count; letters of any script do', () => {
    expect(headerKey(' Items  Synced ')).toBe('itemssynced');
    expect(headerKey('items_synced')).toBe(headerKey('ItemsSynced'));
    expect(headerKey('Data consistency score')).toBe('dataconsistencyscore');
    expect(headerKey('Élément synchronisé (#)')).toBe('élémentsynchronisé');
  });
});

describe('planColumns: known formats from their headers', () => {
  test('Get-MigrationUser: every field, the address before Identity', () => {
    const { format, plan } = planColumns(EXCHANGE_ONLINE);
    expect(format).toBe('exchangeOnline');
    expect(plan.identity).toEqual({ indexes: [1, 0], header: 'MailboxEmailAddress' });
    expect(plan.status).toEqual({ indexes: [4], header: 'Status' });
    expect(plan.batch?.indexes).toEqual([2]);
    expect(plan.itemsSynced?.indexes).toEqual([7]);
    expect(plan.itemsSkipped?.indexes).toEqual([8]);
    expect(plan.lastSync?.indexes).toEqual([9]);
    expect(plan.error?.indexes).toEqual([10]);
    expect(plan.tags).toBeUndefined();
  });

  test('headers match whatever their case, spacing and order; unknown ones are ignored', () => {
    const { format, plan } = planColumns(['Notes', ' STATUS ', 'identity', 'Batch_Id']);
    expect(format).toBe('exchangeOnline');
    expect(plan.identity).toEqual({ indexes: [2], header: 'identity' });
    expect(plan.status?.indexes).toEqual([1]);
    expect(plan.batch?.indexes).toEqual([3]);
  });

  test('the admin center report', () => {
    const { format, plan } = planColumns([
      'Name',
      'Status',
      'Data consistency score',
      'Items Synced',
      'Items Skipped',
    ]);
    expect(format).toBe('exchangeAdminCenter');
    expect(plan.identity?.indexes).toEqual([0]);
    expect(plan.itemsSynced).toEqual({ indexes: [3], header: 'Items Synced' });
    expect(plan.itemsSkipped?.indexes).toEqual([4]);
    expect(plan.batch).toBeUndefined();
  });

  test('a file of neither format is refused, naming the columns missing from the closer one', () => {
    expect(refusal(['Name', 'Items Synced', 'Items Skipped'])).toEqual({
      key: 'migration.file.missingColumns',
      params: { format: 'exchangeAdminCenter', missing: 'Status' },
    });
    expect(refusal(['MailboxEmailAddress', 'BatchId'])).toEqual({
      key: 'migration.file.missingColumns',
      params: { format: 'exchangeOnline', missing: 'Status' },
    });
    expect(refusal(['Mailbox', 'State'])).toEqual({
      key: 'migration.file.missingColumns',
      params: { format: 'exchangeOnline', missing: 'MailboxEmailAddress or Identity, Status' },
    });
  });
});

describe('planColumns: a saved mapping', () => {
  const mapping = columnMappingSchema.parse({
    identity: 'Source Email',
    status: 'Migration Status',
    itemsSynced: 'Items Migrated',
    tags: 'Labels',
  });
  const MIGRATIONWIZ = [
    'Source Email',
    'Destination Email',
    'Migration Status',
    'Items Migrated',
    'Labels',
  ];

  test('reads the columns it names', () => {
    const { format, plan } = planColumns(MIGRATIONWIZ, mapping);
    expect(format).toBe('mapping');
    expect(plan.identity).toEqual({ indexes: [0], header: 'Source Email' });
    expect(plan.status?.indexes).toEqual([2]);
    expect(plan.itemsSynced?.indexes).toEqual([3]);
    expect(plan.tags?.indexes).toEqual([4]);
    expect(plan.batch).toBeUndefined();
  });

  test('gives way to a known format when its columns are not all there', () => {
    expect(planColumns(EXCHANGE_ONLINE, mapping).format).toBe('exchangeOnline');
  });

  test('is named in the refusal when neither it nor a known format fits', () => {
    expect(refusal(MIGRATIONWIZ.slice(0, 3), mapping)).toEqual({
      key: 'migration.file.missingColumns',
      params: { format: 'mapping', missing: 'Items Migrated, Labels' },
    });
  });

  test('the schema wants identity and status, known keys only, names with a letter or digit', () => {
    expect(columnMappingSchema.safeParse({ identity: 'A', status: 'B' }).success).toBe(true);
    expect(columnMappingSchema.safeParse({ identity: 'A' }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ identity: 'A', status: ' ' }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ identity: 'A', status: '--' }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ identity: 'A', status: 'B', owner: 'C' }).success).toBe(
      false,
    );
    expect(columnMappingSchema.parse({ identity: ' A ', status: 'B' }).identity).toBe('A');
  });
});
