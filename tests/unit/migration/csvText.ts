/** Writes CSV the way the tools do, for tests: RFC 4180 quoting, any delimiter and line end. */
export interface CsvStyle {
  delimiter?: ',' | ';' | '\t';
  eol?: '\r\n' | '\n';
  /** Quote every field, as `Export-Csv` does; otherwise only the fields that need it. */
  quoteAll?: boolean;
  bom?: boolean;
  /** The `#TYPE` line Windows PowerShell writes before the header. */
  typeLine?: boolean;
}

export const TYPE_LINE =
  '#TYPE Deserialized.Microsoft.Exchange.Data.Storage.Management.MigrationUser';

export function csvField(value: string, { delimiter = ',', quoteAll = false }: CsvStyle = {}) {
  const needsQuotes =
    quoteAll ||
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r');
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(rows: readonly (readonly string[])[], style: CsvStyle = {}): string {
  const { delimiter = ',', eol = '\r\n', bom = false, typeLine = false } = style;
  const lines = rows.map((row) => row.map((v) => csvField(v, style)).join(delimiter));
  if (typeLine) lines.unshift(TYPE_LINE);
  return `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
}

/** The line each data row starts on, given the rows as written (header first). */
export function startLines(rows: readonly (readonly string[])[], typeLine: boolean): number[] {
  const lines: number[] = [];
  let line = typeLine ? 2 : 1;
  for (const row of rows) {
    lines.push(line);
    line += 1 + row.reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  return lines.slice(1);
}
