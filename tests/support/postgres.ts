import { execFile } from 'node:child_process';
import { access, chmod, constants, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

export interface TestPostgres {
  /** Superuser URL of the cluster's `postgres` database (trust auth, 127.0.0.1 only). */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
  /** Fault injection: the server process and its backends, as an outage would treat them. */
  faults: PostgresFaults;
}

/** Ways to take the database away from a running app, and to bring it back. */
export interface PostgresFaults {
  /** `pg_ctl stop -m fast|immediate`: backends are told to go (fast) or die at once. */
  shutdown(mode: 'fast' | 'immediate'): Promise<void>;
  /** SIGKILL to the postmaster: no new connections; its backends exit when they notice. */
  killPostmaster(): Promise<void>;
  /** Starts the server again on the same port (after shutdown or kill; retries ~10 s). */
  restart(): Promise<void>;
  /** SIGSTOP to the postmaster and every backend: connections open but nothing answers. */
  freeze(): Promise<void>;
  /** SIGCONT to what freeze() stopped. */
  thaw(): Promise<void>;
  /** `pg_terminate_backend` of every other client backend; resolves with how many. */
  terminateBackends(): Promise<number>;
  /** True while a postmaster runs (frozen or not). */
  isRunning(): Promise<boolean>;
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
    const url = `postgres://postgres@${host}/postgres`;
    const faults = clusterFaults({ pgCtl, dir, log, port, url });
    return {
      url,
      faults,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name: ${name}`);
        const args = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name];
        await run(path.join(bin, 'createdb'), args, dir);
        return `postgres://postgres@${host}/${name}`;
      },
      async stop() {
        try {
          await faults.thaw(); // a frozen server would never stop
          await asOwner(pgCtl, ['stop', '-D', dir, '-m', 'fast', '-w'], dir).catch(
            async (e: unknown) => {
              if (await isRunning(dir)) throw e; // else it was already down (a fault test)
            },
          );
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
    try {
      await startOn(pgCtl, dir, log, port);
      return port;
    } catch (e) {
      lastError = e;
    }
  }
  throw new Error(`PostgreSQL did not start:\n${await logTail(log)}`, { cause: lastError });
}

function startOn(pgCtl: string, dir: string, log: string, port: number): Promise<string> {
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  return asOwner(pgCtl, ['start', '-D', dir, '-l', log, '-w', '-o', options], dir);
}

/** The postmaster's pid, from the first line of postmaster.pid; undefined when not running. */
async function postmasterPid(dir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: gone (postmaster.pid outlives a killed postmaster)
  }
}

async function isRunning(dir: string): Promise<boolean> {
  return (await postmasterPid(dir)) !== undefined;
}

/** Pids whose parent is `parent`, from /proc (Linux). */
async function childrenOf(parent: number): Promise<number[]> {
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((e) => /^\d+$/.test(e));
  const parents = await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses; split after the last ')'.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }),
  );
  return pids.filter((_, i) => parents[i] === parent).map(Number);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Cluster {
  pgCtl: string;
  dir: string;
  log: string;
  port: number;
  url: string;
}

function clusterFaults({ pgCtl, dir, log, port, url }: Cluster): PostgresFaults {
  let frozen: number[] = [];
  const signal = (pids: number[], sig: NodeJS.Signals) => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, sig);
  };
  const requirePid = async () => {
    const pid = await postmasterPid(dir);
    if (pid === undefined) throw new Error('PostgreSQL is not running');
    return pid;
  };
  return {
    async shutdown(mode) {
      await asOwner(pgCtl, ['stop', '-D', dir, '-m', mode, '-w'], dir);
    },
    async killPostmaster() {
      const pid = await requirePid();
      process.kill(pid, 'SIGKILL');
      while (alive(pid)) await sleep(10);
    },
    async restart() {
      // After a kill, orphaned backends keep the shared memory until they notice the
      // postmaster is gone, and the server refuses to start until then.
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          await startOn(pgCtl, dir, log, port);
          return;
        } catch (e) {
          if (Date.now() > deadline) {
            throw new Error(`PostgreSQL did not restart:\n${await logTail(log)}`, { cause: e });
          }
          await sleep(200);
        }
      }
    },
    async freeze() {
      const pid = await requirePid();
      // The postmaster first, so it forks nothing new while its children are being stopped.
      signal([pid], 'SIGSTOP');
      frozen = [pid, ...(await childrenOf(pid))];
      signal(frozen.slice(1), 'SIGSTOP');
    },
    async thaw() {
      signal(frozen, 'SIGCONT');
      frozen = [];
    },
    isRunning: () => isRunning(dir),
    async terminateBackends() {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE pid <> pg_backend_pid() AND backend_type = 'client backend') t`,
        );
        return rows[0]?.n ?? 0;
      } finally {
        await client.end();
      }
    },
  };
}
