import { t } from '../i18n';
import type { CsvValue } from './csv';
import type { ReportModel } from './model';
import { reportTables, type Table } from './tables';
import { reportSentences } from './text';

/**
 * The report as Markdown (CommonMark with GFM tables): headings, the chain's verdict,
 * lessons learned, the progress figures and every table. What people wrote is escaped, so
 * a title cannot add a heading, a link or a table cell.
 */
export function reportMarkdown(model: ReportModel, locale: string): string {
  const s = reportSentences(model, locale);
  const out: string[] = [
    `# ${md(s.title)}`,
    '',
    md(s.generated),
    '',
    md(s.summary),
    '',
    `## ${md(t(locale, 'report.section.chain'))}`,
    '',
    md(s.chain),
    '',
    `## ${md(t(locale, 'report.section.lessons'))}`,
    '',
  ];
  if (model.lessons) {
    for (const line of model.lessons.text.split(/\r?\n/)) out.push(md(line) + '  ');
    out.push('');
  }
  out.push(`*${md(s.lessonsBy)}*`, '');
  out.push(`## ${md(t(locale, 'report.section.progress'))}`, '');
  if (model.progress.length === 0) out.push(md(t(locale, 'report.chart.none')), '');
  else
    out.push(
      ...table({
        header: [
          t(locale, 'report.col.at'),
          t(locale, 'report.chart.completed'),
          t(locale, 'report.chart.failed'),
        ],
        rows: model.progress.map((p) => [s.when(p.at), p.completed, p.failed]),
      }),
      '',
    );
  for (const tbl of reportTables(model, { locale, style: 'people' })) {
    out.push(`## ${md(tbl.title)}`, '');
    out.push(...(tbl.rows.length === 0 ? [md(t(locale, 'report.none'))] : table(tbl)), '');
  }
  return out.join('\n');
}

function table({ header, rows }: Pick<Table, 'header' | 'rows'>): string[] {
  const line = (cells: readonly CsvValue[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(line)];
}

const cell = (v: CsvValue) => md(v === null || v === undefined ? '' : String(v));

/**
 * Text as Markdown shows it literally, on one line: inline markup characters escaped
 * anywhere, and what would open a block (`#`, `-`, `+`, `1.`) at the start.
 */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`))
    .replace(
      /^(\s*)([#+-]|\d+[.)])/,
      (_, space: string, mark: string) => `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`,
    );
}
