import { Caption1, Subtitle2, Text, Title3 } from '@fluentui/react-components';
import { useCallback, useId } from 'react';
import type { WarRoomSummaryDto } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/client';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { LiveBadge, LiveDownNotice } from '../live/LiveIndicator';
import { useResource } from '../live/useResource';
import { useWarRoomEvents } from '../live/useWarRoomEvents';
import { IncidentTable } from './IncidentTable';
import { useIncidentsPanelStyles } from './IncidentsPanel.styles';

export interface IncidentsPanelProps {
  api: ApiClient;
  /** The war room as the list knows it: shown while its incidents load or when they fail. */
  summary: WarRoomSummaryDto;
  /** Something in the war room changed (the list's numbers may be stale too). */
  onChange?: () => void;
}

/** The most incidents the live view lists; the records view pages through all of them. */
const SHOWN = 100;

/** The selected war room: its title and its newest incidents, live. */
export function IncidentsPanel({ api, summary, onChange }: IncidentsPanelProps) {
  const { t } = useT();
  const styles = useIncidentsPanelStyles();
  const titleId = useId();
  const headingId = useId();
  const load = useCallback(
    (id: string, signal: AbortSignal) => api.latestIncidents(id, SHOWN, signal),
    [api],
  );
  const { data, error, loading, reload } = useResource(summary.id, load);
  const warRoom = summary;
  const changed = useCallback(() => {
    reload();
    onChange?.();
  }, [reload, onChange]);
  const live = useWarRoomEvents(api, summary.id, changed);

  return (
    <section className={styles.panel} aria-labelledby={titleId} data-testid="incidents-panel">
      <div className={styles.heading}>
        <Title3 as="h2" id={titleId} className={styles.title} data-testid="warroom-title">
          {warRoom.title}
        </Title3>
        <Caption1 className={styles.zone}>{t('tab.timesIn', { zone: warRoom.timeZone })}</Caption1>
        <LiveBadge status={live} />
      </div>
      <LiveDownNotice status={live} />
      <Subtitle2 as="h3" id={headingId} className={styles.title}>
        {t('tab.incidents')}
      </Subtitle2>
      {loading && <Loading />}
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {data && data.incidents.length === 0 && (
        <Text className={styles.empty} data-testid="no-incidents">
          {t('tab.noIncidents')}
        </Text>
      )}
      {data && data.total > data.incidents.length && (
        <Caption1 data-testid="incidents-newest">
          {t('tab.incidents.newest', { shown: data.incidents.length, total: data.total })}
        </Caption1>
      )}
      {data && data.incidents.length > 0 && (
        <IncidentTable
          incidents={data.incidents}
          timeZone={warRoom.timeZone}
          labelledBy={headingId}
        />
      )}
    </section>
  );
}
