import { Caption1, mergeClasses, Subtitle2, Text, Title3 } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useId, useMemo, useState } from 'react';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import type { PanelProps } from '../dashboard/viewProps';
import { useT } from '../i18n/locale';
import { LiveBadge, LiveDownNotice } from '../live/LiveIndicator';
import { useResource } from '../live/useResource';
import { useWarRoomEvents } from '../live/useWarRoomEvents';
import { BatchProgress } from './BatchProgress';
import { formatWhen } from './format';
import { FreezeTimeline } from './FreezeTimeline';
import { ItemsTable } from './ItemsTable';
import { useOverviewStyles } from './OverviewPanel.styles';
import { Tiles } from './Tiles';
import { useServerNow } from './useServerNow';

// The chart library is a third of the bundle: fetched when the overview first shows it
// (`.js`: the TypeScript spelling of a module Vite resolves to StatusChart.tsx).
const StatusChart = lazy(() =>
  import('./StatusChart.js').then((m) => ({ default: m.StatusChart })),
);

/**
 * The war room at a glance: headline tiles, progress per batch, freeze windows, the status
 * chart and the items table. Live: every event of the war room reloads the snapshot, the
 * chart and the rows on screen (no polling).
 */
export function OverviewPanel({ api, summary, onChange }: PanelProps) {
  const { t, locale } = useT();
  const styles = useOverviewStyles();
  const ids = {
    title: useId(),
    batches: useId(),
    freezes: useId(),
    chart: useId(),
    items: useId(),
  };
  const load = useCallback((id: string, signal: AbortSignal) => api.dashboard(id, signal), [api]);
  const snapshot = useResource(summary.id, load);
  const [version, setVersion] = useState(0);
  const { reload } = snapshot;
  const changed = useCallback(() => {
    reload();
    setVersion((n) => n + 1);
    onChange();
  }, [reload, onChange]);
  const live = useWarRoomEvents(api, summary.id, changed);
  const data = snapshot.data;
  const now = useServerNow(data?.now ?? null);
  const batchNames = useMemo(() => data?.batches.map((b) => b.batch) ?? [], [data]);
  const warRoom = data?.warRoom ?? summary;

  return (
    <section
      className={styles.panel}
      aria-labelledby={ids.title}
      data-testid="overview-panel"
      data-version={version}
    >
      <div className={styles.heading}>
        <Title3 as="h2" id={ids.title} className={styles.title} data-testid="warroom-title">
          {warRoom.title}
        </Title3>
        <Caption1 className={styles.muted}>{t('tab.timesIn', { zone: warRoom.timeZone })}</Caption1>
        <LiveBadge status={live} />
      </div>
      <LiveDownNotice status={live} />
      {snapshot.loading && <Loading />}
      {snapshot.error !== null && <LoadError error={snapshot.error} onRetry={reload} />}
      {data && now && (
        <>
          <Tiles data={data} now={now} />
          <section aria-labelledby={ids.batches} className={styles.section}>
            <Subtitle2 as="h3" id={ids.batches} className={styles.title}>
              {t('tab.batches')}
            </Subtitle2>
            <Caption1 className={styles.muted} data-testid="last-import">
              {data.lastImportAt === null
                ? t('tab.noMigration')
                : t('tab.lastImport', {
                    at: formatWhen(locale, data.warRoom.timeZone, data.lastImportAt),
                  })}
            </Caption1>
            {data.batches.length > 0 && <BatchProgress batches={data.batches} />}
          </section>
          <section aria-labelledby={ids.freezes} className={styles.section}>
            <Subtitle2 as="h3" id={ids.freezes} className={styles.title}>
              {t('tab.freezes')}
            </Subtitle2>
            <FreezeTimeline
              windows={data.freezeWindows}
              now={now}
              timeZone={data.warRoom.timeZone}
            />
          </section>
          <section aria-labelledby={ids.chart} className={styles.section}>
            <Subtitle2 as="h3" id={ids.chart} className={styles.title}>
              {t('tab.chart')}
            </Subtitle2>
            <Suspense fallback={<Loading />}>
              <StatusChart
                api={api}
                warRoomId={summary.id}
                timeZone={data.warRoom.timeZone}
                version={version}
              />
            </Suspense>
          </section>
        </>
      )}
      {/* Mounted with the snapshot's request, not after its answer: the first page of
          items loads alongside it (one round trip less before the rows show), hidden
          until the snapshot says there are items. */}
      {snapshot.error === null && data?.items.total !== 0 && (
        <section
          aria-labelledby={ids.items}
          className={mergeClasses(styles.section, !(data && now) && styles.waiting)}
          hidden={!(data && now)}
        >
          <Subtitle2 as="h3" id={ids.items} className={styles.title}>
            {t('tab.items')}
          </Subtitle2>
          <ItemsTable
            api={api}
            warRoomId={summary.id}
            timeZone={warRoom.timeZone}
            batches={batchNames}
            version={version}
          />
        </section>
      )}
      {data && now && data.items.total === 0 && (
        <section aria-labelledby={ids.items} className={styles.section}>
          <Subtitle2 as="h3" id={ids.items} className={styles.title}>
            {t('tab.items')}
          </Subtitle2>
          <Text className={styles.muted}>{t('tab.noMigration')}</Text>
        </section>
      )}
    </section>
  );
}
