import {
  MIGRATION_STATUSES,
  normaliseStatus,
  statusReader,
  statusValuesSchema,
} from '../../../shared/migration/status';

describe('normaliseStatus: every raw Exchange status has one meaning', () => {
  test.each([
    ['Queued', 'notStarted'],
    ['Waiting', 'notStarted'],
    ['Starting', 'inProgress'],
    ['Validating', 'inProgress'],
    ['Provisioning', 'inProgress'],
    ['ProvisionUpdating', 'inProgress'],
    ['Syncing', 'inProgress'],
    ['IncrementalSyncing', 'inProgress'],
    ['Completing', 'inProgress'],
    ['CompletionSynced', 'inProgress'],
    ['Active', 'inProgress'],
    ['Synced', 'synced'],
    ['IncrementalSynced', 'synced'],
    ['Completed', 'completed'],
    ['CompletedWithWarnings', 'completed'],
    ['Failed', 'failed'],
    ['IncrementalFailed', 'failed'],
    ['CompletionFailed', 'failed'],
    ['Corrupted', 'failed'],
    ['Stopped', 'stopped'],
    ['IncrementalStopped', 'stopped'],
    ['Stopping', 'stopped'],
    ['Removing', 'stopped'],
  ])('%s → %s', (raw, status) => {
    expect(normaliseStatus(raw)).toBe(status);
  });

  test.each([
    ['Completed with warnings', 'completed'],
    ['COMPLETEDWITHWARNINGS', 'completed'],
    ['incremental-syncing', 'inProgress'],
    ['completion_failed', 'failed'],
    ['  Synced\t', 'synced'],
    ['Not started', 'notStarted'],
    ['in progress', 'inProgress'],
  ])('case, spaces, hyphens and underscores do not count: %j → %s', (raw, status) => {
    expect(normaliseStatus(raw)).toBe(status);
  });

  test('each normalised status can be written by its own name', () => {
    for (const status of MIGRATION_STATUSES) expect(normaliseStatus(status)).toBe(status);
  });

  test.each(['', 'Done', 'Complete', 'Synced!', 'Completed with errors', 'Syncing2'])(
    'an unknown status %j is not guessed',
    (raw) => {
      expect(normaliseStatus(raw)).toBeUndefined();
    },
  );
});

describe("statusReader: a war room's own words", () => {
  const read = statusReader({ Submitted: 'notStarted', 'Completed (Full)': 'completed' });

  test('are read, case- and space-insensitively', () => {
    expect(read('Submitted')).toBe('notStarted');
    expect(read(' submitted ')).toBe('notStarted');
    expect(read('COMPLETED (FULL)')).toBe('completed');
  });

  test('come before the built-in ones, and the built-in ones still apply', () => {
    const own = statusReader({ Synced: 'completed' });
    expect(own('Synced')).toBe('completed');
    expect(own('Failed')).toBe('failed');
    expect(normaliseStatus('Synced')).toBe('synced');
  });

  test('a repeated raw status reads the same each time', () => {
    expect([read('Failed'), read('Failed'), read('Nope'), read('Nope')]).toEqual([
      'failed',
      'failed',
      undefined,
      undefined,
    ]);
  });

  test('the schema refuses a status that is not one of ours, and empty words', () => {
    expect(statusValuesSchema.safeParse({ Submitted: 'notStarted' }).success).toBe(true);
    expect(statusValuesSchema.safeParse({ Submitted: 'queued' }).success).toBe(false);
    expect(statusValuesSchema.safeParse({ '  ': 'failed' }).success).toBe(false);
  });
});
