import { Caption1 } from '@fluentui/react-components';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ApiClient } from '../api/client';
import { LoadError } from '../common/LoadError';
import { Loading } from '../common/Loading';
import { useT } from '../i18n/locale';
import { useResource } from '../live/useResource';
import { formatWhen } from './format';
import { useStatusChartStyles } from './StatusChart.styles';

/** The Fluent tokens the chart is drawn with (CSS variables of the FluentProvider). */
const TOKENS = {
  completed: '--colorPaletteGreenBorderActive',
  failed: '--colorPaletteRedBorderActive',
  incidents: '--colorPaletteDarkOrangeBorderActive',
  text: '--colorNeutralForeground2',
  grid: '--colorNeutralStroke2',
  surface: '--colorNeutralBackground1',
} as const;
type Palette = Record<keyof typeof TOKENS, string>;

/**
 * The token values where the chart sits, read again when the theme changes: recharts
 * draws SVG attributes, which need colours rather than CSS variables.
 */
function usePalette(): [React.RefObject<HTMLDivElement | null>, Palette | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [palette, setPalette] = useState<Palette | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const read = () => {
      const style = getComputedStyle(element);
      setPalette(
        Object.fromEntries(
          Object.entries(TOKENS).map(([name, variable]) => [
            name,
            style.getPropertyValue(variable).trim() || 'currentColor',
          ]),
        ) as Palette,
      );
    };
    read();
    // The FluentProvider swaps its class when Teams switches theme.
    const provider = element.closest('.fui-FluentProvider');
    if (!provider) return;
    const observer = new MutationObserver(read);
    observer.observe(provider, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return [ref, palette];
}

export interface StatusChartProps {
  api: ApiClient;
  warRoomId: string;
  timeZone: string;
  /** Changes when the war room changed: the series is reloaded. */
  version: number;
}

/**
 * Completed and failed items per hour and open incidents, over the war room's span. Loaded
 * on its own (React.lazy) so the chart library is not in the first download.
 */
export function StatusChart({ api, warRoomId, timeZone, version }: StatusChartProps) {
  const { t, locale } = useT();
  const styles = useStatusChartStyles();
  const load = useCallback((id: string, signal: AbortSignal) => api.series(id, signal), [api]);
  const series = useResource(warRoomId, load);
  const { reload } = series;
  const first = useRef(version);
  useEffect(() => {
    if (first.current !== version) reload();
  }, [version, reload]);
  const [ref, palette] = usePalette();
  const buckets = series.data?.buckets ?? [];
  const data = buckets.map((b) => ({ ...b, label: formatWhen(locale, timeZone, b.start) }));
  const total = (key: 'completed' | 'failed') => buckets.reduce((n, b) => n + b[key], 0);
  const summary = t('tab.chart.summary', {
    count: buckets.length,
    completed: total('completed'),
    failed: total('failed'),
    open: buckets.at(-1)?.openIncidents ?? 0,
  });

  return (
    <figure className={styles.figure} ref={ref} data-testid="status-chart">
      <figcaption className={styles.caption}>
        <span data-testid="status-chart-summary">{summary}</span>{' '}
        <Caption1 className={styles.note}>{t('tab.chart.note')}</Caption1>
      </figcaption>
      {series.loading && <Loading />}
      {series.error !== null && <LoadError error={series.error} onRetry={reload} />}
      {series.data && palette && (
        <div className={styles.plot}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" />
              <XAxis
                dataKey="label"
                stroke={palette.text}
                tick={{ fill: palette.text, fontSize: 12 }}
                minTickGap={24}
              />
              <YAxis
                allowDecimals={false}
                stroke={palette.text}
                tick={{ fill: palette.text, fontSize: 12 }}
                width={40}
              />
              <Tooltip
                contentStyle={{ background: palette.surface, borderColor: palette.grid }}
                labelStyle={{ color: palette.text }}
              />
              <Legend wrapperStyle={{ color: palette.text }} />
              <Bar
                dataKey="completed"
                name={t('tab.chart.completed')}
                fill={palette.completed}
                isAnimationActive={false}
              />
              <Bar
                dataKey="failed"
                name={t('tab.chart.failed')}
                fill={palette.failed}
                isAnimationActive={false}
              />
              <Line
                dataKey="openIncidents"
                name={t('tab.chart.openIncidents')}
                stroke={palette.incidents}
                strokeWidth={2}
                dot={false}
                type="stepAfter"
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
