import {
  Button,
  Caption1,
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { INCIDENT_STATUSES, SEVERITIES } from '../../../shared/domain/incident';
import { recordsOf } from '../api/records';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { allows, useReloadOnChange, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { IncidentDetail } from './IncidentDetail';
import { NewIncidentForm } from './NewIncidentForm';
import { SeverityBadge } from './SeverityBadge';

const PAGE = 25;

/** Incidents filtered and paged, one opened with its history; changes for roles that may. */
export function IncidentRecords(props: PanelProps) {
  const { api, warRoomId, access, changes } = props;
  const { t } = useT();
  const styles = useRecordsStyles();
  const records = useMemo(() => recordsOf(api, warRoomId), [api, warRoomId]);
  const [status, setStatus] = useState('');
  const [severity, setSeverity] = useState('');
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const key = JSON.stringify({ warRoomId, status, severity, offset });
  const load = useCallback(
    () => records.incidents({ status, severity, offset, limit: PAGE }),
    [records, status, severity, offset],
  );
  const page = useResource(key, load);
  useReloadOnChange(changes, page.reload);
  const may = allows(access, 'incident.write');
  const filter = (set: (v: string) => void) => (_: unknown, d: { value: string }) => {
    set(d.value);
    setOffset(0);
  };

  return (
    <div className={styles.panel} data-testid="incident-records">
      {may && <NewIncidentForm records={records} onDone={page.reload} />}
      <div className={styles.row}>
        <Field label={t('tab.column.status')}>
          <Select value={status} onChange={filter(setStatus)} data-testid="filter-status">
            <option value="">{t('records.any')}</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tab.column.severity')}>
          <Select value={severity} onChange={filter(setSeverity)}>
            <option value="">{t('records.any')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {page.loading && <Loading />}
      {page.error !== null && <LoadError error={page.error} onRetry={page.reload} />}
      {page.data && page.data.incidents.length === 0 && <Text>{t('records.incident.none')}</Text>}
      {page.data && page.data.incidents.length > 0 && (
        // Focusable and named, so a table wider than a phone can be scrolled by keyboard.
        <div
          className={styles.scroller}
          role="region"
          tabIndex={0}
          aria-label={t('records.tab.incidents')}
        >
          <Table aria-label={t('records.tab.incidents')} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('tab.column.ref')}</TableHeaderCell>
                <TableHeaderCell>{t('tab.column.title')}</TableHeaderCell>
                <TableHeaderCell>{t('tab.column.severity')}</TableHeaderCell>
                <TableHeaderCell>{t('tab.column.status')}</TableHeaderCell>
                <TableHeaderCell>{t('records.incident.owner')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.data.incidents.map((i) => (
                <TableRow key={i.id} data-testid="record-incident" data-ref={i.ref}>
                  <TableCell>
                    <Button
                      appearance="subtle"
                      size="small"
                      aria-label={t('records.details', { ref: i.ref })}
                      onClick={() => setOpenId(i.id)}
                    >
                      {i.ref}
                    </Button>
                  </TableCell>
                  <TableCell>{i.title}</TableCell>
                  <TableCell>
                    <SeverityBadge severity={i.severity} />
                  </TableCell>
                  <TableCell data-testid="record-status" data-status={i.status}>
                    {t(`status.${i.status}`)}
                  </TableCell>
                  <TableCell>{i.ownerName ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {page.data && page.data.total > PAGE && (
        <div className={styles.row}>
          <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('records.previous')}
          </Button>
          <Caption1>
            {t('records.pageOf', {
              from: offset + 1,
              to: Math.min(offset + PAGE, page.data.total),
              total: page.data.total,
            })}
          </Caption1>
          <Button
            disabled={offset + PAGE >= page.data.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('records.next')}
          </Button>
        </div>
      )}
      {openId && (
        <IncidentDetail
          {...props}
          key={openId}
          records={records}
          incidentId={openId}
          onClose={() => setOpenId(null)}
          onChanged={page.reload}
        />
      )}
    </div>
  );
}
