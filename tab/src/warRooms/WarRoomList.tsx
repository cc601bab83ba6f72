import {
  Badge,
  Body1Strong,
  Caption1,
  Subtitle2,
  Tab,
  TabList,
  Text,
} from '@fluentui/react-components';
import { useId } from 'react';
import type { WarRoomSummaryDto } from '../../../shared/api/schemas';
import { useT } from '../i18n/locale';
import { useWarRoomListStyles } from './WarRoomList.styles';

export interface WarRoomListProps {
  warRooms: readonly WarRoomSummaryDto[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * The war rooms on the dashboard (in a channel tab, that channel's own), as a vertical tab
 * list; selecting one shows its incidents.
 */
export function WarRoomList({ warRooms, selectedId, onSelect }: WarRoomListProps) {
  const { t } = useT();
  const styles = useWarRoomListStyles();
  const headingId = useId();
  return (
    <nav className={styles.nav} aria-labelledby={headingId} data-testid="warroom-list">
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {t('tab.warRooms')}
      </Subtitle2>
      {warRooms.length === 0 ? (
        <Text className={styles.empty} data-testid="no-warrooms">
          {t('tab.noWarRooms')}
        </Text>
      ) : (
        <TabList
          vertical
          className={styles.tabs}
          aria-labelledby={headingId}
          selectedValue={selectedId ?? undefined}
          onTabSelect={(_, data) => onSelect(String(data.value))}
        >
          {warRooms.map((warRoom) => (
            <Tab
              key={warRoom.id}
              value={warRoom.id}
              className={styles.tab}
              data-testid="warroom-item"
              data-id={warRoom.id}
            >
              <span className={styles.item}>
                <Body1Strong className={styles.title}>{warRoom.title}</Body1Strong>
                <span className={styles.meta}>
                  <Caption1>{t(`phase.${warRoom.phase}`)}</Caption1>
                  <Badge
                    size="small"
                    appearance={warRoom.openIncidents > 0 ? 'filled' : 'outline'}
                    color={warRoom.openIncidents > 0 ? 'danger' : 'informative'}
                    data-testid="warroom-open-count"
                  >
                    {t('tab.openIncidents', { count: warRoom.openIncidents })}
                  </Badge>
                </span>
              </span>
            </Tab>
          ))}
        </TabList>
      )}
    </nav>
  );
}
