import { isMessageKey, t, type MessageKey } from '../i18n';
import { MIGRATION_STATUSES } from '../migration/status';
import { formatInstant } from '../time/format';
import type { CsvValue } from './csv';
import { formatDuration, minutesOf, sheetInstant } from './durations';
import type { ReportModel, StatusMove, TimelineRow } from './model';

/** The report's tables, each also a CSV download (`/report/<name>.csv`). */
export const TABLE_NAMES = [
  'timeline',
  'decisions',
  'incidents',
  'actions',
  'batches',
  'failures',
  'freezes',
  'violations',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface Table {
  name: TableName;
  title: string;
  header: string[];
  rows: CsvValue[][];
}

/**
 * `people`: times as the reader reads them (weekday, zone name) and durations in words, for
 * the Markdown and HTML pages. `sheet`: sortable wall-clock times with their offset and
 * durations in whole minutes, for spreadsheets.
 */
export interface TableStyle {
  locale: string;
  style: 'people' | 'sheet';
}

/** Every table of the report, in the order the pages show them. */
export function reportTables(model: ReportModel, style: TableStyle): Table[] {
  return TABLE_NAMES.map((name) => reportTable(model, name, style));
}

export function reportTable(model: ReportModel, name: TableName, s: TableStyle): Table {
  const { locale } = s;
  const zone = model.warRoom.timeZone;
  const when = (iso: string | null) =>
    iso === null
      ? ''
      : s.style === 'sheet'
        ? sheetInstant(iso, zone)
        : formatInstant(iso, { timeZone: zone, locale });
  const took = (ms: number | null): CsvValue =>
    s.style === 'sheet' ? minutesOf(ms) : formatDuration(ms, locale);
  const h = (key: MessageKey) => t(locale, key);
  const hd = (key: MessageKey) => (s.style === 'sheet' ? `${h(key)} (min)` : h(key));
  const yesNo = (b: boolean | null) => (b === null ? '' : h(b ? 'report.yes' : 'report.no'));
  const title = h(`report.section.${name}`);
  switch (name) {
    case 'timeline':
      return {
        name,
        title,
        header: [
          h('report.col.at'),
          h('report.col.who'),
          h('report.col.what'),
          h('report.col.ref'),
          h('report.col.detail'),
        ],
        rows: model.timeline.map((r) => [
          when(r.at),
          r.actorName,
          actionText(r, locale),
          r.ref,
          detailText(r, locale),
        ]),
      };
    case 'decisions':
      return {
        name,
        title,
        header: [
          h('report.col.ref'),
          h('report.col.kind'),
          h('report.col.question'),
          h('report.col.approvers'),
          h('report.col.requester'),
          h('report.col.status'),
          h('report.col.asked'),
          h('report.col.deadline'),
          h('report.col.decided'),
          hd('report.col.timeToAnswer'),
          h('report.col.answers'),
        ],
        rows: model.decisions.map((d) => [
          d.ref,
          h(`decision.kind.${d.kind}`),
          d.question,
          d.approvers.join(', '),
          d.requesterName,
          h(`decision.status.${d.status}`),
          when(d.askedAt),
          when(d.deadline),
          when(d.decidedAt),
          took(d.timeToAnswerMs),
          d.answers
            .map(
              (a) =>
                t(locale, a.comment ? 'report.answer.comment' : 'report.answer', {
                  who: a.approverName,
                  verdict: h(
                    `decision.verdict.${d.kind === 'goNoGo' ? (a.verdict === 'approve' ? 'go' : 'noGo') : a.verdict}`,
                  ),
                  at: when(a.at),
                  comment: a.comment,
                }) +
                (a.recordedBy
                  ? ` ${t(locale, 'report.answer.recordedBy', { by: a.recordedBy })}`
                  : ''),
            )
            .join('; '),
        ]),
      };
    case 'incidents':
      return {
        name,
        title,
        header: [
          h('report.col.ref'),
          h('report.col.title'),
          h('report.col.severity'),
          h('report.col.status'),
          h('report.col.reporter'),
          h('report.col.owner'),
          h('report.col.opened'),
          hd('report.col.timeToAcknowledge'),
          hd('report.col.timeToMitigate'),
          hd('report.col.timeToResolve'),
          h('report.col.resolved'),
        ],
        rows: model.incidents.map((i) => [
          i.ref,
          i.title,
          h(`severity.${i.severity}`),
          h(`status.${i.status}`),
          i.reporterName,
          i.ownerName ?? '',
          when(i.openedAt),
          took(i.timeToAcknowledgeMs),
          took(i.timeToMitigateMs),
          took(i.timeToResolveMs),
          when(i.resolvedAt),
        ]),
      };
    case 'actions':
      return {
        name,
        title,
        header: [
          h('report.col.ref'),
          h('report.col.title'),
          h('report.col.owner'),
          h('report.col.due'),
          h('report.col.status'),
          h('report.col.done'),
          h('report.col.late'),
          h('report.col.followUp'),
        ],
        rows: model.actions.map((a) => [
          a.ref,
          a.title,
          a.ownerName,
          when(a.due),
          h(`action.status.${a.status}`),
          when(a.doneAt),
          yesNo(a.late),
          a.followUpOf ?? '',
        ]),
      };
    case 'batches':
      return {
        name,
        title,
        header: [
          h('report.col.batch'),
          h('report.col.items'),
          ...MIGRATION_STATUSES.map((st) => h(`migration.status.${st}`)),
        ],
        rows: model.batches.map((b) => [
          b.batch ?? h('migration.card.noBatch'),
          b.items,
          ...MIGRATION_STATUSES.map((st) => b.byStatus[st]),
        ]),
      };
    case 'failures':
      return {
        name,
        title,
        header: [
          h('report.col.identity'),
          h('report.col.batch'),
          h('report.col.outcome'),
          h('report.col.status'),
          h('report.col.error'),
          h('report.col.incident'),
          h('report.col.since'),
        ],
        rows: model.failures.map((f) => [
          f.identity,
          f.batch ?? '',
          h(`report.outcome.${f.outcome}`),
          h(`migration.status.${f.status}`),
          f.error ?? '',
          f.incidentRef ?? '',
          when(f.since),
        ]),
      };
    case 'freezes':
      return {
        name,
        title,
        header: [
          h('report.col.ref'),
          h('report.col.target'),
          h('report.col.from'),
          h('report.col.to'),
          h('report.col.reason'),
          h('report.col.status'),
          h('report.col.released'),
          h('report.col.createdBy'),
          h('report.col.violations'),
        ],
        rows: model.freezes.map((f) => [
          f.ref,
          f.target.kind === 'identities'
            ? t(locale, 'freeze.target.identities', { count: f.target.values.length })
            : t(locale, `freeze.target.${f.target.kind}`, { value: f.target.value }),
          when(f.from),
          when(f.to),
          f.reason,
          h(`report.freeze.${f.status}`),
          when(f.releasedAt),
          f.createdByName,
          f.violations,
        ]),
      };
    case 'violations':
      return {
        name,
        title,
        header: [
          h('report.col.freeze'),
          h('report.col.identity'),
          h('report.col.at'),
          h('report.col.incident'),
        ],
        rows: model.violations.map((v) => [
          v.freezeRef,
          v.identity,
          when(v.at),
          v.incidentRef ?? '',
        ]),
      };
  }
}

/** The audit action in the reader's words (the raw name for an action without a label). */
function actionText(r: TimelineRow, locale: string): string {
  const key = `report.action.${r.action}`;
  const label = isLabel(key) ? t(locale, key) : r.action;
  return r.count > 1 ? `${label} (${r.count}×)` : label;
}

function detailText(r: TimelineRow, locale: string): string {
  const parts = [r.detail];
  if (r.move) parts.push(moveText(r.move, locale));
  if (r.changed !== null) parts.push(t(locale, 'report.changed', { count: r.changed }));
  return parts.filter((p) => p !== '').join(' · ');
}

function moveText(move: StatusMove, locale: string): string {
  const word = (status: string) => {
    const key =
      move.of === 'incident'
        ? `status.${status}`
        : move.of === 'freeze'
          ? `report.freeze.${status}`
          : `${move.of}.status.${status}`;
    return isLabel(key) ? t(locale, key) : status;
  };
  return move.from === null ? word(move.to) : `${word(move.from)} → ${word(move.to)}`;
}

const isLabel = (key: string): key is MessageKey => isMessageKey(key);
