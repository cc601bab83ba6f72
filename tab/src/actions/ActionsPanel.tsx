import { Field, Select, Text } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { recordsOf } from '../api/records';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { allows, useReloadOnChange, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { ActionItem } from './ActionItem';
import { NewActionForm } from './NewActionForm';

const SHOW = ['open', 'overdue', 'done', 'all'] as const;

/** Who does what by when: open, overdue, closed or all; editable for roles that may. */
export function ActionsPanel({ api, warRoomId, access, timeZone, changes }: PanelProps) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const records = useMemo(() => recordsOf(api, warRoomId), [api, warRoomId]);
  const [show, setShow] = useState<(typeof SHOW)[number]>('open');
  const load = useCallback(() => records.actions(show), [records, show]);
  const list = useResource(`${warRoomId}:${show}`, load);
  useReloadOnChange(changes, list.reload);
  const members = allows(access, 'action.write') ? access.members : null;

  return (
    <div className={styles.panel} data-testid="actions-panel">
      {members && members.length > 0 && (
        <NewActionForm
          records={records}
          members={members}
          timeZone={timeZone}
          onDone={list.reload}
        />
      )}
      <Field label={t('records.show')}>
        <Select value={show} onChange={(_, d) => setShow(d.value as (typeof SHOW)[number])}>
          {SHOW.map((s) => (
            <option key={s} value={s}>
              {t(`records.action.show.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      {list.loading && <Loading />}
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.actions.length === 0 && <Text>{t('records.action.none')}</Text>}
      {list.data && list.data.actions.length > 0 && (
        <ul className={styles.list}>
          {list.data.actions.map((a) => (
            <ActionItem
              key={a.id}
              action={a}
              records={records}
              members={members}
              timeZone={timeZone}
              onChanged={list.reload}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
