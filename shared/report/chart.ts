import { t } from '../i18n';
import { formatInstant } from '../time/format';
import type { ProgressPoint } from './model';

/** Escapes text for HTML and SVG, in content and in quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const W = 680;
const H = 220;
const PAD = { left: 48, right: 16, top: 16, bottom: 36 };

/**
 * The progress over the weekend as an inline SVG drawn here, on the server: completed and
 * failed mailboxes after each import, as steps over time. No script, no external request;
 * a `<title>` and a text label say the same for screen readers and the printed page.
 */
export function progressChart(
  points: readonly ProgressPoint[],
  { locale, timeZone }: { locale: string; timeZone: string },
): string {
  if (points.length === 0) return `<p>${esc(t(locale, 'report.chart.none'))}</p>`;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = times[0]!;
  const t1 = Math.max(times.at(-1)!, t0 + 60_000);
  const max = Math.max(1, ...points.map((p) => Math.max(p.completed, p.failed)));
  const x = (ms: number) => PAD.left + ((ms - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (n: number) => H - PAD.bottom - (n / max) * (H - PAD.top - PAD.bottom);
  const steps = (value: (p: ProgressPoint) => number) => {
    let d = `M${x(t0).toFixed(1)},${y(0).toFixed(1)}`;
    points.forEach((p, i) => {
      const px = x(times[i]!).toFixed(1);
      d += ` H${px} V${y(value(p)).toFixed(1)}`;
    });
    return `${d} H${x(t1).toFixed(1)}`;
  };
  const when = (iso: string) => formatInstant(iso, { timeZone, locale });
  const label = t(locale, 'report.chart.label', {
    from: when(points[0]!.at),
    to: when(points.at(-1)!.at),
  });
  const completed = t(locale, 'report.chart.completed');
  const failed = t(locale, 'report.chart.failed');
  const last = points.at(-1)!;
  return [
    `<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg" aria-label="${esc(label)}">`,
    `<title>${esc(label)}</title>`,
    `<line x1="${PAD.left}" y1="${y(0)}" x2="${W - PAD.right}" y2="${y(0)}" stroke="#666"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${y(0)}" stroke="#666"/>`,
    `<text x="${PAD.left - 6}" y="${y(max) + 4}" text-anchor="end" font-size="11">${max}</text>`,
    `<text x="${PAD.left - 6}" y="${y(0) + 4}" text-anchor="end" font-size="11">0</text>`,
    `<text x="${PAD.left}" y="${H - 18}" font-size="11">${esc(when(points[0]!.at))}</text>`,
    `<text x="${W - PAD.right}" y="${H - 18}" text-anchor="end" font-size="11">${esc(when(last.at))}</text>`,
    `<path class="completed" d="${steps((p) => p.completed)}" fill="none" stroke="#107c10" stroke-width="2"/>`,
    `<path class="failed" d="${steps((p) => p.failed)}" fill="none" stroke="#c50f1f" stroke-width="2" stroke-dasharray="5 3"/>`,
    `<text x="${PAD.left + 8}" y="${H - 4}" font-size="11" fill="#107c10">■ ${esc(completed)}: ${last.completed}</text>`,
    `<text x="${PAD.left + 200}" y="${H - 4}" font-size="11" fill="#c50f1f">■ ${esc(failed)}: ${last.failed}</text>`,
    `</svg>`,
    `<p class="chart-label">${esc(label)}</p>`,
  ].join('\n');
}
