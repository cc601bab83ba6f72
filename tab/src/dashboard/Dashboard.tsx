import { Caption1, MessageBar, MessageBarBody, Text, Title2 } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import type { TabPage } from '../../../shared/cards/tabPages';
import type { ApiClient } from '../api/client';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useLiveRefresh } from '../live/useLiveRefresh';
import { useResource } from '../live/useResource';
import { WarRoomList } from '../warRooms/WarRoomList';
import { useDashboardStyles } from './Dashboard.styles';
import { useSelectedWarRoom } from './useSelectedWarRoom';
import { WarRoomPanels } from './WarRoomPanels';

export interface DashboardProps {
  api: ApiClient;
  /** The Teams channel the tab is pinned in, or null (outside Teams, personal or chat scope). */
  channelId: string | null;
  /** The page a deep link opened the tab at, or null for the overview. */
  page?: TabPage | null;
}

/**
 * The war-room dashboard: the war rooms (in a channel tab, that channel's own; elsewhere
 * all the user may see), and the views of the selected one (WarRoomPanels).
 */
export function Dashboard({ api, channelId, page = null }: DashboardProps) {
  const { t } = useT();
  const styles = useDashboardStyles();

  const loadMe = useCallback((_: string, signal: AbortSignal) => api.me(signal), [api]);
  const me = useResource('me', loadMe);
  const loadWarRooms = useCallback(
    (_: string, signal: AbortSignal) => api.warRooms(channelId, signal),
    [api, channelId],
  );
  const warRooms = useResource(
    channelId === null ? 'war-rooms' : `war-rooms:${channelId}`,
    loadWarRooms,
  );

  const ids = useMemo(() => warRooms.data?.warRooms.map((w) => w.id) ?? null, [warRooms.data]);
  const [selectedId, select] = useSelectedWarRoom(ids);
  const selected = warRooms.data?.warRooms.find((w) => w.id === selectedId) ?? null;
  // The selected war room is live (its events reload the list too); with none, there is no
  // stream to follow, so a new war room is looked for now and then.
  useLiveRefresh(warRooms.reload, selected === null);
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
      {warRooms.data && channelId !== null && warRooms.data.warRooms.length === 0 && (
        // Looked for again every half minute, so the war room appears once someone starts it.
        <Text className={styles.empty} data-testid="no-warroom-in-channel">
          {t('tab.noWarRoomInChannel')}
        </Text>
      )}
      {warRooms.data && (channelId === null || warRooms.data.warRooms.length > 0) && (
        <div className={styles.layout}>
          <WarRoomList
            warRooms={warRooms.data.warRooms}
            selectedId={selectedId}
            onSelect={select}
          />
          {selected && (
            <WarRoomPanels
              key={selected.id}
              api={api}
              summary={selected}
              onChange={warRooms.reload}
              page={page}
            />
          )}
        </div>
      )}
    </main>
  );
}
