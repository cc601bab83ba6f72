import type { Compilable } from 'kysely';
import { Pool, type PoolClient } from 'pg';
import { PostgresSession } from '../../bot/storage/postgres/exec';
import { TxScope } from '../../bot/storage/sql/txScope';
import { startPostgres, type TestPostgres } from '../support/postgres';

/**
 * PostgreSQL's transaction session at its commit (decision 032): the held writes and COMMIT
 * are handed to the driver together, so nothing of a failed transaction may be committed,
 * and no ROLLBACK is owed once COMMIT has answered. Raw SQL on tables of its own, run the way
 * `PostgresStorage.run` runs a transaction.
 */
describe.each([
  { mode: 'one statement at a time', pipeline: false },
  // As the storage's main pool runs (postgres/pools.ts).
  { mode: "pg's pipeline mode", pipeline: true },
])('PostgreSQL session at its commit, $mode', ({ pipeline }) => {
  let pg: TestPostgres;
  let pool: Pool;

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('session');
    pool = new Pool({ connectionString: url, max: 2, ...({ pipeline } as object) });
    await pool.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
    await pool.query('CREATE TABLE note (v text NOT NULL)');
    await pool.query('INSERT INTO counter VALUES (1, 0)');
    // As PostgreSQL migration 27 defines it: a held write's check, made in SQL.
    await pool.query(`CREATE FUNCTION war_room_expect_rows(changed integer, expected integer, held integer)
      RETURNS integer LANGUAGE plpgsql AS $$
      BEGIN
        IF changed <> expected THEN
          RAISE EXCEPTION 'held write % changed % rows, not %', held, changed, expected USING ERRCODE = 'WR001';
        END IF;
        RETURN changed;
      END $$`);
  });
  afterAll(async () => {
    await pool?.end();
    await pg?.stop();
  });

  beforeEach(async () => {
    await pool.query('UPDATE counter SET n = 0');
    await pool.query('DELETE FROM note');
  });

  const statement = (sql: string, parameters: unknown[] = []): Compilable =>
    ({ compile: () => ({ sql, parameters }) }) as unknown as Compilable;
  const count = async () =>
    (await pool.query<{ n: number }>('SELECT n FROM counter WHERE id = 1')).rows[0]?.n;

  /** One transaction as the storage runs it; the statements the driver was handed, in order. */
  async function transaction(work: (session: PostgresSession) => Promise<void>) {
    const client: PoolClient = await pool.connect();
    const sent: string[] = [];
    /** For each statement, how many handed before it had not answered yet. */
    const waiting: number[] = [];
    let unanswered = 0;
    const query = client.query.bind(client) as (config: unknown) => Promise<unknown>;
    const spy = jest.spyOn(client, 'query').mockImplementation(((config: unknown) => {
      const text = typeof config === 'string' ? config : (config as { text: string }).text;
      sent.push(text.split(' ').slice(0, 2).join(' '));
      waiting.push(unanswered++);
      const answer = query(config);
      void answer.then(
        () => unanswered--,
        () => unanswered--,
      );
      return answer;
    }) as never);
    const scope = new TxScope();
    const session = new PostgresSession(client, scope, { begin: 'BEGIN', readsBeforeBegin: true });
    let error: unknown;
    try {
      await work(session);
      scope.assertCommittable();
      sent.push(`→ ${await session.commit()}`);
    } catch (e) {
      error = e;
      session.end();
      if (session.inTransaction) await client.query('ROLLBACK');
    } finally {
      spy.mockRestore();
      client.release();
    }
    return { sent, waiting, error };
  }

  const bump = (session: PostgresSession) =>
    session.exec.run(statement('update "counter" set "n" = "n" + 1 where "id" = $1', [1]));

  test('hands COMMIT to the driver before the held writes have answered', async () => {
    const { sent, waiting } = await transaction(async (session) => {
      await bump(session);
      await session.exec.write(statement('insert into "note" ("v") values ($1)', ['kept']));
    });
    expect(sent).toEqual(['BEGIN', 'update "counter"', 'with "held_1"', 'COMMIT', '→ COMMIT']);
    // COMMIT waited in the driver's queue behind the held writes, not for their answer.
    expect(waiting).toEqual([0, 0, 0, 1]);
    expect(await count()).toBe(1);
    expect((await pool.query('SELECT v FROM note')).rows).toEqual([{ v: 'kept' }]);
  });

  test('commits nothing when a held write fails its check, and owes no ROLLBACK after COMMIT', async () => {
    class Missing extends Error {}
    const { sent, error } = await transaction(async (session) => {
      await bump(session);
      await session.exec.write(
        statement('update "note" set "v" = $1 where "v" = $2', ['x', 'none']),
        {
          rows: 1,
          error: () => new Missing(),
        },
      );
    });
    expect(error).toBeInstanceOf(Missing);
    expect(sent).toEqual(['BEGIN', 'update "counter"', 'with "held_1"', 'COMMIT']);
    expect(await count()).toBe(0);
  });

  test('does not hold a write whose value the driver could fail to encode', async () => {
    const unencodable = {
      toPostgres: () => {
        throw new Error('cannot encode');
      },
    };
    const { sent, error } = await transaction(async (session) => {
      await bump(session);
      await session.exec.write(statement('insert into "note" ("v") values ($1)', [unencodable]));
    });
    expect(String(error)).toContain('cannot encode');
    // Sent at once and failed there: the transaction rolled back, and COMMIT never left.
    expect(sent).toEqual(['BEGIN', 'update "counter"', 'insert into', 'ROLLBACK']);
    expect(await count()).toBe(0);
  });
});
