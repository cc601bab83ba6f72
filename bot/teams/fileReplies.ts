import { t, type MessageKey } from '../../shared/i18n';
import type { ImportRejected, ImportSummary } from '../services/migration';

/** Rejected rows a reply lists; the rest are counted ("and 12 more rows"). */
export const REPORTED_ROWS = 10;

/** "Imported users.csv into Hospital cutover: 3,500 rows read, 12 new, …". */
export function importedText(
  locale: string,
  fileName: string,
  title: string,
  s: ImportSummary,
): string {
  return t(locale, 'file.imported', {
    name: fileName,
    title,
    rows: s.rowsRead,
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
  });
}

/** The refusal, then the first rejected rows with their line and reason, then how many more. */
export function rejectedText(locale: string, e: ImportRejected): string {
  const lines = e.rejected.slice(0, REPORTED_ROWS).map(({ line, reason }) =>
    t(locale, 'file.rejectedLine', {
      line,
      reason: t(locale, reason.code as MessageKey, reason.params),
    }),
  );
  const more = e.total - lines.length;
  return [
    t(locale, 'migration.file.rejected', { count: e.total }),
    ...lines,
    ...(more > 0 ? [t(locale, 'file.rejectedMore', { count: more })] : []),
  ].join('\n');
}
