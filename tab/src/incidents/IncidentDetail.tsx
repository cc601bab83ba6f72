import { Button, Field, Select, Subtitle2, Text, Textarea } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { INCIDENT_TRANSITIONS, SEVERITIES } from '../../../shared/domain/incident';
import type { RecordsApi } from '../api/records';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { HistoryList } from '../records/HistoryList';
import { MutationError } from '../records/MutationError';
import { allows, useReloadOnChange, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

export interface IncidentDetailProps extends PanelProps {
  records: RecordsApi;
  incidentId: string;
  onClose(): void;
  onChanged(): void;
}

/** One incident: its notes and history, and (for roles that may) its next moves. */
export function IncidentDetail(props: IncidentDetailProps) {
  const { records, incidentId, access, timeZone, changes, onClose, onChanged } = props;
  const { t } = useT();
  const styles = useRecordsStyles();
  const load = useCallback((id: string) => records.incident(id), [records]);
  const { data, error, loading, reload } = useResource(incidentId, load);
  useReloadOnChange(changes, reload);
  const m = useMutation();
  const [note, setNote] = useState('');
  if (loading) return <Loading />;
  if (error !== null) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const { incident } = data;
  const may = allows(access, 'incident.write');
  const change = (what: 'status' | 'severity' | 'owner' | 'notes', body: object) =>
    void m.run(
      () =>
        records.changeIncident(incident.id, what, { ...body, expectedVersion: incident.version }),
      () => {
        if (what === 'notes') setNote('');
        reload();
        onChanged();
      },
      reload,
    );

  return (
    <section className={styles.item} data-testid="incident-detail" data-ref={incident.ref}>
      <div className={styles.row}>
        <Subtitle2 as="h3" className={styles.grow}>
          {incident.ref} · {incident.title}
        </Subtitle2>
        <Button size="small" onClick={onClose}>
          {t('records.close')}
        </Button>
      </div>
      <Text data-testid="detail-status" data-status={incident.status}>
        {t('tab.column.status')}: {t(`status.${incident.status}`)} ·{' '}
        {t(`severity.${incident.severity}`)} · {t('records.incident.owner')}:{' '}
        {incident.ownerName ?? t('records.incident.noOwner')}
      </Text>
      {may && (
        <div className={styles.row} data-testid="incident-controls">
          {INCIDENT_TRANSITIONS[incident.status].map((next) => (
            <Button
              key={next}
              disabled={m.busy}
              data-testid={`move-${next}`}
              onClick={() => change('status', { status: next })}
            >
              {t('records.incident.moveTo', { status: t(`status.${next}`) })}
            </Button>
          ))}
          <Field label={t('tab.column.severity')}>
            <Select
              value={incident.severity}
              disabled={m.busy}
              onChange={(_, d) => change('severity', { severity: d.value })}
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          {access.members.length > 0 && (
            <Field label={t('records.incident.setOwner')}>
              <Select
                value={incident.ownerAadObjectId ?? ''}
                disabled={m.busy}
                onChange={(_, d) => d.value && change('owner', { ownerAadObjectId: d.value })}
              >
                <option value="">{t('records.incident.noOwner')}</option>
                {access.members.map((p) => (
                  <option key={p.aadObjectId} value={p.aadObjectId}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
      )}
      {may && (
        <div className={styles.row}>
          <Field label={t('records.incident.note')} className={styles.grow}>
            <Textarea value={note} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <Button disabled={m.busy || !note.trim()} onClick={() => change('notes', { text: note })}>
            {t('records.incident.addNote')}
          </Button>
        </div>
      )}
      <MutationError error={m.error} />
      <Subtitle2 as="h4">{t('records.history')}</Subtitle2>
      <HistoryList entries={data.history} timeZone={timeZone} />
    </section>
  );
}
