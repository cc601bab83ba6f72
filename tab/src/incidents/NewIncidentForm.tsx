import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { SEVERITIES, type Severity } from '../../../shared/domain/incident';
import type { RecordsApi } from '../api/records';
import { useT } from '../i18n/locale';
import { MutationError } from '../records/MutationError';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

/** Logs an incident from the tab (shown only to roles that may). */
export function NewIncidentForm({ records, onDone }: { records: RecordsApi; onDone(): void }) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('sev3');
  const m = useMutation();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void m.run(
      () => records.createIncident({ title, severity }),
      () => {
        setTitle('');
        onDone();
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('records.incident.new')} data-testid="new-incident">
      <div className={styles.row}>
        <Field label={t('records.incident.title')} className={styles.grow}>
          <Input value={title} onChange={(_, d) => setTitle(d.value)} required />
        </Field>
        <Field label={t('tab.column.severity')}>
          <Select value={severity} onChange={(_, d) => setSeverity(d.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" appearance="primary" disabled={m.busy || !title.trim()}>
          {t('records.incident.create')}
        </Button>
      </div>
      <MutationError error={m.error} />
    </form>
  );
}
