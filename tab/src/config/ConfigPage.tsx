import { Body1, Title3 } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useT } from '../i18n/locale';
import { enableConfigSave, type TeamsHost } from '../teams/teamsHost';
import { useConfigPageStyles } from './ConfigPage.styles';

/** Where the pinned channel tab points: the dashboard of this same deployment. */
export function dashboardUrl(): string {
  return new URL('/tab/', window.location.origin).toString();
}

/** The channel-tab configuration page (`/tab/?view=config`), shown by Teams when adding the tab. */
export function ConfigPage({ host }: { host: TeamsHost }) {
  const { t } = useT();
  const styles = useConfigPageStyles();

  useEffect(() => {
    // The displayed name is the product name, the same in every language.
    if (host.inTeams) enableConfigSave(dashboardUrl(), 'War Room');
  }, [host]);

  return (
    <main className={styles.page} data-testid="config-page">
      <Title3 as="h1" className={styles.heading}>
        {t('tab.config.heading')}
      </Title3>
      <Body1>{host.inTeams ? t('tab.config.inTeams') : t('tab.config.outsideTeams')}</Body1>
    </main>
  );
}
