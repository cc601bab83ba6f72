import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Database } from './schema';

/**
 * A Kysely instance that compiles queries for one dialect and cannot run them (its driver
 * is a dummy): our Execs run the compiled SQL on the transaction's own connection, so
 * transactions, timeouts and error mapping stay in sqlite/ and postgres/.
 */
export function compileOnly(dialect: 'sqlite' | 'postgres'): Kysely<Database> {
  const sqlite = dialect === 'sqlite';
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => (sqlite ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) =>
        sqlite ? new SqliteIntrospector(db) : new PostgresIntrospector(db),
      createQueryCompiler: () => (sqlite ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    },
  });
}
