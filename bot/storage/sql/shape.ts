import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema';

/** Where a compiled parameter comes from: a named value of the call, or the shape itself. */
type Slot = { name: string } | { value: unknown };

interface Compiled {
  query: CompiledQuery;
  slots: Slot[];
}

/** The placeholder value a shape is built with for parameter `name`. */
const marker = (name: string) => `\u0000shape:${name}\u0000`;

/** `select *`, `returning *`, `select "t".*`, `, *`: every column, whatever a migration adds. */
const ALL_COLUMNS = /(\bselect|\breturning|,)\s+("[^"]+"\.)?\*/i;

/** Each shaped statement's SQL text → its name as a prepared statement (see `preparedName`). */
const prepared = new Map<string, string>();

/**
 * The name under which a driver may keep `sql` prepared on a connection, if a shape compiled
 * it: a shape's text is fixed, and shapes are the statements read on every request, so
 * PostgreSQL parses and plans each once per connection instead of once per call.
 */
export function preparedName(sql: string): string | undefined {
  return prepared.get(sql);
}

/** Statements made of shaped ones that may be named: a bound on what the map can hold. */
const MAX_COMBINATIONS = 200;
let combinations = 0;

/**
 * The prepared name of a statement made of shaped statements (PostgreSQL's held writes sent
 * together, postgres/heldWrites.ts): the hot writes come in a few fixed sequences, so each
 * sequence is planned once per connection too. None once a part is not a shape.
 */
export function preparedCombination(sql: string, parts: readonly string[]): string | undefined {
  const known = prepared.get(sql);
  if (known || combinations >= MAX_COMBINATIONS) return known;
  if (!parts.every((p) => prepared.has(p))) return undefined;
  combinations++;
  const name = `war_room_shape_${prepared.size + 1}`;
  prepared.set(sql, name);
  return name;
}

/** Builds the query once with a marker for each name, and finds where each one is bound. */
function compileShape<P extends string, V>(
  db: Kysely<Database>,
  names: readonly P[],
  build: (db: Kysely<Database>, p: V) => Compilable<unknown>,
): Compiled {
  const markers = Object.fromEntries(names.map((n) => [n, marker(n)])) as unknown as V;
  const byMarker = new Map<unknown, string>(names.map((n) => [marker(n), n]));
  const query = build(db, markers).compile();
  const slots: Slot[] = query.parameters.map((v) => {
    const name = byMarker.get(v);
    return name === undefined ? { value: v } : { name };
  });
  const bound = new Set(slots.flatMap((s) => ('name' in s ? [s.name] : [])));
  const mixed = slots.some((s) => 'value' in s && String(s.value).includes('\u0000shape:'));
  if (mixed || query.sql.includes('\u0000') || names.some((n) => !bound.has(n))) {
    throw new Error(`a query shape must bind each of ${names.join(', ')} as a parameter`);
  }
  // Not `*`: a column added by a later migration would change a prepared statement's
  // result type, which PostgreSQL refuses ("cached plan must not change result type").
  if (!prepared.has(query.sql) && !ALL_COLUMNS.test(query.sql)) {
    prepared.set(query.sql, `war_room_shape_${prepared.size + 1}`);
  }
  return { query, slots };
}

/** The compiled query with this call's values in its slots. */
function bind<R>({ query, slots }: Compiled, values: Readonly<Record<string, unknown>>) {
  return {
    compile: () => ({
      ...query,
      parameters: slots.map((s) => ('name' in s ? values[s.name] : s.value)),
    }),
  } as Compilable<R>;
}

/**
 * A query built and compiled once per dialect, then re-bound with each call's values:
 * Kysely builds an operation tree and compiles it anew for every statement, which was ~8%
 * of a bot turn's CPU (decision 026). `build` is called once per dialect with a marker
 * string for each name in `names`; each value must reach the query as a bound parameter of
 * its own (a marker that shows up in the SQL text, or not at all, throws at first use).
 * Parameters are strings unless `build` types its `p` otherwise (`{ limit: number }`): a
 * marker is a string even then, which is fine for a value that only becomes a parameter
 * (a comparison, a LIMIT), and nothing else may be done with it.
 */
export function shape<
  P extends string,
  R,
  V extends Readonly<Record<P, string | number | null>> = Readonly<Record<P, string>>,
>(
  names: readonly P[],
  build: (db: Kysely<Database>, p: V) => Compilable<R>,
): (db: Kysely<Database>, values: V) => Compilable<R> {
  const compiled = new WeakMap<Kysely<Database>, Compiled>();
  return (db, values) => {
    let done = compiled.get(db);
    if (!done) compiled.set(db, (done = compileShape(db, names, build)));
    return bind<R>(done, values);
  };
}

/**
 * A statement writing one row (an INSERT of `row`, say), compiled once per dialect and set
 * of columns, then re-bound with each row's values: the hot writes of a bot turn (incident,
 * audit entry, outbox message) are rows of the same columns every time. Kysely leaves out
 * a column whose value is undefined, and so does the set of columns here. A row holding an
 * object (a Buffer, a Kysely expression) is built as usual: only strings, numbers, booleans
 * and null are sure to reach the query as one parameter each, the way a marker does.
 */
export function rowShape<Row extends object, R>(
  build: (db: Kysely<Database>, row: Row) => Compilable<R>,
): (db: Kysely<Database>, row: Row) => Compilable<R> {
  const compiled = new WeakMap<Kysely<Database>, Map<string, Compiled>>();
  return (db, row) => {
    const values: Record<string, unknown> = {};
    const names: string[] = [];
    for (const [name, value] of Object.entries(row)) {
      if (value === undefined) continue;
      // Kysely builds an object (a raw expression) or a function (an expression callback)
      // into the SQL itself: such a row is built afresh, not bound in a marker's slot.
      if ((value !== null && typeof value === 'object') || typeof value === 'function') {
        return build(db, row);
      }
      values[name] = value;
      names.push(name);
    }
    let byColumns = compiled.get(db);
    if (!byColumns) compiled.set(db, (byColumns = new Map()));
    const columns = names.join(',');
    let done = byColumns.get(columns);
    if (!done) {
      done = compileShape(db, names, (d, markers) => build(d, markers as unknown as Row));
      byColumns.set(columns, done);
    }
    return bind<R>(done, values);
  };
}
