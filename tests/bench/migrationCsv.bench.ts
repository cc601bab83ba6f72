/**
 * Benchmark: how fast a Get-MigrationUser export is read, apart from storage. Prints
 * figures; asserts nothing (tests/unit/migration checks the results are right). The
 * import target is 100,000 rows/s for parse + insert, so parsing must be well above it.
 *
 *   npm run build:server && node dist/tests/bench/migrationCsv.bench.js
 */
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { parseMigrationCsv } from '../../shared/migration/csv';

const ROWS = 100_000;
const STATUSES = ['Syncing', 'Completed', 'Synced', 'Failed', 'CompletedWithWarnings', 'Queued'];

/** As `Export-Csv` writes it: BOM, `#TYPE`, every field quoted, CRLF. */
function exportOf(rows: number, delimiter: string): Buffer {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [
    '#TYPE Deserialized.Microsoft.Exchange.Data.Storage.Management.MigrationUser',
    [
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
    ]
      .map(q)
      .join(delimiter),
  ];
  for (let i = 0; i < rows; i++) {
    const address = `user.${i}@contoso.example`;
    const status = STATUSES[i % STATUSES.length] ?? 'Syncing';
    const error = status === 'Failed' ? 'Error: "MailboxIsLocked", retry; then\ncall' : '';
    lines.push(
      [
        address,
        address,
        `Wave${i % 7}`,
        'UserMailbox',
        status,
        'Active',
        'Active',
        String((i * 7919) % 90_000),
        String(i % 5),
        `11/${14 + (i % 2)}/2026 ${i % 24}:${String(i % 60).padStart(2, '0')}:00`,
        error,
      ]
        .map(q)
        .join(delimiter),
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/**
 * Median of five runs, wall clock and CPU time in milliseconds. The CPU time is the one to
 * read on a shared machine: it does not count the time other processes held the cores.
 */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    fn();
    const used = process.cpuUsage(cpu);
    walls.push(performance.now() - start);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
  return { wall: median(walls), cpu: median(cpus) };
}

const perSecond = (ms: number) => Math.round((ROWS / ms) * 1000).toLocaleString('en');

for (const delimiter of [',', ';']) {
  const file = exportOf(ROWS, delimiter);
  const csvOnly = time(() =>
    parse(file, {
      delimiter,
      from_line: 2,
      bom: true,
      relax_column_count: true,
      on_record: () => null,
    }),
  );
  const heapBefore = process.memoryUsage().heapUsed;
  const full = time(() => parseMigrationCsv(file, { timeZone: 'Europe/Copenhagen' }));
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    `${ROWS.toLocaleString('en')} rows, '${delimiter}', ${(file.length / 1e6).toFixed(1)} MB:\n` +
      `  parseMigrationCsv  wall ${full.wall.toFixed(0)} ms, cpu ${full.cpu.toFixed(0)} ms ` +
      `→ ${perSecond(full.cpu)} rows/s of CPU\n` +
      `  csv-parse alone    wall ${csvOnly.wall.toFixed(0)} ms, cpu ${csvOnly.cpu.toFixed(0)} ms ` +
      `→ ${perSecond(csvOnly.cpu)} rows/s of CPU\n` +
      `  heap ${(heapBefore / 1e6).toFixed(0)} → ${(heapAfter / 1e6).toFixed(0)} MB`,
  );
}
