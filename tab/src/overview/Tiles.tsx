import { Caption1, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { DashboardDto } from '../../../shared/api/dashboard';
import { SEVERITIES } from '../../../shared/domain/incident';
import type { MigrationStatus } from '../../../shared/migration/status';
import { useT } from '../i18n/locale';
import { formatClock, formatCount, formatDuration } from './format';
import { useTilesStyles } from './Tiles.styles';

/** The statuses in the order a lead reads them: done, moving, waiting, in trouble. */
const STATUS_TILES: MigrationStatus[] = [
  'completed',
  'inProgress',
  'synced',
  'failed',
  'notStarted',
  'stopped',
];

interface TileProps {
  id: string;
  label: string;
  value: string;
  /** A number the browser tests compare with the stored data. */
  count?: number;
  tone?: 'danger' | 'warning';
  /** A word rather than a figure (the phase): a smaller size, so it is not broken. */
  word?: boolean;
  children?: ReactNode;
}

function Tile({ id, label, value, count, tone, word, children }: TileProps) {
  const styles = useTilesStyles();
  return (
    <li
      className={`${styles.tile} ${tone === 'danger' ? styles.danger : ''} ${tone === 'warning' ? styles.warning : ''}`}
      data-testid={`tile-${id}`}
      data-count={count}
    >
      <Caption1 as="p" className={styles.label}>
        {label}
      </Caption1>
      <Text as="p" size={word ? 500 : 700} weight="semibold" className={styles.value}>
        {value}
      </Text>
      {children}
    </li>
  );
}

/** The headline figures of the war room, as of `now` (the server's clock, carried forward). */
export function Tiles({ data, now }: { data: DashboardDto; now: Date }) {
  const { t, locale } = useT();
  const styles = useTilesStyles();
  const n = (value: number) => formatCount(locale, value);
  const { items, incidents, decisions, actions, warRoom } = data;
  return (
    <ul className={styles.tiles} aria-label={t('tab.tiles')} data-testid="tiles">
      {STATUS_TILES.map((status) => (
        <Tile
          key={status}
          id={status}
          label={t(`migration.status.${status}`)}
          value={n(items.byStatus[status])}
          count={items.byStatus[status]}
          tone={status === 'failed' && items.byStatus.failed > 0 ? 'danger' : undefined}
        />
      ))}
      <Tile id="frozen" label={t('tab.tile.frozen')} value={n(items.frozen)} count={items.frozen} />
      <Tile
        id="openIncidents"
        label={t('tab.tile.openIncidents')}
        value={n(incidents.open)}
        count={incidents.open}
        tone={incidents.bySeverity.sev1 > 0 ? 'danger' : undefined}
      >
        <ul className={styles.details}>
          {SEVERITIES.filter((s) => incidents.bySeverity[s] > 0).map((s) => (
            <li key={s} data-severity={s} data-count={incidents.bySeverity[s]}>
              {t(`severity.${s}`)}: {n(incidents.bySeverity[s])}
            </li>
          ))}
        </ul>
      </Tile>
      <Tile
        id="pendingDecisions"
        label={t('tab.tile.pendingDecisions')}
        value={n(decisions.pending)}
        count={decisions.pending}
      >
        <ul className={styles.details}>
          {decisions.next.map((d) => {
            const left = d.deadline === null ? null : Date.parse(d.deadline) - now.getTime();
            return (
              <li key={d.ref} data-ref={d.ref}>
                <span className={styles.ref}>{d.ref}</span> {d.question}{' '}
                <span className={left !== null && left <= 0 ? styles.overdue : styles.muted}>
                  (
                  {left === null
                    ? t('tab.decision.noDeadline')
                    : left <= 0
                      ? t('tab.decision.passed')
                      : t('tab.decision.left', { left: formatDuration(locale, left) })}
                  )
                </span>
              </li>
            );
          })}
        </ul>
      </Tile>
      <Tile
        id="overdueActions"
        label={t('tab.tile.overdueActions')}
        value={n(actions.overdue)}
        count={actions.overdue}
        tone={actions.overdue > 0 ? 'warning' : undefined}
      >
        <Caption1 className={styles.muted}>
          {t('tab.tile.openActions', { count: actions.open })}
        </Caption1>
      </Tile>
      <Tile id="phase" label={t('tab.tile.phase')} value={t(`phase.${warRoom.phase}`)} word />
      <Tile
        id="time"
        label={t('tab.tile.time', { zone: warRoom.timeZone })}
        value={formatClock(locale, warRoom.timeZone, now)}
      />
    </ul>
  );
}
