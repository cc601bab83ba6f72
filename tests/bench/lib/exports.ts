import { MIGRATION_USER_PREAMBLE, quote } from '../../../scripts/demo/mailboxes';

const STATUSES = ['Syncing', 'Completed', 'Synced', 'Failed', 'CompletedWithWarnings', 'Queued'];

/** As `Export-Csv` writes it: BOM, `#TYPE`, every field quoted, CRLF. `round` varies statuses. */
export function exportOf(rows: number, round: number): Buffer {
  const lines: string[] = [...MIGRATION_USER_PREAMBLE];
  for (let i = 0; i < rows; i++) {
    const address = `user.${i}@contoso.example`;
    const shift = i % 10 === 0 ? round : 0;
    const status = STATUSES[(i + shift) % STATUSES.length] ?? 'Syncing';
    const error = status === 'Failed' ? 'Error: "MailboxIsLocked", retry; then\ncall' : '';
    const cells = [
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
    ];
    lines.push(cells.map(quote).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
