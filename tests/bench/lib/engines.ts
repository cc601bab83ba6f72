import { startPostgres, type TestPostgres } from '../../support/postgres';

export type Engine = 'sqlite' | 'postgres';

/** The engines of one run: SQLite always, PostgreSQL in a throwaway cluster when asked. */
export class Engines {
  private pg: TestPostgres | undefined;
  private n = 0;

  constructor(readonly list: readonly Engine[]) {}

  /** Server environment for a fresh database of `engine` (SQLite: the server's own file). */
  async env(engine: Engine, name: string): Promise<Record<string, string>> {
    if (engine === 'sqlite') return {};
    this.pg ??= await startPostgres();
    return { DATABASE_URL: await this.pg.createDatabase(`bench_${name}_${++this.n}`) };
  }

  async stop(): Promise<void> {
    await this.pg?.stop();
  }
}
