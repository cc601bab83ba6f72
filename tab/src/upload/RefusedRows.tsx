import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { UploadRefusalDto } from '../../../shared/api/access';
import { useT } from '../i18n/locale';
import { useRecordsStyles } from '../records/records.styles';

/** The rows a refused file was refused for: line and reason, in the reader's language. */
export function RefusedRows({ refusal }: { refusal: UploadRefusalDto }) {
  const { t } = useT();
  const styles = useRecordsStyles();
  if (refusal.rejected.length === 0) return null;
  return (
    <div
      className={styles.scroller}
      role="region"
      tabIndex={0}
      aria-label={t('records.upload.reason')}
    >
      <Table size="small" aria-label={t('records.upload.reason')} data-testid="refused-rows">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('records.upload.line')}</TableHeaderCell>
            <TableHeaderCell>{t('records.upload.reason')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {refusal.rejected.map((r) => (
            <TableRow key={`${r.line}:${r.code}`} data-testid="refused-row" data-line={r.line}>
              <TableCell>{r.line}</TableCell>
              <TableCell>{r.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {refusal.rejectedCount > refusal.rejected.length && (
        <Caption1>
          {t('records.upload.shown', {
            shown: refusal.rejected.length,
            count: refusal.rejectedCount,
          })}
        </Caption1>
      )}
    </div>
  );
}
