/**
 * JSON with object keys sorted (by UTF-16 code unit, at every depth), no whitespace, so the
 * same entry always hashes the same, whatever order a JSON column gives its keys back in.
 * docs/audit-verification.md spells this out for anyone checking an export without the app.
 */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
