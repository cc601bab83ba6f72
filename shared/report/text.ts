import { t } from '../i18n';
import { formatInstant } from '../time/format';
import type { ReportModel } from './model';

/** The sentences every rendering of the report shares (header, chain, lessons, summary). */
export function reportSentences(model: ReportModel, locale: string) {
  const zone = model.warRoom.timeZone;
  const when = (iso: string) => formatInstant(iso, { timeZone: zone, locale });
  const { chain } = model;
  const items = model.batches.reduce((n, b) => n + b.items, 0);
  const sum = (status: 'completed' | 'failed') =>
    model.batches.reduce((n, b) => n + b.byStatus[status], 0);
  return {
    title: t(locale, 'report.title', { title: model.warRoom.title }),
    generated: t(locale, 'report.generated', { at: when(model.generatedAt), zone }),
    summary: t(locale, 'report.summary.counts', {
      decisions: model.decisions.length,
      incidents: model.incidents.length,
      actions: model.actions.length,
      items,
      completed: sum('completed'),
      failed: sum('failed'),
    }),
    chain:
      chain.entries === 0
        ? t(locale, 'report.chain.empty')
        : chain.verified
          ? t(locale, 'report.chain.verified', {
              first: chain.firstSeq ?? 0,
              last: chain.lastSeq ?? 0,
              count: chain.entries,
              hash: chain.lastHash ?? '',
            })
          : t(locale, 'report.chain.broken', {
              seq: chain.brokenAtSeq ?? 0,
              count: chain.entries,
            }),
    lessonsBy: model.lessons
      ? t(locale, 'report.lessons.by', { by: model.lessons.byName, at: when(model.lessons.at) })
      : t(locale, 'report.lessons.none'),
    when,
  };
}
