import { Spinner } from '@fluentui/react-components';
import { useT } from '../i18n/locale';

export function Loading() {
  const { t } = useT();
  return <Spinner size="small" label={t('tab.loading')} data-testid="loading" />;
}
