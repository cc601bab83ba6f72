import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { IncidentDto } from '../../../shared/api/schemas';
import { formatInstant } from '../../../shared/time/format';
import { useT } from '../i18n/locale';
import { useIncidentTableStyles } from './IncidentTable.styles';
import { SeverityBadge } from './SeverityBadge';

export interface IncidentTableProps {
  incidents: readonly IncidentDto[];
  timeZone: string;
  /** Id of the heading that names the table. */
  labelledBy: string;
}

/** Incidents of one war room, in the order given (the live view: newest first). */
export function IncidentTable({ incidents, timeZone, labelledBy }: IncidentTableProps) {
  const { t, locale } = useT();
  const styles = useIncidentTableStyles();
  return (
    <div className={styles.scroller}>
      <Table className={styles.table} aria-labelledby={labelledBy} data-testid="incident-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.ref}>{t('tab.column.ref')}</TableHeaderCell>
            <TableHeaderCell className={styles.title}>{t('tab.column.title')}</TableHeaderCell>
            <TableHeaderCell className={styles.nowrap}>{t('tab.column.severity')}</TableHeaderCell>
            <TableHeaderCell className={styles.nowrap}>{t('tab.column.status')}</TableHeaderCell>
            <TableHeaderCell className={styles.reporter}>
              {t('tab.column.reporter')}
            </TableHeaderCell>
            <TableHeaderCell className={styles.nowrap}>{t('tab.column.logged')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {incidents.map((incident) => (
            <TableRow key={incident.id} data-testid="incident-row" data-ref={incident.ref}>
              <TableCell className={styles.ref}>{incident.ref}</TableCell>
              <TableCell className={styles.title} data-testid="incident-title">
                {incident.title}
              </TableCell>
              <TableCell className={styles.nowrap}>
                <SeverityBadge severity={incident.severity} />
              </TableCell>
              <TableCell
                className={styles.nowrap}
                data-testid="incident-status"
                data-status={incident.status}
              >
                {t(`status.${incident.status}`)}
              </TableCell>
              <TableCell className={styles.reporter}>{incident.reporterName}</TableCell>
              <TableCell className={styles.nowrap}>
                <time dateTime={incident.createdAt}>
                  {formatInstant(incident.createdAt, { timeZone, locale })}
                </time>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
