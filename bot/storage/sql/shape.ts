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
  V extends Readonly<Record<P, string | number>> = Readonly<Record<P, string>>,
>(
  names: readonly P[],
  build: (db: Kysely<Database>, p: V) => Compilable<R>,
): (db: Kysely<Database>, values: V) => Compilable<R> {
  const compiled = new WeakMap<Kysely<Database>, Compiled>();
  const compile = (db: Kysely<Database>): Compiled => {
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
    if (!prepared.has(query.sql) && !/\b(select|returning) \*/i.test(query.sql)) {
      prepared.set(query.sql, `war_room_shape_${prepared.size + 1}`);
    }
    const done = { query, slots };
    compiled.set(db, done);
    return done;
  };
  return (db, values) => {
    const { query, slots } = compiled.get(db) ?? compile(db);
    return {
      compile: () => ({
        ...query,
        parameters: slots.map((s) => ('name' in s ? values[s.name as P] : s.value)),
      }),
    };
  };
}
