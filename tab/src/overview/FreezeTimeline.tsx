import { Caption1, Text } from '@fluentui/react-components';
import type { FreezeWindowDto } from '../../../shared/api/dashboard';
import { useT } from '../i18n/locale';
import { formatWhen } from './format';
import { useFreezeTimelineStyles } from './FreezeTimeline.styles';

const HOUR = 3_600_000;

/** Where a time falls between `from` and `to`, in percent, kept on the track. */
const share = (at: number, from: number, to: number) =>
  Math.min(100, Math.max(0, ((at - from) / (to - from)) * 100));

/**
 * The freeze windows on one time line from the earliest start to the latest end (and now),
 * with now marked. The bars only illustrate: each window's text says the same in words.
 */
export function FreezeTimeline({
  windows,
  now,
  timeZone,
}: {
  windows: readonly FreezeWindowDto[];
  now: Date;
  timeZone: string;
}) {
  const { t, locale } = useT();
  const styles = useFreezeTimelineStyles();
  if (windows.length === 0) {
    return (
      <Text className={styles.muted} data-testid="no-freezes">
        {t('tab.freezes.none')}
      </Text>
    );
  }
  const at = now.getTime();
  const starts = windows.map((w) => Date.parse(w.from));
  const ends = windows.map((w) => Date.parse(w.to));
  const first = Math.min(at, ...starts);
  const last = Math.max(at, ...ends);
  const pad = Math.max(HOUR, (last - first) / 20);
  const [from, to] = [first - pad, last + pad];
  const when = (ms: number) => formatWhen(locale, timeZone, new Date(ms).toISOString());
  const nowAt = share(at, from, to);
  const target = (w: FreezeWindowDto) =>
    w.target.kind === 'identities'
      ? t('tab.freeze.target.identities', { count: w.target.values.length })
      : t(`tab.freeze.target.${w.target.kind}`, { value: w.target.values[0] ?? '' });
  return (
    <div className={styles.timeline} data-testid="freeze-timeline">
      <div className={styles.axis}>
        <Caption1 className={styles.muted}>{when(from)}</Caption1>
        <Caption1 className={styles.muted}>{when(to)}</Caption1>
      </div>
      <ol className={styles.rows}>
        {windows.map((w) => {
          const start = share(Date.parse(w.from), from, to);
          const end = share(Date.parse(w.to), from, to);
          return (
            <li key={w.ref} className={styles.row} data-testid="freeze-window" data-ref={w.ref}>
              <Text className={styles.label}>
                <span className={styles.ref}>{w.ref}</span> {target(w)} · {when(Date.parse(w.from))}{' '}
                – {when(Date.parse(w.to))} · {w.reason}
                {w.released && ` (${t('tab.freeze.released')})`}
              </Text>
              <div className={styles.track} aria-hidden="true">
                <div
                  className={w.released ? styles.releasedBar : styles.bar}
                  style={{ left: `${start}%`, width: `${Math.max(0.5, end - start)}%` }}
                />
                <div className={styles.nowLine} style={{ left: `${nowAt}%` }} />
              </div>
            </li>
          );
        })}
      </ol>
      <div className={styles.nowRow}>
        <Caption1
          className={styles.nowLabel}
          // Kept inside the track at either end, so it never widens the page.
          style={{
            left: `${nowAt}%`,
            transform: nowAt < 15 ? 'none' : nowAt > 85 ? 'translateX(-100%)' : 'translateX(-50%)',
          }}
          data-testid="freeze-now"
          data-at={now.toISOString()}
        >
          {t('tab.freeze.now')}: {when(at)}
        </Caption1>
      </div>
    </div>
  );
}
