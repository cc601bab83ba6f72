import { z } from 'zod';

/** Where a mailbox stands, whichever tool reported it. */
export const MIGRATION_STATUSES = [
  'notStarted',
  'inProgress',
  'synced',
  'completed',
  'failed',
  'stopped',
] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

/**
 * The raw statuses we know, by the normalised status they mean. Sources: Exchange's
 * `MigrationUserStatus` enumeration (what `Get-MigrationUser` writes), the words the
 * Exchange admin center shows (Starting, Stopping, Removing, ...), `StatusSummary` and
 * `MigrationState` values (Active, Waiting) for files mapped to those columns, and the
 * normalised names themselves, so a spreadsheet may use them directly.
 * - Synced is its own status: the initial copy is done and the mailbox waits for the
 *   cutover, which is what a lead counts before saying go.
 * - Stopping and Removing count as stopped: nobody is moving that mailbox any more.
 * - Corrupted counts as failed: it needs a person.
 */
const RAW_STATUSES: Record<MigrationStatus, readonly string[]> = {
  notStarted: ['NotStarted', 'Queued', 'Waiting'],
  inProgress: [
    'InProgress',
    'Active',
    'Starting',
    'Validating',
    'Provisioning',
    'ProvisionUpdating',
    'Syncing',
    'IncrementalSyncing',
    'Completing',
    'CompletionSynced',
  ],
  synced: ['Synced', 'IncrementalSynced'],
  completed: ['Completed', 'CompletedWithWarnings'],
  failed: ['Failed', 'IncrementalFailed', 'CompletionFailed', 'Corrupted'],
  stopped: ['Stopped', 'IncrementalStopped', 'Stopping', 'Removing'],
};

/**
 * The lookup key of a raw status: case, spaces, hyphens and underscores do not count, so
 * `CompletedWithWarnings`, `Completed with warnings` and `completed_with_warnings` agree.
 */
export function statusKey(raw: string): string {
  return raw.toLowerCase().replace(/[\s_-]+/g, '');
}

const KNOWN = new Map<string, MigrationStatus>(
  MIGRATION_STATUSES.flatMap((status) =>
    RAW_STATUSES[status].map((raw) => [statusKey(raw), status] as const),
  ),
);

/**
 * A war room's own words for statuses (MigrationWiz, Quest, a spreadsheet), saved by the
 * lead beside the column mapping; they are looked up before the built-in ones.
 */
export const statusValuesSchema = z
  .record(z.string().trim().min(1).max(100), z.enum(MIGRATION_STATUSES))
  .refine((values) => Object.keys(values).length <= 200, { message: 'At most 200 statuses' });
export type StatusValues = z.infer<typeof statusValuesSchema>;

/** Looks raw statuses up, the war room's own words first. */
export type StatusReader = (raw: string) => MigrationStatus | undefined;

/**
 * A reader for raw statuses. An unknown status gives `undefined`, never a guess: the
 * caller rejects that row with its value, so a mailbox in a state we do not understand is
 * never shown as progressing (or done) when it may have failed.
 */
export function statusReader(own: StatusValues = {}): StatusReader {
  const table = new Map(KNOWN);
  for (const [raw, status] of Object.entries(own)) table.set(statusKey(raw), status);
  // A file repeats a handful of raw statuses: remember each as written.
  const seen = new Map<string, MigrationStatus | undefined>();
  return (raw) => {
    if (seen.has(raw)) return seen.get(raw);
    const status = table.get(statusKey(raw));
    if (seen.size < 1000) seen.set(raw, status);
    return status;
  };
}

/** The built-in reading of one raw status (no war-room words). */
export const normaliseStatus: StatusReader = (raw) => KNOWN.get(statusKey(raw));
