import { execFile } from 'node:child_process';
import { access, chmod, constants, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface TestPostgres {
  /** Superuser URL of the cluster's `postgres` database (trust auth, 127.0.0.1 only). */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

export const INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin ' +
  'or on PATH. Install them with: apt-get install -y postgresql';

const NEEDED = ['initdb', 'pg_ctl', 'createdb'];

async function hasAll(dir: string): Promise<boolean> {
  const checks = NEEDED.map((b) => access(path.join(dir, b), constants.X_OK).then(() => true));
  return Promise.all(checks).then(
    () => true,
    () => false,
  );
}

/** Newest /usr/lib/postgresql/<v>/bin first, then PATH (where Debian puts only wrappers). */
async function findBinDir(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).then(
    (names) => names.filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(b) - Number(a)),
    () => [],
  );
  const candidates = [
    ...versions.map((v) => path.join(root, v, 'bin')),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  for (const dir of candidates) if (await hasAll(dir)) return dir;
  throw new Error(INSTALL_HINT);
}

async function run(file: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await execFileAsync(file, args, { cwd })).stdout;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(`${file} ${args.join(' ')} failed: ${stderr.trim()}`, { cause: e });
  }
}

/** initdb refuses to run as root: then the cluster belongs to (and runs as) `postgres`. */
const asRoot = process.getuid?.() === 0;
function asOwner(bin: string, args: string[], cwd: string): Promise<string> {
  return asRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args], cwd) : run(bin, args, cwd);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function logTail(file: string): Promise<string> {
  return readFile(file, 'utf8').then(
    (text) => text.split('\n').slice(-15).join('\n'),
    (e: Error) => `(no server log: ${e.message})`,
  );
}

/** Starts a throwaway cluster on a free loopback port; about a second. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = await findBinDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'warroom-pg-'));
  // pg_ctl hands -o to a shell: keep the only interpolated path free of shell syntax.
  if (!/^[\w/.-]+$/.test(dir)) throw new Error(`unsafe temp dir for PostgreSQL: ${dir}`);
  const log = path.join(dir, 'server.log');
  const pgCtl = path.join(bin, 'pg_ctl');
  try {
    if (asRoot) {
      await run('chown', ['postgres:', dir], dir);
      await chmod(dir, 0o700);
    }
    const initdb = ['-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C'];
    await asOwner(path.join(bin, 'initdb'), [...initdb, '--no-sync'], dir);
    const port = await startServer(pgCtl, dir, log);
    const host = `127.0.0.1:${port}`;
    return {
      url: `postgres://postgres@${host}/postgres`,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name: ${name}`);
        const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name];
        await run(path.join(bin, 'createdb'), args, dir);
        return `postgres://postgres@${host}/${name}`;
      },
      async stop() {
        try {
          await asOwner(pgCtl, ['stop', '-D', dir, '-m', 'fast', '-w'], dir);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A free port can be taken between probing and binding: try a few. */
async function startServer(pgCtl: string, dir: string, log: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    try {
      await asOwner(pgCtl, ['start', '-D', dir, '-l', log, '-w', '-o', options], dir);
      return port;
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`PostgreSQL did not start:\n${await logTail(log)}`, { cause: lastError });
}
