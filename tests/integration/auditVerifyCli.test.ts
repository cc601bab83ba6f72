import { execFile } from 'node:child_process';
import path from 'node:path';
import type { StorageLocation } from '../../bot/storage/open';
import { channel } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { forgeAudit } from '../support/auditForgery';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { assertBuilt } from '../support/serverProcess';

const CLI = path.resolve(__dirname, '../../dist/bot/cli/auditVerify.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/bot/cli/auditVerify.js` with nothing of this process's environment but PATH. */
function runCli(env: Record<string, string>, args: string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const lines = (r: Run) => r.stdout.trimEnd().split('\n');

/**
 * `npm run audit:verify` as an operator runs it, as a child process against the store a real
 * server wrote, on SQLite and on PostgreSQL; then against the same store after entries were
 * changed or removed with SQL behind the app's back.
 */
describe.each(['sqlite', 'postgres'] as const)('audit:verify on %s', (engine) => {
  let pg: TestPostgres | undefined;
  let t: TestApp;
  let env: Record<string, string>;
  let location: StorageLocation;
  let cutover: string;
  let rehearsal: string;

  beforeAll(async () => {
    assertBuilt(CLI);
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      pg = await startPostgres();
      databaseUrl = await pg.createDatabase('audit_cli');
    }
    t = await startTestApp(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
    location = { databaseUrl, dataDir: t.app.config.dataDir };
    env = databaseUrl ? { DATABASE_URL: databaseUrl } : { WARROOM_DATA_DIR: location.dataDir };

    await t.say('start Mailbox cutover weekend');
    for (const title of ['Licences not assigned sev2', 'Calendar sharing lost', 'MFA loop sev1']) {
      await t.say(`incident ${title}`);
    }
    const second = channel({ serviceUrl: t.connector.url, tenantId: t.tenantId });
    await t.post(second.message('start Rehearsal night'));
    await t.post(second.message('incident Rehearsal incident'));
    const idOf = async (channelId: string) => {
      const w = await t.app.storage.transaction((tx) =>
        tx.warRooms.findByChannel(t.tenantId, channelId),
      );
      if (!w) throw new Error('war room was not started');
      return w.id;
    };
    cutover = await idOf(t.room.channelId);
    rehearsal = await idOf(second.channelId);
  });
  afterAll(async () => {
    await t?.stop();
    await pg?.stop();
  });

  test('an untouched store: one line per war room, all OK, exit 0', async () => {
    const r = await runCli(env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r).sort()).toEqual(
      [
        `${cutover}\tMailbox cutover weekend\t4 entries\tseq 1-4\tOK`,
        `${rehearsal}\tRehearsal night\t2 entries\tseq 1-2\tOK`,
        '2 war rooms: 2 verified, 0 broken',
      ].sort(),
    );
  });

  test('one character changed with SQL: exit 1, the entry and "hash mismatch"', async () => {
    await forgeAudit(location, cutover, 3, 'edit');
    const r = await runCli(env);
    expect(r.code).toBe(1);
    expect(lines(r)).toContain(
      `${cutover}\tMailbox cutover weekend\t4 entries\tseq 1-4\tBROKEN at seq 3: hash mismatch`,
    );
    expect(lines(r)).toContain(`${rehearsal}\tRehearsal night\t2 entries\tseq 1-2\tOK`);
    expect(lines(r).at(-1)).toBe('2 war rooms: 1 verified, 1 broken');
  });

  test('an entry removed with SQL: exit 1 at the entry after it, "gap in seq"', async () => {
    await forgeAudit(location, rehearsal, 1, 'remove');
    const r = await runCli(env, [rehearsal]);
    expect(r.code).toBe(1);
    expect(lines(r)).toEqual([
      `${rehearsal}\tRehearsal night\t1 entry\tseq 2-2\tBROKEN at seq 2: gap in seq`,
      '1 war room: 0 verified, 1 broken',
    ]);
  });

  test('usage and store errors exit 2 with a message, not a stack trace', async () => {
    const notAnId = await runCli(env, ['--all']);
    expect(notAnId).toMatchObject({ code: 2, stdout: '' });
    expect(notAnId.stderr).toMatch(/^audit:verify: not a war room id: --all\n\nUsage:/);

    const unknown = await runCli(env, ['00000000-0000-4000-8000-000000000000']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/no war room with id 00000000-0000-4000-8000-000000000000/);

    const unreachable =
      engine === 'postgres'
        ? await runCli({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })
        : await runCli({ WARROOM_DATA_DIR: path.join(location.dataDir, 'missing') });
    expect(unreachable).toMatchObject({ code: 2, stdout: '' });
    expect(unreachable.stderr).toMatch(
      engine === 'postgres' ? /ECONNREFUSED/ : /no SQLite database at .*missing/,
    );
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
  });
});
