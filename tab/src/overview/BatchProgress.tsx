import { Caption1, ProgressBar, Text } from '@fluentui/react-components';
import type { DashboardDto } from '../../../shared/api/dashboard';
import { useT } from '../i18n/locale';
import { useBatchProgressStyles } from './BatchProgress.styles';
import { formatCount } from './format';

/** One progress bar per batch: the share completed, and what failed in it. */
export function BatchProgress({ batches }: { batches: DashboardDto['batches'] }) {
  const { t, locale } = useT();
  const styles = useBatchProgressStyles();
  return (
    <ul className={styles.list} data-testid="batches">
      {batches.map((b) => {
        const name = b.batch ?? t('tab.batch.none');
        const done = b.byStatus.completed;
        const progress = t('tab.batch.progress', {
          done: formatCount(locale, done),
          total: formatCount(locale, b.total),
        });
        const failed = b.byStatus.failed;
        return (
          <li key={b.batch ?? ''} className={styles.batch} data-testid="batch" data-batch={name}>
            <div className={styles.line}>
              <Text weight="semibold" className={styles.name}>
                {name}
              </Text>
              <Caption1 className={styles.count} data-done={done} data-total={b.total}>
                {progress}
                {failed > 0 && ` · ${t('migration.status.failed')}: ${formatCount(locale, failed)}`}
              </Caption1>
            </div>
            <ProgressBar
              value={b.total === 0 ? 0 : done / b.total}
              thickness="large"
              color={failed > 0 ? 'warning' : done === b.total ? 'success' : 'brand'}
              aria-label={`${name}: ${progress}`}
            />
          </li>
        );
      })}
    </ul>
  );
}
