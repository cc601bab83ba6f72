import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { WarRoomAccessDto } from '../../../shared/api/access';
import type { RecordsApi } from '../api/records';
import { useT } from '../i18n/locale';
import { MutationError } from '../records/MutationError';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

export interface NewActionFormProps {
  records: RecordsApi;
  members: WarRoomAccessDto['members'];
  /** The war room's zone: the due time is its wall clock (the server reads it so). */
  timeZone: string;
  onDone(): void;
}

/** Gives a team member something to do (shown only to roles that may). */
export function NewActionForm({ records, members, timeZone, onDone }: NewActionFormProps) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(members[0]?.aadObjectId ?? '');
  const [due, setDue] = useState('');
  const m = useMutation();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void m.run(
      () => records.createAction({ title, ownerAadObjectId: owner, due: due || null }),
      () => {
        setTitle('');
        setDue('');
        onDone();
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('records.action.new')} data-testid="new-action">
      <div className={styles.row}>
        <Field label={t('records.action.title')} className={styles.grow}>
          <Input value={title} onChange={(_, d) => setTitle(d.value)} required />
        </Field>
        <Field label={t('records.action.owner')}>
          <Select value={owner} onChange={(_, d) => setOwner(d.value)}>
            {members.map((p) => (
              <option key={p.aadObjectId} value={p.aadObjectId}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('records.action.due')} hint={t('records.zoneHint', { zone: timeZone })}>
          <Input
            type="datetime-local"
            value={due}
            onChange={(_, d) => setDue(d.value)}
            data-testid="new-action-due"
          />
        </Field>
        <Button type="submit" appearance="primary" disabled={m.busy || !title.trim() || !owner}>
          {t('records.action.create')}
        </Button>
      </div>
      <MutationError error={m.error} />
    </form>
  );
}
