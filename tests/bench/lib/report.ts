/** One measured line of the benchmark: a section, a case, an engine and its figures. */
export interface Row {
  section: string;
  case: string;
  engine?: 'sqlite' | 'postgres' | '-';
  figures: Record<string, number | string>;
}

/** Latency percentiles of a set of samples in ms (nearest rank). */
export function percentiles(samples: readonly number[]): {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99) };
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 0);

const cell = (v: number | string | undefined) =>
  v === undefined ? '' : typeof v === 'number' ? v.toLocaleString('en') : v;

/** The rows as a text table, one block per section (each with its own columns). */
export function table(rows: readonly Row[]): string {
  const out: string[] = [];
  for (const section of [...new Set(rows.map((r) => r.section))]) {
    const block = rows.filter((r) => r.section === section);
    const keys = [...new Set(block.flatMap((r) => Object.keys(r.figures)))];
    const header = ['case', 'engine', ...keys];
    const lines = block.map((r) => [
      r.case,
      r.engine ?? '-',
      ...keys.map((k) => cell(r.figures[k])),
    ]);
    const widths = header.map((h, i) =>
      Math.max(h.length, ...lines.map((l) => String(l[i]).length)),
    );
    const fmt = (l: readonly (string | number)[]) =>
      l
        .map((v, i) =>
          i < 2 ? String(v).padEnd(widths[i] ?? 0) : String(v).padStart(widths[i] ?? 0),
        )
        .join('  ');
    out.push(`\n== ${section} ==`, fmt(header), ...lines.map(fmt));
  }
  return out.join('\n');
}
