import { toCsv } from './csv';
import type { ReportModel } from './model';
import { reportTable, type TableName } from './tables';

/**
 * One table of the report as CSV for spreadsheets: headers in the reader's language,
 * times as sortable wall-clock text with the offset, durations in whole minutes.
 */
export function reportCsv(model: ReportModel, name: TableName, locale: string): string {
  const table = reportTable(model, name, { locale, style: 'sheet' });
  return toCsv(table.header, table.rows);
}
