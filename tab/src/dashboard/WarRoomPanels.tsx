import { Tab, TabList } from '@fluentui/react-components';
import { useId, useState, type ReactNode } from 'react';
import { TAB_PAGES, type TabPage } from '../../../shared/cards/tabPages';
import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n/locale';
import { IncidentsPanel } from '../incidents/IncidentsPanel';
import { OverviewPanel } from '../overview/OverviewPanel';
import { RecordsTabs } from '../records/RecordsTabs';
import type { PanelProps } from './viewProps';
import { useWarRoomPanelsStyles } from './WarRoomPanels.styles';

/**
 * The views of one war room, one tab each. Only the selected one is mounted, so only it
 * follows the war room's event stream. A new view is one more row here.
 */
const PANELS: {
  id: string;
  label: MessageKey;
  render(props: WarRoomPanelsProps): ReactNode;
}[] = [
  { id: 'overview', label: 'tab.overview', render: (p) => <OverviewPanel {...p} /> },
  { id: 'incidents', label: 'tab.incidents', render: (p) => <IncidentsPanel {...p} /> },
  {
    id: 'records',
    label: 'tab.records',
    render: (p) => (
      <RecordsTabs
        api={p.api}
        warRoomId={p.summary.id}
        timeZone={p.summary.timeZone}
        initial={p.page === TAB_PAGES.report ? 'report' : undefined}
      />
    ),
  },
];

export interface WarRoomPanelsProps extends PanelProps {
  /** The page a deep link asked for: the report opens the records at their report. */
  page?: TabPage | null;
}

/** The selected war room: a tab list of its views and the selected view. */
export function WarRoomPanels(props: WarRoomPanelsProps) {
  const { t } = useT();
  const styles = useWarRoomPanelsStyles();
  const [selected, setSelected] = useState(
    props.page === TAB_PAGES.report ? 'records' : (PANELS[0]?.id ?? ''),
  );
  const baseId = useId();
  const panel = PANELS.find((p) => p.id === selected) ?? PANELS[0];
  return (
    <div className={styles.root}>
      <TabList
        selectedValue={selected}
        onTabSelect={(_, data) => setSelected(String(data.value))}
        aria-label={t('tab.panels')}
        data-testid="warroom-panels"
      >
        {PANELS.map((p) => (
          <Tab
            key={p.id}
            value={p.id}
            id={`${baseId}-tab-${p.id}`}
            aria-controls={`${baseId}-panel-${p.id}`}
          >
            {t(p.label)}
          </Tab>
        ))}
      </TabList>
      {panel && (
        <div
          role="tabpanel"
          id={`${baseId}-panel-${panel.id}`}
          aria-labelledby={`${baseId}-tab-${panel.id}`}
          className={styles.panel}
        >
          {panel.render(props)}
        </div>
      )}
    </div>
  );
}
