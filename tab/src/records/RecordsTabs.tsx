import { Caption1, Tab, TabList } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { ActionsPanel } from '../actions/ActionsPanel';
import { ApiKeysPanel } from '../apiKeys/ApiKeysPanel';
import { DecisionsPanel } from '../decisions/DecisionsPanel';
import { IncidentRecords } from '../incidents/IncidentRecords';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { UploadPanel } from '../upload/UploadPanel';
import { ReportPanel } from '../report/ReportPanel';
import type { ApiClient } from '../api/client';
import { recordsOf } from '../api/records';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { useWarRoomEvents } from '../live/useWarRoomEvents';
import { allows, type PanelProps } from './panel';
import { useRecordsStyles } from './records.styles';

const PANELS = {
  incidents: IncidentRecords,
  decisions: DecisionsPanel,
  actions: ActionsPanel,
  timeline: TimelinePanel,
  upload: UploadPanel,
  apiKeys: ApiKeysPanel,
  report: ReportPanel,
} as const;
type PanelName = keyof typeof PANELS;

export interface RecordsTabsProps {
  api: ApiClient;
  warRoomId: string;
  timeZone: string;
  /** The panel to open first (a deep link to the report); the incidents otherwise. */
  initial?: PanelName;
}

/** The war room's records, one panel at a time: what the caller's role may see and change. */
export function RecordsTabs({ api, warRoomId, timeZone, initial }: RecordsTabsProps) {
  const { t } = useT();
  const styles = useRecordsStyles();
  const load = useCallback((id: string) => recordsOf(api, id).access(), [api]);
  const access = useResource(warRoomId, load);
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => setChanges((n) => n + 1), []);
  useWarRoomEvents(api, warRoomId, changed);
  const [selected, select] = useState<PanelName>(initial ?? 'incidents');

  const names = useMemo(
    () =>
      (Object.keys(PANELS) as PanelName[]).filter(
        (name) => name !== 'apiKeys' || (access.data && allows(access.data, 'migration.configure')),
      ),
    [access.data],
  );
  if (access.error !== null || !access.data) {
    return (
      <div className={styles.tabs}>
        {access.error !== null ? (
          <LoadError error={access.error} onRetry={access.reload} />
        ) : (
          <Loading />
        )}
      </div>
    );
  }
  const Panel = PANELS[names.includes(selected) ? selected : 'incidents'];
  const props: PanelProps = { api, warRoomId, access: access.data, timeZone, changes };

  return (
    <section className={styles.tabs} aria-label={t('records.tabs')} data-testid="records">
      <Caption1 data-testid="my-role" data-role={access.data.role}>
        {t('records.role', { role: t(`role.name.${access.data.role}`) })}
      </Caption1>
      {access.data.permissions.length <= 2 && (
        // Reading and answering what one is asked: the observer's lot.
        <Caption1 data-testid="read-only">{t('records.readOnly')}</Caption1>
      )}
      <TabList
        selectedValue={selected}
        onTabSelect={(_, d) => select(d.value as PanelName)}
        aria-label={t('records.tabs')}
      >
        {names.map((name) => (
          <Tab key={name} value={name} data-testid={`records-tab-${name}`}>
            {t(`records.tab.${name}`)}
          </Tab>
        ))}
      </TabList>
      <Panel {...props} />
    </section>
  );
}
