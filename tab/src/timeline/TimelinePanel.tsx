import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { TimelineDto } from '../../../shared/api/timeline';
import { AUDIT_ACTIONS } from '../../../shared/domain/audit';
import { recordsOf } from '../api/records';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { HistoryList } from '../records/HistoryList';
import { MutationError } from '../records/MutationError';
import { useReloadOnChange, type PanelProps } from '../records/panel';
import { useRecordsStyles } from '../records/records.styles';
import { useMutation } from '../records/useMutation';

const PAGE = 50;

/**
 * A `datetime-local` input's wall-clock time, sent as it is: the server reads it in the war
 * room's zone (shown beside the inputs), not in the browser's.
 */
const bound = (local: string) => local || undefined;

/** The audit log, newest first, filtered by kind of change, person and time; older on demand. */
export function TimelinePanel({ api, warRoomId, access, timeZone, changes }: PanelProps) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const records = useMemo(() => recordsOf(api, warRoomId), [api, warRoomId]);
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [older, setOlder] = useState<TimelineDto | null>(null);
  const zoneHint = t('records.zoneHint', { zone: timeZone });
  const query = useMemo(
    () => ({ action, actor, from: bound(from), to: bound(to), limit: PAGE }),
    [action, actor, from, to],
  );
  const load = useCallback(() => records.timeline(query), [records, query]);
  const first = useResource(`${warRoomId}:${JSON.stringify(query)}`, load);
  useReloadOnChange(changes, first.reload);
  const shown = [...(first.data?.entries ?? []), ...(older?.entries ?? [])];
  const hasMore = older ? older.hasMore : (first.data?.hasMore ?? false);
  const paging = useMutation();
  const more = () =>
    void paging.run(
      () => records.timeline({ ...query, before: shown.at(-1)?.seq }),
      (next) =>
        setOlder({ entries: [...(older?.entries ?? []), ...next.entries], hasMore: next.hasMore }),
    );
  const filter = (set: (v: string) => void) => (_: unknown, d: { value: string }) => {
    set(d.value);
    setOlder(null);
  };

  return (
    <div className={styles.panel} data-testid="timeline-panel">
      <div className={styles.row}>
        <Field label={t('records.timeline.kind')}>
          <Select value={action} onChange={filter(setAction)} data-testid="timeline-kind">
            <option value="">{t('records.any')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`records.audit.${a}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('records.timeline.actor')}>
          <Select value={actor} onChange={filter(setActor)}>
            <option value="">{t('records.any')}</option>
            {access.members.map((p) => (
              <option key={p.aadObjectId} value={p.aadObjectId}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        {(
          [
            ['from', from, setFrom],
            ['to', to, setTo],
          ] as const
        ).map(([bound, value, set]) => (
          <Field key={bound} label={t(`records.timeline.${bound}`)} hint={zoneHint}>
            <Input
              type="datetime-local"
              value={value}
              onChange={filter(set)}
              data-testid={`timeline-${bound}`}
            />
          </Field>
        ))}
      </div>
      {first.loading && <Loading />}
      {first.error !== null && <LoadError error={first.error} onRetry={first.reload} />}
      {first.data && shown.length === 0 && <Text>{t('records.timeline.none')}</Text>}
      {shown.length > 0 && <HistoryList entries={shown} timeZone={timeZone} testId="timeline" />}
      {hasMore && (
        <Button disabled={paging.busy} onClick={more}>
          {t('records.more')}
        </Button>
      )}
      <MutationError error={paging.error} />
    </div>
  );
}
