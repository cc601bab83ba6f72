/** One versioned schema step. Kept as TypeScript strings so the build ships them. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The migrations still to apply, in order. Refuses a database that has a version this
 * build does not know: it was migrated by newer code, and running on it could corrupt it.
 */
export function pendingMigrations(
  all: readonly Migration[],
  applied: readonly number[],
): Migration[] {
  all.forEach((m, i) => {
    const prev = all[i - 1];
    if (prev && m.version <= prev.version)
      throw new Error(`migrations out of order at ${m.version}`);
  });
  const known = new Set(all.map((m) => m.version));
  const unknown = applied.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new Error(`database has schema version(s) ${unknown.join(', ')} unknown to this build`);
  }
  const done = new Set(applied);
  return all.filter((m) => !done.has(m.version));
}
