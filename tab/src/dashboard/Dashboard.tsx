import { Caption1, MessageBar, MessageBarBody, Title2 } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { IncidentsPanel } from '../incidents/IncidentsPanel';
import { useLiveRefresh } from '../live/useLiveRefresh';
import { useResource } from '../live/useResource';
import { WarRoomList } from '../warRooms/WarRoomList';
import { useDashboardStyles } from './Dashboard.styles';
import { useSelectedWarRoom } from './useSelectedWarRoom';

/** The war-room dashboard: the user's war rooms, and the incidents of the selected one. */
export function Dashboard({ api }: { api: ApiClient }) {
  const { t } = useT();
  const styles = useDashboardStyles();

  const loadMe = useCallback((_: string, signal: AbortSignal) => api.me(signal), [api]);
  const me = useResource('me', loadMe);
  const loadWarRooms = useCallback((_: string, signal: AbortSignal) => api.warRooms(signal), [api]);
  const warRooms = useResource('war-rooms', loadWarRooms);
  useLiveRefresh(warRooms.reload);

  const ids = useMemo(() => warRooms.data?.warRooms.map((w) => w.id) ?? null, [warRooms.data]);
  const [selectedId, select] = useSelectedWarRoom(ids);
  const selected = warRooms.data?.warRooms.find((w) => w.id === selectedId) ?? null;
  const retry = () => {
    warRooms.reload();
    if (me.error !== null) me.reload();
  };

  return (
    <main className={styles.page} data-testid="dashboard">
      <header className={styles.header}>
        <Title2 as="h1" className={styles.title}>
          {t('tab.title')}
        </Title2>
        {me.data && (
          <Caption1 className={styles.user} data-testid="signed-in-as">
            {t('tab.signedInAs', { name: me.data.name })}
          </Caption1>
        )}
      </header>
      {me.data?.devIdentity && (
        <MessageBar intent="warning" data-testid="dev-identity">
          <MessageBarBody>{t('tab.devIdentity')}</MessageBarBody>
        </MessageBar>
      )}
      {warRooms.loading && <Loading />}
      {warRooms.error !== null && <LoadError error={warRooms.error} onRetry={retry} />}
      {warRooms.data && (
        <div className={styles.layout}>
          <WarRoomList
            warRooms={warRooms.data.warRooms}
            selectedId={selectedId}
            onSelect={select}
          />
          {selected && <IncidentsPanel key={selected.id} api={api} summary={selected} />}
        </div>
      )}
    </main>
  );
}
