import type { RowCheck } from '../sql/exec';

/** A write held back until the transaction needs the database current (see `Exec.write`). */
export interface HeldWrite {
  sql: string;
  values: readonly unknown[];
  /** The one table it changes. */
  table: string;
  check?: RowCheck;
}

/** `insert into "t"`, `update "t"`, `delete from "t"`, as the query builder compiles them. */
const PLAIN_WRITE = /^(?:insert\s+into|update|delete\s+from)\s+"(\w+)"/i;

/**
 * The table a write changes, if it can be held and sent later inside a WITH: a plain
 * INSERT, UPDATE or DELETE of one table, with no RETURNING (its rows are counted there), no
 * string literal and no `$` but its placeholders (they are renumbered as text).
 */
export function holdableTable(sql: string): string | undefined {
  if (/'|\$(?!\d)|\breturning\b/i.test(sql)) return undefined;
  return PLAIN_WRITE.exec(sql)?.[1];
}

const mentions = new Map<string, RegExp>();

/** A table's name as a word of SQL, quoted or not (`incidents`, not `incident_notes`). */
function mentionOf(table: string): RegExp {
  let re = mentions.get(table);
  if (!re) mentions.set(table, (re = new RegExp(`\\b${table}\\b`)));
  return re;
}

/**
 * Tables no foreign key, trigger or function of another table reads: the redelivery claims
 * (decision 031). A held write of one of them may wait for the commit while other writes
 * run; a turn's claim then goes with its other writes as one statement.
 */
const STANDALONE: ReadonlySet<string> = new Set(['inbox']);

/**
 * Whether `sql` can run while `held` has not: a SELECT naming none of their tables reads
 * nothing they change, and a write naming none of them needs no row of a standalone table.
 * Anything else (a write, whose foreign keys or triggers may need a held row, or a
 * statement naming a held table) runs after them. No view, function or trigger of this
 * schema reads a table a SELECT does not name.
 */
export function runsBefore(sql: string, held: readonly HeldWrite[]): boolean {
  if (held.some((h) => mentionOf(h.table).test(sql))) return false;
  return /^select\s/i.test(sql) || held.every((h) => STANDALONE.has(h.table));
}

/** Placeholders `$1…` of one statement, shifted past the parameters before it. */
function shifted(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/** SQLSTATE of `war_room_expect_rows` (PostgreSQL migration 27): a held write's check failed. */
export const EXPECT_ROWS_FAILED = 'WR001';

/**
 * Held writes of distinct tables as one statement: each in a WITH of its own, returning a
 * row per row it changed, and a SELECT of those counts (`changed_1`, `changed_2`…), in
 * order. A write with a check has its count passed through `war_room_expect_rows`, which
 * fails the statement (and so undoes all of it, even one committing on its own) when the
 * count is not the one expected. A data-modifying WITH runs whether or not it is read;
 * foreign keys are checked at the end of the statement, so a row may refer to one inserted
 * beside it.
 */
export function combined(held: readonly HeldWrite[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts = held.map((h, i) => {
    const part = `"held_${i + 1}" as (${shifted(h.sql, values.length)} returning 1)`;
    values.push(...h.values);
    return part;
  });
  const counts = held.map((h, i) => {
    const count = `(select count(*)::int from "held_${i + 1}")`;
    if (!h.check) return `${count} as "changed_${i + 1}"`;
    values.push(h.check.rows);
    return `war_room_expect_rows(${count}, $${values.length}::int, ${i + 1}) as "changed_${i + 1}"`;
  });
  return { text: `with ${parts.join(', ')} select ${counts.join(', ')}`, values };
}

/** The held write (its index in `combined`) whose check failed the statement, if one did. */
export function failedCheck(error: unknown): number | undefined {
  const { code, message } = Object(error) as { code?: unknown; message?: unknown };
  if (code !== EXPECT_ROWS_FAILED || typeof message !== 'string') return undefined;
  const found = /^held write (\d+) /.exec(message);
  return found ? Number(found[1]) - 1 : undefined;
}
