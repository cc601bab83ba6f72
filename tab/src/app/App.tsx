import { FluentProvider, Spinner } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { t } from '../../../shared/i18n';
import { createApiClient } from '../api/client';
import { ConfigPage } from '../config/ConfigPage';
import { Dashboard } from '../dashboard/Dashboard';
import { LocaleContext } from '../i18n/locale';
import type { TeamsHost } from '../teams/teamsHost';
import { useAppStyles } from './App.styles';
import { THEMES } from './themes';
import { useHost } from './useHost';

function currentView(): 'config' | 'dashboard' {
  return new URLSearchParams(window.location.search).get('view') === 'config'
    ? 'config'
    : 'dashboard';
}

function Content({ host }: { host: TeamsHost }) {
  const api = useMemo(
    () => createApiClient({ getToken: host.getToken, locale: host.locale }),
    [host],
  );
  return currentView() === 'config' ? (
    <ConfigPage host={host} />
  ) : (
    <Dashboard api={api} channelId={host.channelId} page={host.page} />
  );
}

/** Connects to the host (Teams or a plain browser), then applies its theme and locale. */
export function App() {
  const styles = useAppStyles();
  const { host, theme } = useHost();
  const locale = host?.locale ?? navigator.language;

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t(locale, 'tab.title');
  }, [locale]);

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root}>
      <LocaleContext value={locale}>
        {host ? (
          <Content host={host} />
        ) : (
          <Spinner className={styles.connecting} label={t(locale, 'tab.loading')} />
        )}
      </LocaleContext>
    </FluentProvider>
  );
}
