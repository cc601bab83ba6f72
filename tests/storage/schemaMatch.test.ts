import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openStorage, sqliteFile, type StorageLocation } from '../../bot/storage/open';
import { SCHEMA, type ColumnSpec, type Family } from '../../bot/storage/sql/schema';
import { backends } from './backends';

/** A column as a migrated database describes it. */
interface Column {
  type: string;
  nullable: boolean;
  default: string | null;
}
type Tables = Record<string, Record<string, Column>>;
type Dialect = 'sqlite' | 'postgres';

/** The declared type of each family in each dialect (see bot/storage/sql/schema.ts). */
const TYPES: Record<Family, Record<Dialect, string>> = {
  text: { sqlite: 'TEXT', postgres: 'text' },
  integer: { sqlite: 'INTEGER', postgres: 'integer' },
  bigint: { sqlite: 'INTEGER', postgres: 'bigint' },
  instant: { sqlite: 'TEXT', postgres: 'timestamp with time zone' },
  json: { sqlite: 'TEXT', postgres: 'jsonb' },
  jsonText: { sqlite: 'TEXT', postgres: 'text' },
};
const FAMILIES = Object.keys(TYPES) as Family[];

/** The migrations' own bookkeeping: not a table the repositories query. */
const BOOKKEEPING = 'schema_migrations';

/** `'en'::text` (pg) and `'en'` (SQLite) are the same default. */
const normaliseDefault = (sql: string | null) => sql?.replace(/::[a-z ]+$/, '') ?? null;

function collect(rows: ({ table: string; column: string } & Column)[]): Tables {
  const tables: Tables = {};
  for (const { table, column, ...described } of rows) {
    if (table === BOOKKEEPING) continue;
    (tables[table] ??= {})[column] = { ...described, default: normaliseDefault(described.default) };
  }
  return tables;
}

function readSqlite(location: StorageLocation): Tables {
  const db = new Database(sqliteFile(location.dataDir), { readonly: true });
  try {
    const rows = db
      .prepare<
        [],
        { table: string; column: string; type: string; notnull: number; dflt_value: string | null }
      >(
        `SELECT m.name AS "table", p.name AS "column", p.type, p."notnull", p.dflt_value
         FROM sqlite_schema m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
      )
      .all();
    return collect(
      rows.map((r) => ({
        table: r.table,
        column: r.column,
        type: r.type,
        nullable: r.notnull === 0,
        default: r.dflt_value,
      })),
    );
  } finally {
    db.close();
  }
}

async function readPostgres(location: StorageLocation): Promise<Tables> {
  const client = new Client({ connectionString: location.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      table: string;
      column: string;
      type: string;
      is_nullable: 'YES' | 'NO';
      column_default: string | null;
    }>(
      `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type,
              c.is_nullable, c.column_default
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    return collect(
      rows.map((r) => ({
        table: r.table,
        column: r.column,
        type: r.type,
        nullable: r.is_nullable === 'YES',
        default: r.column_default,
      })),
    );
  } finally {
    await client.end();
  }
}

/** What SCHEMA says a dialect's migrations must have created. */
function expected(dialect: Dialect): Tables {
  const specs: Record<string, Record<string, ColumnSpec>> = SCHEMA;
  return Object.fromEntries(
    Object.entries(specs).map(([table, columns]) => [
      table,
      Object.fromEntries(
        Object.entries(columns).map(([name, spec]) => [
          name,
          { type: TYPES[spec.family][dialect], nullable: spec.nullable, default: spec.default },
        ]),
      ),
    ]),
  );
}

/** The columns of one table, by name, as `table.column`. */
const columnNames = (tables: Tables) =>
  Object.entries(tables)
    .flatMap(([table, columns]) => Object.keys(columns).map((c) => `${table}.${c}`))
    .sort();

/** Where two migrated schemas disagree on a column both have: type family, null, default. */
function differences(sqlite: Tables, postgres: Tables): string[] {
  const found: string[] = [];
  for (const [table, columns] of Object.entries(sqlite)) {
    for (const [name, a] of Object.entries(columns)) {
      const b = postgres[table]?.[name];
      if (!b) continue; // reported by the comparison of names
      const where = `${table}.${name}`;
      if (!FAMILIES.some((f) => TYPES[f].sqlite === a.type && TYPES[f].postgres === b.type)) {
        found.push(`${where}: no family is ${a.type} in SQLite and ${b.type} in PostgreSQL`);
      }
      if (a.nullable !== b.nullable) {
        found.push(`${where}: nullable ${a.nullable} in SQLite, ${b.nullable} in PostgreSQL`);
      }
      if (a.default !== b.default) {
        found.push(`${where}: default ${a.default} in SQLite, ${b.default} in PostgreSQL`);
      }
    }
  }
  return found;
}

describe('one schema, two dialects', () => {
  const [sqliteBackend, postgresBackend] = backends();
  let sqlite: Tables;
  let postgres: Tables;

  beforeAll(async () => {
    await Promise.all([sqliteBackend!.start(), postgresBackend!.start()]);
    const migrated = async (location: StorageLocation) => {
      await (await openStorage(location)).close(); // opening migrates
      return location;
    };
    sqlite = readSqlite(await migrated(await sqliteBackend!.fresh()));
    postgres = await readPostgres(await migrated(await postgresBackend!.fresh()));
  });

  afterAll(async () => {
    await Promise.all([sqliteBackend?.stop(), postgresBackend?.stop()]);
  });

  it('has the same tables and columns in SQLite and PostgreSQL', () => {
    expect(columnNames(sqlite)).toEqual(columnNames(postgres));
  });

  it('stores each column alike in both: type family, nullability, default', () => {
    expect(differences(sqlite, postgres)).toEqual([]);
  });

  it("matches the query builder's schema (bot/storage/sql/schema.ts) in SQLite", () => {
    expect(sqlite).toEqual(expected('sqlite'));
  });

  it("matches the query builder's schema (bot/storage/sql/schema.ts) in PostgreSQL", () => {
    expect(postgres).toEqual(expected('postgres'));
  });
});
