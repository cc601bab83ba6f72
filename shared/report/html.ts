import { t, languageOf } from '../i18n';
import { esc, progressChart } from './chart';
import type { CsvValue } from './csv';
import type { ReportModel } from './model';
import { reportTables, type Table } from './tables';
import { reportSentences } from './text';

/** The print stylesheet: A4 portrait, tables that break between rows, no colours needed. */
const STYLE = `
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.4 "Segoe UI", system-ui, sans-serif; color: #111; margin: 0 auto; max-width: 186mm; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 14pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 2pt 0 6pt; }
table { border-collapse: collapse; width: 100%; table-layout: auto; font-size: 8pt; }
th, td { border: 0.5pt solid #999; padding: 2pt 3pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { hyphens: auto; }
#decisions td:first-child, #incidents td:first-child, #actions td:first-child, #freezes td:first-child { white-space: nowrap; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.chain-ok { color: #0b5a0b; } .chain-broken { color: #a00; font-weight: bold; }
.lessons { white-space: pre-wrap; border-left: 3pt solid #999; padding-left: 6pt; }
.chart { width: 100%; height: auto; max-height: 80mm; }
.chart-label { font-size: 8pt; color: #444; }
.csv { font-size: 8pt; }
@media print { a.csv { display: none; } body { padding: 0; } }
`;

/**
 * The report as one printable HTML page: everything inline (style, the chart as SVG), no
 * script and nothing fetched, and every piece of user content escaped. `csvHref` gives each
 * table's download link (omitted when absent).
 */
export function reportHtml(
  model: ReportModel,
  locale: string,
  options: { csvHref?: (table: Table['name']) => string } = {},
): string {
  const s = reportSentences(model, locale);
  const h2 = (text: string) => `<h2>${esc(text)}</h2>`;
  const body: string[] = [
    `<h1>${esc(s.title)}</h1>`,
    `<p>${esc(s.generated)}</p>`,
    `<p>${esc(s.summary)}</p>`,
    h2(t(locale, 'report.section.chain')),
    `<p class="${model.chain.verified ? 'chain-ok' : 'chain-broken'}">${esc(s.chain)}</p>`,
    h2(t(locale, 'report.section.lessons')),
    model.lessons ? `<div class="lessons">${esc(model.lessons.text)}</div>` : '',
    `<p><em>${esc(s.lessonsBy)}</em></p>`,
    h2(t(locale, 'report.section.progress')),
    progressChart(model.progress, { locale, timeZone: model.warRoom.timeZone }),
  ];
  for (const tbl of reportTables(model, { locale, style: 'people' })) {
    body.push(`<section id="${tbl.name}">`, h2(tbl.title));
    const href = options.csvHref?.(tbl.name);
    if (href)
      body.push(
        `<p><a class="csv" href="${esc(href)}">${esc(t(locale, 'report.download'))}</a></p>`,
      );
    body.push(
      tbl.rows.length === 0 ? `<p>${esc(t(locale, 'report.none'))}</p>` : table(tbl),
      '</section>',
    );
  }
  return [
    '<!doctype html>',
    `<html lang="${languageOf(locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(s.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function table({ header, rows }: Table): string {
  const cells = (tag: 'th' | 'td', values: readonly CsvValue[]) =>
    values
      .map((v) => `<${tag}>${esc(v === null || v === undefined ? '' : String(v))}</${tag}>`)
      .join('');
  return [
    '<table>',
    `<thead><tr>${cells('th', header)}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${cells('td', r)}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}
