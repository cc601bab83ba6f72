import { Field, Select, Text } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { recordsOf } from '../api/records';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { allows, useReloadOnChange, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { DecisionItem } from './DecisionItem';
import { NewDecisionForm } from './NewDecisionForm';

const SHOW = ['pending', 'decided', 'all'] as const;

/**
 * Decision requests: waiting, decided or all. Only a named approver is offered an answer
 * (the server says who, per request); everyone else reads.
 */
export function DecisionsPanel({ api, warRoomId, access, timeZone, changes }: PanelProps) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const records = useMemo(() => recordsOf(api, warRoomId), [api, warRoomId]);
  const [show, setShow] = useState<(typeof SHOW)[number]>('pending');
  const load = useCallback(() => records.decisions(show), [records, show]);
  const list = useResource(`${warRoomId}:${show}`, load);
  useReloadOnChange(changes, list.reload);

  return (
    <div className={styles.panel} data-testid="decisions-panel">
      {allows(access, 'decision.request') && access.members.length > 0 && (
        <NewDecisionForm records={records} members={access.members} onDone={list.reload} />
      )}
      <Field label={t('records.show')}>
        <Select value={show} onChange={(_, d) => setShow(d.value as (typeof SHOW)[number])}>
          {SHOW.map((s) => (
            <option key={s} value={s}>
              {t(`records.decision.show.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      {list.loading && <Loading />}
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.decisions.length === 0 && <Text>{t('records.decision.none')}</Text>}
      {list.data && list.data.decisions.length > 0 && (
        <ul className={styles.list}>
          {list.data.decisions.map((d) => (
            <DecisionItem
              key={d.id}
              decision={d}
              records={records}
              timeZone={timeZone}
              onChanged={list.reload}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
